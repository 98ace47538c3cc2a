//! The `documents` block of a working session or an assessment: one block per document
//! kind asked for, each with the parts every signed document has and its own fields.

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use super::{Date, DocNumber};

/// Which documents to issue.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Documents {
    /// Biên bản.
    #[schemars(with = "Option<MinutesSpec>")]
    pub minutes: Option<Spanned<MinutesSpec>>,
    /// Thông báo kết luận.
    #[schemars(with = "Option<SignedSpec>")]
    pub notice: Option<Spanned<SignedSpec>>,
    /// Tin bài.
    pub news: Option<NewsSpec>,
    /// Giấy mời to the session.
    #[schemars(with = "Option<InvitationSpec>")]
    pub invitation: Option<Spanned<InvitationSpec>>,
    /// Kế hoạch thực hiện kết luận: the plan that carries out the notice's tasks.
    #[schemars(with = "Option<PlanSpec>")]
    pub plan: Option<Spanned<PlanSpec>>,
    /// Công văn forwarding the notice to the bodies that must act on it.
    #[schemars(with = "Option<LetterSpec>")]
    pub letter: Option<Spanned<LetterSpec>>,
}

/// The parts every signed document's block has.
pub struct SignedParts<'a> {
    /// Document number, if given.
    pub number: Option<u32>,
    /// Issue date, if given.
    pub date: Option<Date>,
    /// Who signs.
    pub signer: &'a Signer,
    /// Nơi nhận.
    pub recipients: &'a [String],
}

/// A signed document's block: the common parts; its own fields serialize for its template.
pub trait SignedBlock {
    /// Number, date, signer and recipients.
    fn parts(&self) -> SignedParts<'_>;
}

/// Declares a signed document's block: the common parts (number, date, signer, recipients),
/// written once here, then the block's own fields; the common parts are read through
/// [`SignedBlock`], the block's own fields serialize for its template.
macro_rules! signed_block {
    ($(#[$meta:meta])* pub struct $name:ident { $($(#[$field_meta:meta])* pub $field:ident: $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Deserialize, Serialize, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            /// Document number; absent leaves a blank.
            #[serde(skip_serializing)]
            pub number: Option<DocNumber>,
            /// Issue date; defaults to the record's date (the kind's table entry says what
            /// bound it keeps: on or before the session, on or after the notice).
            #[serde(skip_serializing)]
            pub date: Option<Date>,
            /// Who signs.
            #[serde(skip_serializing)]
            pub signer: Signer,
            /// Nơi nhận.
            #[serde(default, skip_serializing)]
            pub recipients: Vec<String>,
            $($(#[$field_meta])* pub $field: $ty,)*
        }

        impl SignedBlock for $name {
            fn parts(&self) -> SignedParts<'_> {
                SignedParts {
                    number: self.number.map(|n| n.0),
                    date: self.date,
                    signer: &self.signer,
                    recipients: &self.recipients,
                }
            }
        }
    };
}

signed_block! {
    /// A signed document: number, date, signer and recipients (the notice, the report).
    pub struct SignedSpec {}
}

signed_block! {
    /// The invitation to a session: the fields of a signed document, and what to bring.
    pub struct InvitationSpec {
        /// What the invited should prepare, one item each.
        #[serde(default)]
        pub prepare: Vec<String>,
    }
}

signed_block! {
    /// The plan that carries out the notice: the fields of a signed document, and the words
    /// of its parts where the office wants its own (else the template's).
    pub struct PlanSpec {
        /// Mục đích, one paragraph each.
        #[serde(default)]
        pub purposes: Vec<String>,
        /// Yêu cầu, one paragraph each.
        #[serde(default)]
        pub requirements: Vec<String>,
        /// Tổ chức thực hiện, one paragraph each.
        #[serde(default)]
        pub organisation: Vec<String>,
    }
}

signed_block! {
    /// The công văn forwarding the notice: the fields of a signed document, whom it is sent
    /// to and what it is about.
    pub struct LetterSpec {
        /// Kính gửi, one body each; defaults to the bodies the notice gives tasks to.
        #[serde(default)]
        pub to: Vec<String>,
        /// The trích yếu after "V/v"; defaults to carrying out the notice.
        pub about: Option<String>,
        /// Paragraphs after the request to carry out the notice (a report-back date, say).
        #[serde(default)]
        pub closing: Vec<String>,
    }
}

/// Settings of the minutes.
#[derive(Debug, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MinutesSpec {
    /// Document number; absent leaves a blank.
    #[serde(skip_serializing)]
    pub number: Option<DocNumber>,
    /// Nơi nhận.
    #[serde(default, skip_serializing)]
    pub recipients: Vec<String>,
    /// Tài liệu sử dụng (Hướng dẫn 16-HD/VPTW): the papers the session worked from.
    #[serde(default)]
    pub materials: Vec<String>,
    /// How many of those summoned were present ("Có mặt: … đồng chí").
    pub present: Option<u32>,
    /// How many were absent ("Vắng mặt: … đồng chí").
    pub absent: Option<u32>,
}

/// The signer of a notice.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// `T/L Ban Thường vụ`, `TM. Ủy ban nhân dân`, `KT. Chủ tịch` ...
    #[schemars(with = "String")]
    pub authority: Spanned<String>,
    /// Chức vụ, e.g. `Chánh Văn phòng`.
    pub position: String,
    /// Full name, without honorifics.
    pub name: String,
}

/// Settings of the news draft.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NewsSpec {
    /// Byline author(s).
    pub author: String,
    /// Byline unit.
    pub unit: String,
    /// Photos placed between paragraphs.
    #[serde(default)]
    pub photos: Vec<Photo>,
    /// Apply press abbreviations (BCH, BTV, HĐND, UBND, NTM); default false.
    #[serde(default)]
    pub abbreviate: bool,
}

/// A photo placeholder in the news draft.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Photo {
    /// File name, as the editor will upload it.
    pub file: String,
    /// Caption.
    pub caption: String,
}

signed_block! {
    /// The công văn đôn đốc: the fields of a signed document, and its trích yếu if the
    /// office wants its own (else "đôn đốc thực hiện Thông báo số …").
    pub struct ReminderSpec {
        /// The trích yếu after "V/v".
        pub about: Option<String>,
    }
}
