//! Only the named signer signs: before anything is signed, the certificate must name the
//! person the document's signer block names (its common name), or, for the agency's seal,
//! the body the document's header names as its issuer (its organisation or common name).
//! Names are compared after folding case, marks (`Thành` as `thanh`, `đ` as `d`) and spaces.

use x509_cert::Certificate;

use super::SignProblem;
use super::certs;
use super::slots::Slot;

/// Whether `certificate` may sign `slot`: as the person it names, or (with `agency`) as the
/// issuing body. A slot that records no name (a PDF of an earlier vanban) is refused too:
/// there is nothing to compare with.
pub fn check(slot: &Slot, certificate: &Certificate, agency: bool) -> Result<(), SignProblem> {
    let named = if agency { &slot.issuer } else { &slot.name };
    let Some(document) = named.as_deref().map(str::trim).filter(|n| !n.is_empty()) else {
        return Err(SignProblem::SignerNotRecorded { agency });
    };
    let subject = certificate.tbs_certificate().subject();
    let common_name = certs::common_name(subject);
    let candidates = if agency {
        vec![certs::organisation_name(subject), common_name.clone()]
    } else {
        vec![common_name.clone()]
    };
    if candidates.iter().flatten().any(|name| same_name(name, document)) {
        return Ok(());
    }
    let holder = if agency {
        certs::organisation(certificate)
    } else {
        certs::holder(certificate)
    };
    Err(SignProblem::OtherSigner {
        certificate: holder,
        document: document.to_string(),
        agency,
    })
}

/// Whether two names are the same once case, marks and spaces are folded away.
pub fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (fold(a), fold(b));
    !a.is_empty() && a == b
}

/// Lower case, without marks (`đ` as `d`), letters and digits only.
fn fold(name: &str) -> String {
    crate::vietnamese::without_marks(name)
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_across_case_marks_and_spaces() {
        assert!(same_name("Nguyễn Văn Thành", "NGUYỄN  VĂN THÀNH"));
        assert!(same_name("Lê Đình Hải", "le dinh hai"));
        assert!(same_name("ỦY BAN NHÂN DÂN\nXÃ AN PHÚ", "Ủy ban nhân dân xã An Phú"));
        // Composed and decomposed forms are one name.
        assert!(same_name("Thành", "Tha\u{300}nh"));
    }

    #[test]
    fn another_name_is_another_signer() {
        assert!(!same_name("Nguyễn Văn Khác", "Lý Thị Ngọc"));
        assert!(!same_name("Nguyễn Văn An", "Nguyễn Văn Anh"));
        assert!(!same_name("", ""));
    }
}
