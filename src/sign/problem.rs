//! What can go wrong while signing or verifying, in Vietnamese and English.

use crate::problem::{Words, words};

/// A signing or verification problem; shown as `file: lỗi: message` and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignProblem {
    /// `--password-env` names a variable that is not set.
    PasswordVariableUnset { name: String },
    /// No terminal to ask for the password on.
    NoPasswordPrompt,
    /// Not a PKCS#12 file, or the password is wrong.
    BadPkcs12,
    /// The PKCS#12 file holds no private key with its certificate.
    NoKeyInPkcs12,
    /// The key is neither RSA nor ECDSA P-256.
    UnsupportedKey,
    /// The image is not a PNG.
    NotPng,
    /// The seal PNG does not record its pixel density, so its real size is unknown.
    SealWithoutSize,
    /// The PDF records no signer places (not written by this vanban, or no signer).
    NoSlots,
    /// `--signer` names a role the document does not have.
    NoSuchSigner { role: String, roles: String },
    /// The document has several signers and `--signer` is missing.
    WhichSigner { roles: String },
    /// This place already carries this kind of signature.
    AlreadySigned { field: String },
    /// The PDF cannot be read.
    BadPdf { detail: String },
    /// A form field is reached twice: its `/Kids` loop back, or list one field twice.
    FieldCycle { object: String },
    /// The form's fields nest too deep or are too many.
    FieldsTooDeep { object: String },
    /// The PDF has no signatures.
    NoSignatures,
    /// Some signature is not intact or not trusted.
    VerifyFailed { bad: usize, total: usize },
    /// `-o` with several PDFs.
    OutputWithMany,
    /// Some files of a batch were not signed.
    SomeNotSigned { bad: usize, total: usize },
    /// The time-stamping authority at `url` gave no usable timestamp.
    Timestamp { url: String, detail: String },
    /// A certificate names no CRL distribution point to fetch its revocation status from.
    NoRevocationSource { holder: String },
    /// The revocation list at `url` could not be fetched or read.
    Revocation { url: String, detail: String },
    /// A certificate is on its issuer's revocation list.
    Revoked { holder: String },
    /// The certificate names someone other than the signer (or issuer) the document names.
    OtherSigner {
        certificate: String,
        document: String,
        agency: bool,
    },
    /// The document records no signer's (or issuer's) name to compare the certificate with.
    SignerNotRecorded { agency: bool },
    /// A raw signature that does not verify with the certificate over the prepared digest.
    SignatureMismatch { file: String },
    /// The signature file holds no base64 signature.
    NotBase64 { file: String },
    /// What `--prepare` kept beside the PDF is missing, unreadable, or no longer fits the PDF.
    NotPrepared { detail: String },
    /// A certificate file holds no certificate.
    BadCertificate { file: String },
    /// `--finish` with several PDFs: a signature finishes one.
    OnePreparedPerSignature,
    /// A problem with a USB token.
    Token(super::token_problem::TokenProblem),
    /// A problem with a remote signing service.
    Csc(super::csc_problem::CscProblem),
}

impl crate::problem::Worded for SignProblem {
    fn text(&self) -> (Words, Words) {
        SignProblem::text(self)
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn exit_code(&self) -> i32 {
        use super::token_problem::TokenProblem as T;
        use crate::error::exit;
        match self {
            SignProblem::VerifyFailed { .. } | SignProblem::SomeNotSigned { .. } => exit::FOUND,
            SignProblem::Timestamp { .. } | SignProblem::Revocation { .. } => exit::OUTSIDE,
            SignProblem::Token(T::Module { .. } | T::NoModule { .. } | T::NoToken { .. } | T::Failed { .. }) => {
                exit::OUTSIDE
            }
            SignProblem::PasswordVariableUnset { .. }
            | SignProblem::NoPasswordPrompt
            | SignProblem::Token(T::PinVariableUnset { .. } | T::NoPinPrompt) => exit::USAGE,
            _ => exit::BAD_INPUT,
        }
    }
}

impl SignProblem {
    /// The message and the hint, side by side.
    pub fn text(&self) -> (Words, Words) {
        (self.message(), self.hint())
    }

