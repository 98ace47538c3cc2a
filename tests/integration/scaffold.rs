//! The scaffold `vanban new` and the web form write: a valid record as it stands, and form
//! values kept as text (read back through the same pipeline as `check`).

use std::path::Path;

use vanban::prepare::prepare_file;
use vanban::record::load::YamlFile;
use vanban::record::scaffold::{PersonFields, SessionFields, assessment, reminder, session, task_report};

#[test]
fn every_scaffold_is_a_valid_record() {
    let scaffolds = [
        ("s.yaml", session(&SessionFields::default())),
        ("a.yaml", assessment()),
        ("t.yaml", task_report()),
        ("r.yaml", reminder()),
    ];
    for (name, text) in scaffolds {
        let file = YamlFile::from_bytes(Path::new(name), text.as_bytes()).unwrap();
        if let Err(e) = prepare_file(file) {
            panic!("{name}: {}\n{text}", e.render(vanban::problem::Lang::En));
        }
    }
}

#[test]
fn form_values_stay_text() {
    let fields = SessionFields {
        host: "x\"\n: evil: [1]".into(),
        chair: PersonFields {
            name: "Lê Văn # không phải chú thích".into(),
            titles: vec!["Bí thư".into()],
            group: String::new(),
        },
        ..SessionFields::default()
    };
    let text = session(&fields);
    let file = YamlFile::from_bytes(Path::new("s.yaml"), text.as_bytes()).unwrap();
    let prepared = prepare_file(file).unwrap();
    let vanban::compose::Context::Session(context) = &prepared.context else {
        panic!("not a session")
    };
    assert_eq!(context.host, "x\"\n: evil: [1]");
    assert_eq!(context.chair.name, "Lê Văn # không phải chú thích");
}
