//! The blocks of the layout model in Word's terms: each block `vanban.typ` leaves in the
//! laid-out document, written as paragraphs and tables with the same sizes, weights and
//! placement as the PDF (see docs/architecture.md, "One layout model, two writers"). Widths and indents come from the
//! model's geometry and the block's own fields, never from a second copy here.

use super::DocxProblem;
use super::model::Geometry;
use super::tables::{criteria_table, data_table, summary_table};
use super::value::Inline;
use super::value::{Fields, Value, strings, text_of, trim};
use super::xml::{self, Cell, PLAIN, ParaStyle, twips};
use crate::layout::fonts;

/// The page a block is written on: the width between the margins and the body paragraph.
#[derive(Debug, Clone, Copy)]
pub struct Sheet {
    /// Text width, in twips.
    pub width: u32,
    /// The body paragraph.
    pub body: ParaStyle,
}

impl Sheet {
    /// The sheet of a page laid out as `geometry`.
    pub fn new(geometry: &Geometry) -> Sheet {
        Sheet {
            width: twips(geometry.text_width()),
            body: xml::body(geometry),
        }
    }

    /// The same sheet, its body paragraphs kept with what follows them (the signature).
    pub fn kept(self) -> Sheet {
        Sheet {
            body: self.body.kept(true),
            ..self
        }
    }
}

/// Writes block `name` with its `fields`; an error when `vanban.typ` has a block this
/// writer does not know.
pub fn write(out: &mut String, sheet: &Sheet, name: &str, f: &Fields) -> Result<(), DocxProblem> {
    let body = sheet.body;
    match name {
        "state-header" => state_header(out, sheet, f),
        "party-header" => party_header(out, sheet, f),
        "title-block" => title_block(out, sheet, f),
        "section" => {
            let text = format!(
                "{} {}",
                text_of(f.get("number")),
                text_of(f.get("title")).to_uppercase()
            );
            let style = ParaStyle {
                first_line: 0,
                keep_next: true,
                ..body
            };
            xml::paragraph(out, style, &[Inline::plain(text).bold()]);
        }
        "numbered" => lead(out, body, &format!("{} ", text_of(f.get("label"))), f.get("body")),
        "dash" => lead(out, body, "- ", f.get("body")),
        "task" => {
            let gap = f.points("gap");
            let hang = twips(fonts_width("-", body.size, false) + gap);
            let style = ParaStyle {
                left: body.first_line as u32 + hang,
                first_line: -(hang as i32),
                ..body
            };
            lead(out, style, "- ", f.get("body"));
        }
        "field" => lead(out, body, &format!("{}: ", text_of(f.get("label"))), f.get("body")),
        "recipients" => recipients(out, system(f), &strings(f.get("items"))),
        "signer" => signer(
            out,
            &strings(f.get("lines")),
            &text_of(f.get("name")),
            f.points("room"),
            false,
        ),
        "signature-block" => {
            let mut left = String::new();
            recipients(&mut left, system(f), &strings(f.get("recipients-list")));
            let mut right = String::new();
            signer(
                &mut right,
                &strings(f.get("authority")),
                &text_of(f.get("name")),
                f.points("room"),
                false,
            );
            spacer(out, 200, true);
            let share = match f.get("columns") {
                Value::Array(columns) => match columns.first() {
                    Some(Value::Ratio(r)) => *r,
                    _ => 0.5,
                },
                _ => 0.5,
            };
            let first = (f64::from(sheet.width) * share).round() as u32;
            side_by_side(out, [first, sheet.width - first], left, right);
        }
        "minutes-signatures" => minutes_signatures(out, sheet, f),
        "addressed" => addressed(out, sheet, &strings(f.get("items"))),
        "data-table" => data_table(out, sheet.width, f),
        "criteria-table" => criteria_table(out, sheet.width, f),
        "summary-table" => summary_table(out, sheet.width, f),
        other => return Err(DocxProblem::NoWriter(other.to_string())),
    }
    Ok(())
}

fn system(f: &Fields) -> &str {
    match f.get("system") {
        Value::Str(s) => s,
        _ => "state",
    }
}

/// Lines joined with explicit breaks, each run formatted alike.
fn lines(lines: &[String], size: f64, bold: bool, italic: bool) -> Vec<Inline> {
    let mut runs = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            runs.push(Inline::line_break());
        }
        runs.push(Inline {
            text: line.clone(),
            bold,
            italic,
            size: Some(size),
            ..Inline::default()
        });
    }
    runs
}

/// A body paragraph starting with `label`, then `body` (content).
fn lead(out: &mut String, style: ParaStyle, label: &str, body: &Value) {
    let mut runs = vec![Inline::plain(label)];
    match body {
        Value::Content(content) => runs.extend(content.iter().cloned()),
        other => runs.push(Inline::plain(text_of(other))),
    }
    xml::paragraph(out, style, &trim(runs));
}