    fn message(&self) -> Words {
        match self {
            SignProblem::PasswordVariableUnset { name } => words(
                format!("biến môi trường `{name}` (mật khẩu tệp khóa) chưa được đặt"),
                format!("the environment variable `{name}` (the key file's password) is not set"),
            ),
            SignProblem::NoPasswordPrompt => words(
                "không hỏi được mật khẩu: không có màn hình dòng lệnh",
                "cannot ask for the password: no terminal",
            ),
            SignProblem::BadPkcs12 => words(
                "không mở được tệp khóa PKCS#12: sai mật khẩu hoặc không phải tệp .p12",
                "cannot open the PKCS#12 key file: wrong password or not a .p12 file",
            ),
            SignProblem::NoKeyInPkcs12 => words(
                "tệp .p12 không có khóa bí mật kèm chứng thư số",
                "the .p12 file holds no private key with its certificate",
            ),
            SignProblem::UnsupportedKey => words(
                "khóa không phải RSA hoặc ECDSA P-256",
                "the key is neither RSA nor ECDSA P-256",
            ),
            SignProblem::NotPng => words("không phải ảnh PNG", "not a PNG image"),
            SignProblem::SealWithoutSize => words(
                "ảnh con dấu không ghi mật độ điểm ảnh (pHYs), nên không biết kích thước thật",
                "the seal image records no pixel density (pHYs), so its real size is unknown",
            ),
            SignProblem::NoSlots => words(
                "văn bản không ghi vị trí ký (`vanban-cho-ky.json`)",
                "the document records no signing places (`vanban-cho-ky.json`)",
            ),
            SignProblem::NoSuchSigner { role, roles } => words(
                format!("văn bản không có người ký `{role}`; có: {roles}"),
                format!("the document has no signer `{role}`; it has: {roles}"),
            ),
            SignProblem::WhichSigner { roles } => words(
                format!("văn bản có nhiều người ký: {roles}"),
                format!("the document has several signers: {roles}"),
            ),
            SignProblem::AlreadySigned { field } => words(
                format!("vị trí `{field}` đã được ký"),
                format!("`{field}` is signed already"),
            ),
            SignProblem::BadPdf { detail } => words(
                format!("không đọc được tệp PDF ({detail})"),
                format!("cannot read the PDF ({detail})"),
            ),
            SignProblem::FieldCycle { object } => words(
                format!(
                    "các trường biểu mẫu của tệp PDF tạo thành vòng lặp: đối tượng {object} xuất hiện hai lần trong cây /Kids"
                ),
                format!("the PDF's form fields loop: object {object} is reached twice through /Kids"),
            ),
            SignProblem::FieldsTooDeep { object } => words(
                format!("cây trường biểu mẫu của tệp PDF quá sâu hoặc quá nhiều trường (tại đối tượng {object})"),
                format!("the PDF's form field tree is too deep or has too many fields (at object {object})"),
            ),
            SignProblem::NoSignatures => words("tệp PDF không có chữ ký số", "the PDF has no digital signature"),
            SignProblem::VerifyFailed { bad, total } => words(
                format!("{bad}/{total} chữ ký không hợp lệ"),
                format!("{bad} of {total} signatures are not valid"),
            ),
            SignProblem::OutputWithMany => words("`-o` chỉ dùng khi ký một tệp", "`-o` is for signing one file"),
            SignProblem::SomeNotSigned { bad, total } => words(
                format!("{bad}/{total} tệp chưa ký được"),
                format!("{bad} of {total} files were not signed"),
            ),
            SignProblem::Timestamp { url, detail } => words(
                format!("không lấy được dấu thời gian từ {url}: {detail}"),
                format!("no timestamp from {url}: {detail}"),
            ),
            SignProblem::NoRevocationSource { holder } => words(
                format!("chứng thư của {holder} không ghi nơi hỏi tình trạng thu hồi (OCSP hay CRL)"),
                format!("the certificate of {holder} names no place to ask for its revocation status (OCSP or CRL)"),
            ),
            SignProblem::Revocation { url, detail } => words(
                format!("không lấy được tình trạng thu hồi chứng thư từ {url}: {detail}"),
                format!("no certificate revocation status from {url}: {detail}"),
            ),
            SignProblem::Revoked { holder } => words(
                format!("chứng thư của {holder} đã bị thu hồi"),
                format!("the certificate of {holder} has been revoked"),
            ),
            SignProblem::OtherSigner {
                certificate,
                document,
                agency: false,
            } => words(
                format!("chứng thư số của {certificate}, văn bản do {document} ký"),
                format!("the certificate is {certificate}'s, the document is signed by {document}"),
            ),
            SignProblem::OtherSigner {
                certificate,
                document,
                agency: true,
            } => words(
                format!("chứng thư số của {certificate}, văn bản do {document} ban hành"),
                format!("the certificate is {certificate}'s, the document is issued by {document}"),
            ),
            SignProblem::SignerNotRecorded { agency: false } => words(
                "văn bản không ghi tên người ký để đối chiếu với chứng thư số",
                "the document records no signer's name to check the certificate against",
            ),
            SignProblem::SignerNotRecorded { agency: true } => words(
                "văn bản không ghi tên cơ quan ban hành để đối chiếu với chứng thư số",
                "the document records no issuer's name to check the certificate against",
            ),
            SignProblem::SignatureMismatch { file } => words(
                format!(
                    "chữ ký trong {file} không khớp với chứng thư số và bản tóm lược đã chuẩn bị; không ghi tệp nào"
                ),
                format!(
                    "the signature in {file} does not verify with the certificate over the prepared digest; nothing was written"
                ),
            ),
            SignProblem::NotBase64 { file } => words(
                format!("{file} không chứa chữ ký dạng base64"),
                format!("{file} holds no base64 signature"),
            ),
            SignProblem::NotPrepared { detail } => words(
                format!("tệp không phải tệp đã chuẩn bị ký bằng `--prepare`, hoặc đã bị sửa sau đó ({detail})"),
                format!("the file was not prepared with `--prepare`, or changed since ({detail})"),
            ),
            SignProblem::BadCertificate { file } => words(
                format!("{file} không chứa chứng thư số (PEM hoặc DER)"),
                format!("{file} holds no certificate (PEM or DER)"),
            ),
            SignProblem::OnePreparedPerSignature => words(
                "mỗi chữ ký chỉ hoàn tất một tệp đã chuẩn bị",
                "a signature finishes one prepared PDF",
            ),
            SignProblem::Token(problem) => problem.message(),
            SignProblem::Csc(problem) => problem.message(),
        }
    }

