//! Follow-up records written from tracked tasks: [`task_report::record`] writes a
//! `kind: task_report` record, [`reminder::records_by_body`] one `kind: reminder` record per
//! lead body with overdue tasks. The later `vanban tasks report` / `tasks remind` commands
//! only map their tracked tasks to [`TrackedTask`]s and call these; the records render on
//! their own like any other.
//!
//! The YAML is written by hand, every text as a double-quoted scalar (JSON string escapes
//! are YAML's), so any text reads back exactly.

pub mod draft;
pub mod reminder;
pub mod task_report;

use crate::record::Date;
pub use crate::record::{IssuerSystem, TaskStatus, TrackedTask};

/// The issuing body, as a record's `issuer:` block gives it.
#[derive(Debug, Clone)]
pub struct IssuerInfo {
    /// `state` or `party`.
    pub system: IssuerSystem,
    /// Cơ quan chủ quản, if any.
    pub parent: Option<String>,
    /// Tên cơ quan ban hành.
    pub name: String,
    /// Agency code (`UBND`, `ĐU`).
    pub code: String,
    /// Địa danh.
    pub place: String,
    /// Drafting office.
    pub office: Option<String>,
    /// Its code (a state công văn's number needs it).
    pub office_code: Option<String>,
}

/// Number, date, signer and recipients of the document a record asks for.
#[derive(Debug, Clone)]
pub struct SignedInfo {
    /// The number, if already given (else the archive gives one).
    pub number: Option<u32>,
    /// The date, if not the record's `as_of`.
    pub date: Option<Date>,
    /// `TL. Chủ tịch`, `T/L Ban Thường vụ`.
    pub authority: String,
    /// `Chánh Văn phòng`.
    pub position: String,
    /// Full name.
    pub name: String,
    /// Nơi nhận.
    pub recipients: Vec<String>,
}

/// A text as a YAML double-quoted scalar.
pub(crate) fn quoted(text: &str) -> String {
    serde_json::Value::String(text.to_string()).to_string()
}

/// `key: "text"` at `indent`, with a newline.
pub(crate) fn line(out: &mut String, indent: usize, key: &str, text: &str) {
    out.push_str(&format!("{:indent$}{key}: {}\n", "", quoted(text)));
}

/// `key:` and one `- "item"` line per item at `indent` (nothing when empty).
pub(crate) fn list(out: &mut String, indent: usize, key: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    out.push_str(&format!("{:indent$}{key}:\n", ""));
    for item in items {
        out.push_str(&format!("{:indent$}  - {}\n", "", quoted(item)));
    }
}

/// The `issuer:` block.
pub(crate) fn issuer_block(out: &mut String, issuer: &IssuerInfo) {
    out.push_str("issuer:\n");
    out.push_str(&format!("  system: {}\n", issuer.system.name()));
    if let Some(parent) = &issuer.parent {
        line(out, 2, "parent", parent);
    }
    line(out, 2, "name", &issuer.name);
    line(out, 2, "code", &issuer.code);
    line(out, 2, "place", &issuer.place);
    if let Some(office) = &issuer.office {
        line(out, 2, "office", office);
    }
    if let Some(code) = &issuer.office_code {
        line(out, 2, "office_code", code);
    }
}

/// The `documents:` block asking for `block`, signed as `signed` says.
pub(crate) fn documents_block(out: &mut String, block: &str, signed: &SignedInfo, about: Option<&str>) {
    out.push_str(&format!("documents:\n  {block}:\n"));
    if let Some(number) = signed.number {
        out.push_str(&format!("    number: {number}\n"));
    }
    if let Some(date) = signed.date {
        out.push_str(&format!("    date: {date}\n"));
    }
    if let Some(about) = about {
        line(out, 4, "about", about);
    }
    out.push_str("    signer:\n");
    line(out, 6, "authority", &signed.authority);
    line(out, 6, "position", &signed.position);
    line(out, 6, "name", &signed.name);
    list(out, 4, "recipients", &signed.recipients);
}

/// A task's `notice:` as a flow mapping.
pub(crate) fn notice(task: &TrackedTask) -> String {
    format!(
        "{{ number: {}, date: {} }}",
        quoted(&task.notice.number),
        task.notice.date
    )
}

#[cfg(test)]
mod tests;