/// The width in points of `text` set in Liberation Serif (metric-compatible with Times New
/// Roman) at `size`.
fn fonts_width(text: &str, size: f64, bold: bool) -> f64 {
    let Ok(face) = ttf_parser::Face::parse(fonts::FONT_FILES[usize::from(bold)], 0) else {
        return 0.0;
    };
    let units: f64 = text
        .chars()
        .filter_map(|c| face.glyph_index(c))
        .filter_map(|g| face.glyph_hor_advance(g))
        .map(f64::from)
        .sum();
    units / f64::from(face.units_per_em()) * size
}

/// A centred 0.6 pt rule `width` twips long, in a cell or column `room` twips wide.
fn rule(out: &mut String, width: u32, room: u32, before: u32) {
    let side = room.saturating_sub(width) / 2;
    let style = ParaStyle {
        left: side,
        right: side,
        before,
        line: 240,
        rule: true,
        size: 2.0,
        ..PLAIN
    };
    xml::paragraph(out, style, &[]);
}

/// A rule as long as the longest of `lines` at `size`, times `ratio`, at most `room`.
fn rule_under(out: &mut String, lines: &[String], size: f64, ratio: f64, room: u32) {
    let widest = lines.iter().map(|l| fonts_width(l, size, true)).fold(0.0, f64::max);
    let width = ((widest * ratio * 20.0).round() as u32).min(room);
    rule(out, width, room, 80);
}

/// An empty paragraph `twips` high; kept with what follows it when `keep`.
fn spacer(out: &mut String, twips: u32, keep: bool) {
    let style = ParaStyle {
        before: twips,
        line: 240,
        size: 2.0,
        keep_next: keep,
        ..PLAIN
    };
    xml::paragraph(out, style, &[]);
}

fn centred(out: &mut String, runs: &[Inline]) {
    if !runs.is_empty() {
        xml::paragraph(out, PLAIN.centred(), runs);
    }
}

fn upper(lines: Vec<String>) -> Vec<String> {
    lines.into_iter().map(|l| l.to_uppercase()).collect()
}