    fn hint(&self) -> Words {
        match self {
            SignProblem::PasswordVariableUnset { .. } => words(
                "đặt biến đó, hoặc bỏ `--password-env` để nhập mật khẩu khi được hỏi",
                "set that variable, or leave out `--password-env` to type the password when asked",
            ),
            SignProblem::NoPasswordPrompt => words(
                "dùng `--password-env TÊN_BIẾN` với một biến môi trường chứa mật khẩu",
                "use `--password-env NAME` with an environment variable holding the password",
            ),
            SignProblem::BadPkcs12 | SignProblem::NoKeyInPkcs12 => words(
                "kiểm tra mật khẩu và xuất lại tệp .p12 kèm khóa bí mật và chuỗi chứng thư",
                "check the password, and export the .p12 again with its private key and certificate chain",
            ),
            SignProblem::UnsupportedKey => words(
                "dùng chứng thư số RSA (như các CA công cộng cấp) hoặc ECDSA P-256",
                "use an RSA certificate (as public CAs issue) or ECDSA P-256",
            ),
            SignProblem::NotPng => words(
                "dùng ảnh PNG nền trong suốt (chữ ký màu xanh, con dấu màu đỏ)",
                "use a PNG with a transparent background (a blue signature, a red seal)",
            ),
            SignProblem::SealWithoutSize => words(
                "lưu lại ảnh con dấu kèm độ phân giải (dpi) để ảnh có kích thước thật",
                "save the seal image again with its resolution (dpi) so that it has a real size",
            ),
            SignProblem::NoSlots => words(
                "ký tệp PDF do `vanban render` tạo ra từ văn bản có người ký",
                "sign a PDF written by `vanban render` for a document with a signer",
            ),
            SignProblem::NoSuchSigner { .. } | SignProblem::WhichSigner { .. } => {
                words("chọn người ký bằng `--signer`", "choose the signer with `--signer`")
            }
            SignProblem::AlreadySigned { .. } => words(
                "mỗi vị trí chỉ ký một lần; kiểm tra bằng `vanban verify`",
                "each place is signed once; check with `vanban verify`",
            ),
            SignProblem::BadPdf { .. } | SignProblem::FieldCycle { .. } | SignProblem::FieldsTooDeep { .. } => words(
                "kiểm tra tệp PDF; tệp này không do một trình tạo PDF bình thường tạo ra",
                "check the PDF; no ordinary PDF writer makes this",
            ),
            SignProblem::NoSignatures => words("ký bằng `vanban sign`", "sign with `vanban sign`"),
            SignProblem::VerifyFailed { .. } => words(
                "không dùng văn bản này: nó đã bị sửa sau khi ký hoặc chữ ký không được tin cậy",
                "do not rely on this document: it changed after signing or a signature is not trusted",
            ),
            SignProblem::OutputWithMany => words(
                "bỏ `-o`: mỗi tệp đã ký được ghi cạnh tệp gốc với đuôi -da-ky.pdf",
                "leave out `-o`: each signed file is written beside its PDF, ending in -da-ky.pdf",
            ),
            SignProblem::SomeNotSigned { .. } => words(
                "xem lỗi của từng tệp ở trên; các tệp khác đã ký xong",
                "see each file's error above; the others are signed",
            ),
            SignProblem::Timestamp { .. } => words(
                "kiểm tra địa chỉ `--tsa` và mạng; tệp chưa được ký, ký lại khi máy chủ dấu thời gian trả lời",
                "check the `--tsa` address and the network; nothing was signed: sign again once the authority answers",
            ),
            SignProblem::NoRevocationSource { .. } => words(
                "ký không có `--ltv`, hoặc dùng chứng thư do tổ chức chứng thực cấp có địa chỉ OCSP hay điểm phân phối CRL",
                "sign without `--ltv`, or with a certificate whose authority gives an OCSP address or a CRL distribution point",
            ),
            SignProblem::Revocation { .. } => words(
                "kiểm tra mạng; tệp đã ký vẫn giữ nguyên, chạy lại `vanban sign --ltv` khi máy chủ trả lời",
                "check the network; the signed file is kept as it was: run `vanban sign --ltv` again once the server answers",
            ),
            SignProblem::Revoked { .. } => words(
                "chữ ký bằng chứng thư đã thu hồi không có giá trị; liên hệ tổ chức chứng thực",
                "a signature with a revoked certificate is not valid; contact the certification authority",
            ),
            SignProblem::OtherSigner { .. } => words(
                "ký bằng chứng thư số của đúng người ký (hoặc của cơ quan ban hành); nếu được giao ký thay, thêm `--allow-other-signer`",
                "sign with the named signer's (or the issuer's) certificate; if you are charged to sign in their place, add `--allow-other-signer`",
            ),
            SignProblem::SignerNotRecorded { .. } => words(
                "tạo lại tệp PDF bằng `vanban render` của phiên bản này, hoặc thêm `--allow-other-signer`",
                "render the PDF again with this vanban's `vanban render`, or add `--allow-other-signer`",
            ),
            SignProblem::SignatureMismatch { .. } => words(
                "ký lại đúng giá trị `digest` mà `--prepare` in ra, bằng khóa của chứng thư đã dùng khi chuẩn bị",
                "sign the very `digest` that `--prepare` printed, with the key of the certificate used to prepare",
            ),
            SignProblem::NotBase64 { .. } => words(
                "ghi chữ ký (RSA PKCS#1 v1.5 hoặc ECDSA) dạng base64 vào tệp, hoặc truyền qua `-` (đầu vào chuẩn)",
                "write the signature (RSA PKCS#1 v1.5 or ECDSA) in base64 to the file, or pass it on `-` (standard input)",
            ),
            SignProblem::NotPrepared { .. } => words(
                "chuẩn bị lại bằng `vanban sign --prepare` rồi ký giá trị `digest` mới",
                "prepare again with `vanban sign --prepare` and sign the new `digest`",
            ),
            SignProblem::BadCertificate { .. } => words(
                "xuất chứng thư số của người ký từ thiết bị ký (tệp .pem hoặc .cer)",
                "export the signer's certificate from the signing device (a .pem or .cer file)",
            ),
            SignProblem::OnePreparedPerSignature => words(
                "chạy `vanban sign --finish` cho từng tệp với chữ ký của tệp đó",
                "run `vanban sign --finish` for each file with its own signature",
            ),
            SignProblem::Token(problem) => problem.hint(),
            SignProblem::Csc(problem) => problem.hint(),
        }
    }

