//! What can go wrong with a remote signing service (CSC API), worded here. A PIN or OTP the
//! service refuses says it was not tried again and that nothing was written; neither the PIN
//! nor the client secret is ever in a message (what the service says is shown only once
//! neither is in it).

use crate::problem::{Words, words};

/// A problem with a remote signing service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CscProblem {
    /// The service's address is plain `http://` to another machine than this one.
    PlainHttp { url: String },
    /// The address is not an `https://` (or loopback `http://`) URL.
    BadUrl { url: String },
    /// The environment variable holding the service client's id or secret is not set.
    ClientUnset { name: String },
    /// The service could not be reached (what the connection said).
    Unreachable { url: String, detail: String },
    /// `oauth2/token` refused the client's id and secret.
    ClientRefused { detail: String },
    /// The service refused a call (`method`, the HTTP status and what it said).
    Refused {
        method: String,
        status: u16,
        detail: String,
    },
    /// The service refused the PIN or OTP at `credentials/authorize`.
    PinRefused { detail: String },
    /// The service's answer to `method` lacks what the specification puts in it.
    BadAnswer { method: String, detail: String },
    /// The signer did not approve within `--csc-wait` seconds.
    NotApproved { seconds: u64 },
}

impl CscProblem {
    /// The message.
    pub fn message(&self) -> Words {
        match self {
            CscProblem::PlainHttp { url } => words(
                format!("địa chỉ dịch vụ ký từ xa {url} không mã hóa (http://) và không phải máy này"),
                format!("the remote signing service address {url} is unencrypted (http://) and not this machine"),
            ),
            CscProblem::BadUrl { url } => words(
                format!("`{url}` không phải địa chỉ https:// của dịch vụ ký từ xa"),
                format!("`{url}` is not an https:// address of a remote signing service"),
            ),
            CscProblem::ClientUnset { name } => words(
                format!("biến môi trường `{name}` (ứng dụng khách của dịch vụ ký từ xa) chưa được đặt"),
                format!("the environment variable `{name}` (the remote signing service's client) is not set"),
            ),
            CscProblem::Unreachable { url, detail } => words(
                format!("không kết nối được dịch vụ ký từ xa {url}: {detail}"),
                format!("cannot reach the remote signing service {url}: {detail}"),
            ),
            CscProblem::ClientRefused { detail } => words(
                format!("dịch vụ ký từ xa từ chối ứng dụng khách (oauth2/token): {detail}"),
                format!("the remote signing service refused the client (oauth2/token): {detail}"),
            ),
            CscProblem::Refused { method, status, detail } => words(
                format!("dịch vụ ký từ xa trả lỗi {status} cho {method}: {detail}"),
                format!("the remote signing service answered {status} to {method}: {detail}"),
            ),
            CscProblem::PinRefused { detail } => words(
                format!(
                    "dịch vụ ký từ xa từ chối mã PIN/OTP: {detail}. Mã không được thử lại; không có tệp nào được ghi"
                ),
                format!(
                    "the remote signing service refused the PIN/OTP: {detail}. It was not tried again; no file was written"
                ),
            ),
            CscProblem::BadAnswer { method, detail } => words(
                format!("câu trả lời của dịch vụ ký từ xa cho {method} không đúng đặc tả CSC: {detail}"),
                format!(
                    "the remote signing service's answer to {method} does not follow the CSC specification: {detail}"
                ),
            ),
            CscProblem::NotApproved { seconds } => words(
                format!("người ký chưa xác nhận trên điện thoại sau {seconds} giây; không có tệp nào được ghi"),
                format!("the signer did not approve on their phone within {seconds} seconds; no file was written"),
            ),
        }
    }

    /// What to do.
    pub fn hint(&self) -> Words {
        match self {
            CscProblem::PlainHttp { .. } | CscProblem::BadUrl { .. } => words(
                "dùng địa chỉ https:// mà nhà cung cấp dịch vụ ký từ xa công bố",
                "use the https:// address the remote signing provider publishes",
            ),
            CscProblem::ClientUnset { .. } => words(
                "đặt VANBAN_CSC_CLIENT_ID và VANBAN_CSC_CLIENT_SECRET theo thông tin nhà cung cấp cấp cho cơ quan",
                "set VANBAN_CSC_CLIENT_ID and VANBAN_CSC_CLIENT_SECRET as the provider issued them to the agency",
            ),
            CscProblem::Unreachable { .. } | CscProblem::Refused { .. } | CscProblem::BadAnswer { .. } => words(
                "kiểm tra địa chỉ `--csc`, mã `--csc-credential` và mạng; không có tệp nào được ghi, ký lại khi dịch vụ trả lời",
                "check the `--csc` address, the `--csc-credential` id and the network; no file was written: sign again once the service answers",
            ),
            CscProblem::ClientRefused { .. } => words(
                "kiểm tra VANBAN_CSC_CLIENT_ID và VANBAN_CSC_CLIENT_SECRET với nhà cung cấp",
                "check VANBAN_CSC_CLIENT_ID and VANBAN_CSC_CLIENT_SECRET with the provider",
            ),
            CscProblem::PinRefused { .. } => words("kiểm tra lại mã và ký lại", "check the code and sign again"),
            CscProblem::NotApproved { .. } => words(
                "ký lại và xác nhận trên ứng dụng điện thoại, hoặc cho thêm thời gian bằng `--csc-wait GIÂY`",
                "sign again and approve in the phone app, or allow more time with `--csc-wait SECONDS`",
            ),
        }
    }

    /// One of each problem, so every message is checked in both languages.
    pub fn examples() -> Vec<CscProblem> {
        let s = || "x".to_string();
        vec![
            CscProblem::PlainHttp { url: s() },
            CscProblem::BadUrl { url: s() },
            CscProblem::ClientUnset { name: s() },
            CscProblem::Unreachable { url: s(), detail: s() },
            CscProblem::ClientRefused { detail: s() },
            CscProblem::Refused {
                method: s(),
                status: 500,
                detail: s(),
            },
            CscProblem::PinRefused { detail: s() },
            CscProblem::BadAnswer {
                method: s(),
                detail: s(),
            },
            CscProblem::NotApproved { seconds: 300 },
        ]
    }
}
