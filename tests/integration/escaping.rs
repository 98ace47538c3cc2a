//! Record text is data: whatever characters a field holds, the document prints them literally
//! (where it meets the template's punctuation, a final mark is not doubled).

use std::path::Path;

use proptest::prelude::*;
use vanban::compose::punctuation::then;
use vanban::compose::templates::TemplateSource;
use vanban::documents::DocKind;
use vanban::layout::inspect;
use vanban::prepare::prepare_file;
use vanban::record::load::YamlFile;
use vanban::render::Renderer;

const RECORD: &str = r#"kind: working_session
issuer: {system: party, name: Huyện ủy Thọ Xuân, code: HU, place: Thọ Xuân}
date: 2024-03-27
start: "14:00"
location: "LOCATION"
host: "HOST"
subject: duy trì xã nông thôn mới
chair: {name: Lê Đình Hải, titles: [Bí thư Huyện ủy]}
secretary: {name: Trần Thị Mai}
conclusions: {directives: ["DIRECTIVE"]}
documents:
  minutes: {number: 1}
  notice: {number: 2, signer: {authority: T/L Ban Thường vụ, position: Chánh Văn phòng, name: Nguyễn Văn Bình}}
"#;

fn yaml_quoted(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn laid_out_text(value: &str, kind: DocKind) -> String {
    let quoted = yaml_quoted(value);
    let record = RECORD
        .replace("LOCATION", &quoted)
        .replace("HOST", &quoted)
        .replace("DIRECTIVE", &quoted);
    let file = YamlFile::from_bytes(Path::new("escape.yaml"), record.as_bytes()).expect("valid YAML");
    let prepared = prepare_file(file).expect("valid record");
    let renderer = Renderer::new(TemplateSource::default()).unwrap();
    let document = renderer
        .layout(&prepared, kind)
        .expect("never a Typst error, whatever the text");
    inspect::plain_text(&document)
}

/// Characters that mean something to Typst markup, Typst code, minijinja or YAML.
const HOSTILE: &str = r##"[#$*_@<>\[\]\\"/{}~.\-=+`'%!|:;,()a-zđôăÂÊ ]{1,40}"##;

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    #[test]
    fn any_field_text_reads_back_unchanged(value in HOSTILE) {
        prop_assume!(!value.trim().is_empty());
        let minutes = squeeze(&laid_out_text(&value, DocKind::MINUTES));
        // The template's full stop joins the text as `then` joins them: a stop, colon or
        // semicolon the text ends with is not doubled.
        let located = then(&value, ".");
        prop_assert!(minutes.contains(&squeeze(&format!("Địa điểm: {located}"))), "minutes lost {:?}", value);
        let notice = squeeze(&laid_out_text(&value, DocKind::NOTICE));
        prop_assert!(notice.contains(&squeeze(&format!("làm việc với {value} về"))), "notice lost {:?}", value);
    }
}

#[test]
fn the_classic_injections_print_literally() {
    for value in [
        "#read(\"/etc/passwd\")",
        "{{ 7*7 }}",
        "{% raw %}",
        "*bold* _em_ $x$ @ref <label>",
        "// comment",
        "\\\"; #panic(); \"",
        "--- ... ~ `code`",
        "= Heading",
        "- item",
        "+ item",
    ] {
        let text = squeeze(&laid_out_text(value, DocKind::MINUTES));
        assert!(text.contains(&squeeze(value)), "{value:?} was not printed literally");
    }
}