    /// One of each problem, so every message is checked in both languages.
    pub fn examples() -> Vec<SignProblem> {
        let s = || "x".to_string();
        vec![
            SignProblem::PasswordVariableUnset { name: s() },
            SignProblem::NoPasswordPrompt,
            SignProblem::BadPkcs12,
            SignProblem::NoKeyInPkcs12,
            SignProblem::UnsupportedKey,
            SignProblem::NotPng,
            SignProblem::SealWithoutSize,
            SignProblem::NoSlots,
            SignProblem::NoSuchSigner { role: s(), roles: s() },
            SignProblem::WhichSigner { roles: s() },
            SignProblem::AlreadySigned { field: s() },
            SignProblem::BadPdf { detail: s() },
            SignProblem::FieldCycle { object: s() },
            SignProblem::FieldsTooDeep { object: s() },
            SignProblem::NoSignatures,
            SignProblem::VerifyFailed { bad: 1, total: 2 },
            SignProblem::OutputWithMany,
            SignProblem::SomeNotSigned { bad: 1, total: 2 },
            SignProblem::Timestamp { url: s(), detail: s() },
            SignProblem::NoRevocationSource { holder: s() },
            SignProblem::Revocation { url: s(), detail: s() },
            SignProblem::Revoked { holder: s() },
            SignProblem::OtherSigner {
                certificate: s(),
                document: s(),
                agency: false,
            },
            SignProblem::OtherSigner {
                certificate: s(),
                document: s(),
                agency: true,
            },
            SignProblem::SignerNotRecorded { agency: false },
            SignProblem::SignerNotRecorded { agency: true },
            SignProblem::SignatureMismatch { file: s() },
            SignProblem::NotBase64 { file: s() },
            SignProblem::NotPrepared { detail: s() },
            SignProblem::BadCertificate { file: s() },
            SignProblem::OnePreparedPerSignature,
        ]
        .into_iter()
        .chain(
            super::token_problem::TokenProblem::examples()
                .into_iter()
                .map(SignProblem::Token),
        )
        .chain(
            super::csc_problem::CscProblem::examples()
                .into_iter()
                .map(SignProblem::Csc),
        )
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::Lang;

    #[test]
    fn every_signing_problem_reads_in_both_languages() {
        for problem in SignProblem::examples() {
            let error = crate::sign::problem(std::path::Path::new("x.pdf"), problem);
            let (vi, en) = (error.render(Lang::Vi), error.render(Lang::En));
            assert_ne!(vi, en, "{error:?}");
            assert!(vi.contains("gợi ý") && en.contains("hint"), "{vi}\n{en}");
        }
    }
}
