//! What every signed document gives its template (the notice, the report, the invitation):
//! number line, date line, signer and recipients.

use serde::Serialize;

use super::facts::{DateContext, date_context};
use crate::documents::DocKind;
use crate::record::{Date, Issuer, IssuerSystem, SignedSpec, Signer};
use crate::vietnamese as vn;

/// The invitation: a signed document, and what the invited should prepare.
#[derive(Debug, Clone, Serialize)]
pub struct InvitationContext {
    /// Number, date, signer and recipients.
    #[serde(flatten)]
    pub signed: SignedContext,
    /// What to prepare, one item each.
    pub prepare: Vec<String>,
}

/// A signed document's own settings (the notice, the report).
#[derive(Debug, Clone, Serialize)]
pub struct SignedContext {
    /// `Số: 05/TB-UBND` or `Số 123-TB/HU`.
    pub number_line: String,
    /// Issue date.
    pub date: DateContext,
    /// `Thọ Xuân, ngày 28 tháng 3 năm 2024`.
    pub date_line: String,
    /// The signer.
    pub signer: SignerContext,
    /// Nơi nhận.
    pub recipients: Vec<String>,
    /// Who "thông báo" in the closing line: the body itself when signed on its behalf
    /// (`TM.`, `T/M`), else the drafting office.
    pub announcer: String,
}

/// The signer of a notice.
#[derive(Debug, Clone, Serialize)]
pub struct SignerContext {
    /// `T/L BAN THƯỜNG VỤ`.
    pub authority: String,
    /// `CHÁNH VĂN PHÒNG`.
    pub position: String,
    /// Name.
    pub name: String,
}

/// What every signed document block gives.
pub(crate) struct Signed<'a> {
    pub(crate) number: Option<u32>,
    pub(crate) date: Option<Date>,
    pub(crate) signer: &'a Signer,
    pub(crate) recipients: &'a [String],
}

impl<'a> From<&'a SignedSpec> for Signed<'a> {
    fn from(spec: &'a SignedSpec) -> Signed<'a> {
        Signed {
            number: spec.number.map(|n| n.0),
            date: spec.date,
            signer: &spec.signer,
            recipients: &spec.recipients,
        }
    }
}

/// Number line, date line, signer and recipients of a signed document of `kind`.
pub(crate) fn signed_context(
    system: IssuerSystem,
    issuer: &Issuer,
    spec: Signed,
    kind: DocKind,
    default_date: Date,
) -> SignedContext {
    let date = spec.date.unwrap_or(default_date);
    let on_behalf = matches!(
        vn::split_authority(system, &spec.signer.authority.value),
        Some(("TM." | "T/M", _))
    );
    SignedContext {
        number_line: vn::document_number(system, spec.number, kind.type_code(), &issuer.code),
        date: date_context(date),
        date_line: vn::date_line(&issuer.place, date),
        signer: SignerContext {
            authority: vn::upper(&spec.signer.authority.value),
            position: vn::upper(&spec.signer.position),
            name: spec.signer.name.clone(),
        },
        recipients: spec.recipients.to_vec(),
        announcer: if on_behalf {
            issuer.name.value.clone()
        } else {
            issuer.office.clone().unwrap_or_else(|| issuer.name.value.clone())
        },
    }
}
