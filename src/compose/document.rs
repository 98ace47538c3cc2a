//! What every document gives its template, whatever its kind: number line and symbol,
//! date, date line, signer, recipients, who announces it, and its block's own fields. One
//! context for every kind, built from the table's request; a template reads its own block
//! by name (`notice.number_line`, `plan.purposes`).

use std::collections::BTreeMap;

use serde::Serialize;

use super::facts::{DateContext, date_context};
use super::punctuation;
use crate::documents::{Asked, Codes, Format, Spec, date_of, symbol};
use crate::record::{Date, Issuer, IssuerSystem};
use crate::vietnamese as vn;

/// One document's own context.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentContext {
    /// `Số: 05/TB-UBND` or `Số 123-TB/HU`; empty when the kind is not numbered.
    pub number_line: String,
    /// The number and symbol as cited in running text: `05/TB-UBND`, `123-TB/HU`.
    pub symbol: String,
    /// Issue date.
    pub date: DateContext,
    /// `Thọ Xuân, ngày 28 tháng 3 năm 2024`.
    pub date_line: String,
    /// The signer, when one person signs.
    pub signer: Option<SignerContext>,
    /// Nơi nhận, each item without the mark the layout ends it with.
    pub recipients: Vec<String>,
    /// Who "thông báo" in the closing line: the body itself when signed on its behalf
    /// (`TM.`, `T/M`), else the drafting office.
    pub announcer: String,
    /// The block's own fields (`materials`, `prepare`, `purposes` ...).
    #[serde(flatten)]
    pub own: serde_json::Map<String, serde_json::Value>,
}

/// The signer of a document.
#[derive(Debug, Clone, Serialize)]
pub struct SignerContext {
    /// `T/L BAN THƯỜNG VỤ`.
    pub authority: String,
    /// `CHÁNH VĂN PHÒNG`.
    pub position: String,
    /// Name.
    pub name: String,
}

/// The contexts of the PDF documents a record asks for, by their block's name.
pub fn documents_context(
    system: IssuerSystem,
    issuer: &Issuer,
    asked: Vec<(&'static Spec, Asked)>,
    record_date: Date,
) -> BTreeMap<&'static str, DocumentContext> {
    asked
        .into_iter()
        .filter(|(spec, _)| spec.format == Format::Pdf)
        .map(|(spec, asked)| (spec.block, document_context(system, issuer, spec, asked, record_date)))
        .collect()
}

fn document_context(
    system: IssuerSystem,
    issuer: &Issuer,
    spec: &Spec,
    asked: Asked,
    record_date: Date,
) -> DocumentContext {
    let date = date_of(spec, asked.date, record_date);
    let codes = Codes {
        issuer: &issuer.code,
        office: issuer.office_code.as_deref(),
    };
    let symbol = symbol(spec.kind, system, asked.number, codes).unwrap_or_default();
    let on_behalf = asked.signer.is_some_and(|signer| {
        matches!(
            vn::split_authority(system, &signer.authority.value),
            Some(("TM." | "T/M", _))
        )
    });
    DocumentContext {
        number_line: if symbol.is_empty() {
            String::new()
        } else {
            vn::number_line(system, &symbol)
        },
        symbol,
        date: date_context(date),
        date_line: vn::date_line(&issuer.place, date),
        signer: asked.signer.map(|signer| SignerContext {
            authority: vn::upper(&signer.authority.value),
            position: vn::upper(&signer.position),
            name: signer.name.clone(),
        }),
        // `vanban.typ` ends each item itself ("- …;", the last "- ….").
        recipients: asked.recipients.iter().map(|r| punctuation::clause(r)).collect(),
        announcer: if on_behalf {
            issuer.name.value.clone()
        } else {
            issuer.office.clone().unwrap_or_else(|| issuer.name.value.clone())
        },
        own: match asked.own {
            serde_json::Value::Object(map) => map,
            _ => serde_json::Map::new(),
        },
    }
}