/// ND30: parent and issuer left with a rule 40 % of the issuer's width, the number under
/// them; Quốc hiệu and Tiêu ngữ right with a rule as long as the motto, the date line under.
fn state_header(out: &mut String, sheet: &Sheet, f: &Fields) {
    let left_width = twips(f.points("left-width"));
    let issuer = upper(strings(f.get("issuer")));
    let mut left = String::new();
    centred(&mut left, &lines(&upper(strings(f.get("parent"))), 13.0, false, false));
    centred(&mut left, &lines(&issuer, 13.0, true, false));
    rule_under(&mut left, &issuer, 13.0, 0.4, left_width);
    let motto = "Độc lập - Tự do - Hạnh phúc".to_string();
    let mut right = String::new();
    centred(
        &mut right,
        &[Inline::plain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").bold().sized(13.0)],
    );
    centred(&mut right, &[Inline::plain(motto.clone()).bold()]);
    rule_under(&mut right, &[motto], 14.0, 1.0, sheet.width - left_width);
    let mut number = String::new();
    spacer(&mut number, 120, false);
    centred(&mut number, &lines(&strings(f.get("number")), 13.0, false, false));
    let about = strings(f.get("about"));
    if !about.is_empty() {
        spacer(&mut number, 120, false);
        centred(&mut number, &lines(&about, 12.0, false, false));
    }
    let mut date = String::new();
    spacer(&mut date, 120, false);
    centred(&mut date, &lines(&strings(f.get("date-line")), 14.0, false, true));
    let rows = vec![
        vec![Cell::new(left), Cell::new(right)],
        vec![Cell::new(number), Cell::new(date)],
    ];
    xml::table(out, &[left_width, sheet.width - left_width], false, 0, rows);
}

/// HD36: parent, issuer, `*` and the number left; ĐẢNG CỘNG SẢN VIỆT NAM with a rule as
/// long as it and the date line right.
fn party_header(out: &mut String, sheet: &Sheet, f: &Fields) {
    let left_width = twips(f.points("left-width"));
    let mut left = String::new();
    centred(&mut left, &lines(&upper(strings(f.get("parent"))), 14.0, false, false));
    centred(&mut left, &lines(&upper(strings(f.get("issuer"))), 14.0, true, false));
    centred(&mut left, &[Inline::plain("*")]);
    centred(&mut left, &lines(&strings(f.get("number")), 14.0, false, false));
    centred(&mut left, &lines(&strings(f.get("about")), 12.0, false, true));
    let title = "ĐẢNG CỘNG SẢN VIỆT NAM".to_string();
    let mut right = String::new();
    centred(&mut right, &[Inline::plain(title.clone()).bold().sized(15.0)]);
    rule_under(&mut right, &[title], 15.0, 1.0, sheet.width - left_width);
    spacer(&mut right, 120, false);
    centred(&mut right, &lines(&strings(f.get("date-line")), 14.0, false, true));
    side_by_side(out, [left_width, sheet.width - left_width], left, right);
}

/// Tên loại and trích yếu, centred; a short rule (state) or `-----` (Party) under them.
fn title_block(out: &mut String, sheet: &Sheet, f: &Fields) {
    let party = system(f) == "party";
    let kind_size = if party { 16.0 } else { 14.0 };
    let style = ParaStyle {
        before: 360,
        keep_next: true,
        ..PLAIN.centred()
    };
    xml::paragraph(
        out,
        style,
        &[Inline::plain(text_of(f.get("kind"))).bold().sized(kind_size)],
    );
    let subject = strings(f.get("subject"));
    if !subject.is_empty() {
        let style = ParaStyle {
            before: 40,
            keep_next: true,
            ..PLAIN.centred()
        };
        xml::paragraph(out, style, &lines(&subject, 14.0, true, false));
        if party {
            centred(out, &[Inline::plain("-----")]);
        } else {
            rule_under(out, &subject, 14.0, 0.4, sheet.width);
        }
    }
    spacer(out, 240, false);
}

/// `Nơi nhận:` and the items: state bold italic 12 with items 11 and `;`; Party
/// underlined 14 with items 12 and `,`; the last item ends with `.`. The lines hold
/// together on one page.
fn recipients(out: &mut String, system: &str, items: &[String]) {
    let party = system == "party";
    let (label_size, item_size, sep) = if party { (14.0, 12.0, ",") } else { (12.0, 11.0, ";") };
    let label = Inline {
        text: "Nơi nhận:".into(),
        bold: !party,
        italic: !party,
        underline: party,
        size: Some(label_size),
    };
    let together = ParaStyle {
        keep_next: true,
        ..PLAIN
    };
    xml::paragraph(out, together, &[label]);
    let hang = ((fonts_width("- ", item_size, false)) * 20.0).round() as u32;
    for (i, item) in items.iter().enumerate() {
        let last = i + 1 == items.len();
        let style = ParaStyle {
            left: hang,
            first_line: -(hang as i32),
            keep_next: !last,
            ..PLAIN
        };
        let end = if last { "." } else { sep };
        xml::paragraph(out, style, &[Inline::plain(format!("- {item}{end}")).sized(item_size)]);
    }
}

/// Authority lines in bold capitals, `room` points to sign, the name in bold; centred. When
/// `keep`, every line is kept with what follows the table it sits in (Word keeps a row whose
/// paragraphs all keep with the next).
fn signer(out: &mut String, authority: &[String], name: &str, room: f64, keep: bool) {
    let line = ParaStyle {
        keep_next: keep,
        ..PLAIN.centred()
    };
    for text in authority {
        xml::paragraph(out, line, &[Inline::plain(text.to_uppercase()).bold()]);
    }
    let style = ParaStyle {
        before: twips(room),
        ..line
    };
    xml::paragraph(out, style, &[Inline::plain(name).bold()]);
}

/// Secretary left, chair right, then the recipients, kept on the page of the signatures.
fn minutes_signatures(out: &mut String, sheet: &Sheet, f: &Fields) {
    let items = strings(f.get("recipients-list"));
    let keep = !items.is_empty();
    let mut left = String::new();
    signer(
        &mut left,
        &strings(f.get("secretary-title")),
        &text_of(f.get("secretary")),
        f.points("room"),
        keep,
    );
    let mut right = String::new();
    signer(
        &mut right,
        &strings(f.get("chair-title")),
        &text_of(f.get("chair")),
        f.points("room"),
        keep,
    );
    spacer(out, 200, true);
    let half = sheet.width / 2;
    side_by_side(out, [half, sheet.width - half], left, right);
    if keep {
        spacer(out, 200, true);
        recipients(out, system(f), &items);
    }
}

/// Kính gửi: the label and one body on a line, or the bodies one per line ("- …;", the last
/// "."), as a borderless two-column table as wide as its text, centred.
fn addressed(out: &mut String, sheet: &Sheet, items: &[String]) {
    let lines: Vec<String> = if items.len() == 1 {
        items.to_vec()
    } else {
        let last = items.len().saturating_sub(1);
        items
            .iter()
            .enumerate()
            .map(|(i, item)| format!("- {item}{}", if i == last { "." } else { ";" }))
            .collect()
    };
    let label = "Kính gửi:";
    let gap = 0.4 * 14.0;
    let label_width = twips(fonts_width(label, 14.0, false) + gap) + 2 * 108;
    let widest = lines.iter().map(|l| fonts_width(l, 14.0, false)).fold(0.0, f64::max);
    let text_width = (twips(widest) + 2 * 108).min(sheet.width.saturating_sub(label_width));
    let mut left = String::new();
    xml::paragraph(&mut left, PLAIN, &[Inline::plain(label)]);
    let mut right = String::new();
    for line in &lines {
        xml::paragraph(&mut right, PLAIN, &[Inline::plain(line.clone())]);
    }
    spacer(out, 120, false);
    side_by_side(out, [label_width, text_width], left, right);
    spacer(out, 240, false);
}

/// Two cells side by side in a borderless table (`widths` in twips): header columns,
/// signatures, Kính gửi.
fn side_by_side(out: &mut String, widths: [u32; 2], left: String, right: String) {
    xml::table(out, &widths, false, 0, vec![vec![Cell::new(left), Cell::new(right)]]);
}
