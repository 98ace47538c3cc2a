//! What can go wrong with a USB token, worded here. A wrong PIN says it was not tried again
//! and what the token tells of the tries left; nothing of the PIN is ever in a message.

use crate::problem::{Words, words};

/// A problem with a token or its PKCS#11 module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenProblem {
    /// The module cannot be loaded or started (what the loader said).
    Module { detail: String },
    /// `--pkcs11 auto` found no module with a token plugged in (the modules it tried).
    NoModule { tried: String },
    /// `--pkcs11 auto` found several modules with a token: which.
    WhichModule { found: String },
    /// No token (with this label) is plugged in.
    NoToken { label: String },
    /// Several tokens and no `--token-label`: their labels.
    WhichToken { labels: String },
    /// The PIN was wrong: what the token says after it.
    WrongPin {
        final_try: bool,
        count_low: bool,
        locked: bool,
    },
    /// The token's PIN is locked.
    PinLocked,
    /// No private key (with this label) on the token.
    NoKey { label: String },
    /// Several keys and no `--key-label`: their labels.
    WhichKey { labels: String },
    /// No certificate on the token has the key's id.
    NoCertificate,
    /// The token refused an operation (what it said).
    Failed { detail: String },
    /// `--pin-env` names a variable that is not set.
    PinVariableUnset { name: String },
    /// No terminal to ask for the PIN on.
    NoPinPrompt,
}

impl TokenProblem {
    /// The message.
    pub fn message(&self) -> Words {
        match self {
            TokenProblem::Module { detail } => words(
                format!("không nạp được mô-đun PKCS#11 của token: {detail}"),
                format!("cannot load the token's PKCS#11 module: {detail}"),
            ),
            TokenProblem::NoModule { tried } if tried.is_empty() => words(
                "không tìm thấy mô-đun PKCS#11 nào trên máy (`--pkcs11 auto`)",
                "no PKCS#11 module found on this machine (`--pkcs11 auto`)",
            ),
            TokenProblem::NoModule { tried } => words(
                format!("không mô-đun PKCS#11 nào có token đang cắm (đã thử: {tried})"),
                format!("no PKCS#11 module has a token plugged in (tried: {tried})"),
            ),
            TokenProblem::WhichModule { found } => words(
                format!("nhiều mô-đun PKCS#11 có token đang cắm: {found}"),
                format!("several PKCS#11 modules have a token plugged in: {found}"),
            ),
            TokenProblem::NoToken { label } if label.is_empty() => {
                words("không thấy token nào đang cắm", "no token is plugged in")
            }
            TokenProblem::NoToken { label } => words(
                format!("không thấy token có nhãn `{label}`"),
                format!("no token labelled `{label}`"),
            ),
            TokenProblem::WhichToken { labels } => words(
                format!("đang cắm nhiều token: {labels}"),
                format!("several tokens are plugged in: {labels}"),
            ),
            TokenProblem::WrongPin {
                final_try,
                count_low,
                locked,
            } => {
                let (vi, en) = match (locked, final_try, count_low) {
                    (true, _, _) => ("token đã bị khóa PIN", "the token's PIN is now locked"),
                    (false, true, _) => ("token báo chỉ còn một lần thử", "the token says one try is left"),
                    (false, false, true) => (
                        "token báo đã nhập sai nhiều lần",
                        "the token says there have been several wrong tries",
                    ),
                    _ => (
                        "token không báo số lần thử còn lại",
                        "the token does not say how many tries are left",
                    ),
                };
                words(
                    format!("sai mã PIN; vanban không thử lại (token tự khóa sau vài lần sai); {vi}"),
                    format!("wrong PIN; vanban does not try again (a token locks after a few wrong tries); {en}"),
                )
            }
            TokenProblem::PinLocked => words("mã PIN của token đã bị khóa", "the token's PIN is locked"),
            TokenProblem::NoKey { label } if label.is_empty() => {
                words("token không có khóa bí mật nào", "the token holds no private key")
            }
            TokenProblem::NoKey { label } => words(
                format!("token không có khóa bí mật nhãn `{label}`"),
                format!("the token holds no private key labelled `{label}`"),
            ),
            TokenProblem::WhichKey { labels } => words(
                format!("token có nhiều khóa bí mật: {labels}"),
                format!("the token holds several private keys: {labels}"),
            ),
            TokenProblem::NoCertificate => words(
                "token không có chứng thư số đi kèm khóa bí mật (cùng CKA_ID)",
                "the token holds no certificate for the private key (same CKA_ID)",
            ),
            TokenProblem::Failed { detail } => words(
                format!("token báo lỗi: {detail}"),
                format!("the token reported an error: {detail}"),
            ),
            TokenProblem::PinVariableUnset { name } => words(
                format!("biến môi trường `{name}` (mã PIN) chưa được đặt"),
                format!("the environment variable `{name}` (the PIN) is not set"),
            ),
            TokenProblem::NoPinPrompt => words(
                "không hỏi được mã PIN: không có màn hình dòng lệnh",
                "cannot ask for the PIN: no terminal",
            ),
        }
    }

    /// The hint.
    pub fn hint(&self) -> Words {
        match self {
            TokenProblem::Module { .. } => words(
                "kiểm tra đường dẫn `--pkcs11` tới tệp .so/.dll của nhà cung cấp chứng thư số",
                "check the `--pkcs11` path to the certificate provider's .so/.dll file",
            ),
            TokenProblem::NoModule { .. } => words(
                "cắm token; nếu vẫn không thấy, ghi đường dẫn tệp .so/.dll mà nhà cung cấp chứng thư số cài đặt: `--pkcs11 ĐƯỜNG-DẪN`",
                "plug the token in; if it is still not found, give the path of the .so/.dll the certificate provider installed: `--pkcs11 PATH`",
            ),
            TokenProblem::WhichModule { .. } => words("chọn một: `--pkcs11 ĐƯỜNG-DẪN`", "choose one: `--pkcs11 PATH`"),
            TokenProblem::NoToken { .. } => words(
                "cắm token, hoặc xem nhãn các token bằng `pkcs11-tool --module MÔ-ĐUN --list-slots`",
                "plug the token in, or list the labels with `pkcs11-tool --module MODULE --list-slots`",
            ),
            TokenProblem::WhichToken { .. } => {
                words("chọn một bằng `--token-label`", "choose one with `--token-label`")
            }
            TokenProblem::WrongPin { .. } => words(
                "kiểm tra mã PIN rồi chạy lại lệnh một lần",
                "check the PIN, then run the command once more",
            ),
            TokenProblem::PinLocked => words(
                "liên hệ nhà cung cấp chứng thư số để mở khóa (cần mã PUK/SO PIN)",
                "ask the certificate provider to unlock it (it needs the SO PIN)",
            ),
            TokenProblem::NoKey { .. } | TokenProblem::NoCertificate => words(
                "kiểm tra token bằng `pkcs11-tool --module MÔ-ĐUN --list-objects --login`",
                "look at the token with `pkcs11-tool --module MODULE --list-objects --login`",
            ),
            TokenProblem::WhichKey { .. } => words("chọn một bằng `--key-label`", "choose one with `--key-label`"),
            TokenProblem::Failed { .. } => words(
                "kiểm tra token còn cắm, rồi thử lại",
                "check that the token is still plugged in, then try again",
            ),
            TokenProblem::PinVariableUnset { .. } => words(
                "đặt biến đó, hoặc bỏ `--pin-env` để nhập mã PIN khi được hỏi",
                "set that variable, or leave out `--pin-env` to type the PIN when asked",
            ),
            TokenProblem::NoPinPrompt => words(
                "dùng `--pin-env TÊN_BIẾN` với một biến môi trường chứa mã PIN",
                "use `--pin-env NAME` with an environment variable holding the PIN",
            ),
        }
    }

    /// One of each problem, so every message is checked in both languages.
    pub fn examples() -> Vec<TokenProblem> {
        let s = || "x".to_string();
        vec![
            TokenProblem::Module { detail: s() },
            TokenProblem::NoModule { tried: s() },
            TokenProblem::NoModule { tried: String::new() },
            TokenProblem::WhichModule { found: s() },
            TokenProblem::NoToken { label: s() },
            TokenProblem::NoToken { label: String::new() },
            TokenProblem::WhichToken { labels: s() },
            TokenProblem::WrongPin {
                final_try: true,
                count_low: true,
                locked: false,
            },
            TokenProblem::WrongPin {
                final_try: false,
                count_low: false,
                locked: false,
            },
            TokenProblem::PinLocked,
            TokenProblem::NoKey { label: s() },
            TokenProblem::WhichKey { labels: s() },
            TokenProblem::NoCertificate,
            TokenProblem::Failed { detail: s() },
            TokenProblem::PinVariableUnset { name: s() },
            TokenProblem::NoPinPrompt,
        ]
    }
}
