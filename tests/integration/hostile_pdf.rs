//! Crafted PDFs against `verify`, `sign`, `extract` and `archive add`: form fields whose
//! `/Kids` loop, attachments that inflate far past their size (decompression bombs), and
//! attachment names that carry terminal escapes. Each is refused quickly, names what is
//! wrong, and writes nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use crate::support::{STATE_SAMPLE, files_in, stderr, stdout, vanban};

/// The state sample's minutes as an archival PDF (with the record attached), in `dir`.
fn archival_minutes(dir: &Path) -> PathBuf {
    let out = dir.join("pdfa");
    let rendered = vanban(&["render", STATE_SAMPLE, "--archive", "-o", out.to_str().unwrap()]);
    assert!(rendered.status.success(), "{}", stderr(&rendered));
    let name = files_in(&out)
        .into_iter()
        .find(|n| n.ends_with("-bien-ban.pdf"))
        .unwrap();
    out.join(name)
}

/// Runs vanban with `args` and `env`, killing it if it runs past `limit`.
fn vanban_within(limit: Duration, args: &[&str], env: &[(&str, &str)]) -> (bool, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .envs(env.iter().copied())
        .env("LANG", "vi_VN.UTF-8")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            let output = child.wait_with_output().unwrap();
            return (output.status.success(), stdout(&output), stderr(&output));
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("vanban {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `pdf` with an AcroForm whose fields are `fields`, built by `make` from fresh object ids.
fn with_form(pdf: &Path, to: &Path, make: impl FnOnce(&mut Document) -> Vec<ObjectId>) {
    let mut doc = Document::load(pdf).unwrap();
    let fields = make(&mut doc);
    let mut form = Dictionary::new();
    form.set(
        "Fields",
        Object::Array(fields.into_iter().map(Object::Reference).collect()),
    );
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    doc.get_dictionary_mut(root)
        .unwrap()
        .set("AcroForm", Object::Dictionary(form));
    doc.save(to).unwrap();
}

fn field_with_kids(doc: &mut Document, id: ObjectId, kids: &[ObjectId]) {
    let mut dict = Dictionary::new();
    dict.set("FT", Object::Name(b"Sig".to_vec()));
    dict.set("T", Object::string_literal("chu-ky"));
    dict.set(
        "Kids",
        Object::Array(kids.iter().copied().map(Object::Reference).collect()),
    );
    doc.objects.insert(id, Object::Dictionary(dict));
}

/// Builds a form's fields in a document; returns the form's top-level fields.
type Shape = fn(&mut Document) -> Vec<ObjectId>;

#[test]
fn verify_stops_at_a_field_that_holds_itself_or_is_listed_twice() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = archival_minutes(dir.path());
    let cases: [(&str, Shape); 3] = [
        ("self.pdf", |doc| {
            let id = doc.new_object_id();
            field_with_kids(doc, id, &[id]);
            vec![id]
        }),
        ("pair.pdf", |doc| {
            let (a, b) = (doc.new_object_id(), doc.new_object_id());
            field_with_kids(doc, a, &[b]);
            field_with_kids(doc, b, &[a]);
            vec![a]
        }),
        ("twice.pdf", |doc| {
            let (parent, kid) = (doc.new_object_id(), doc.new_object_id());
            field_with_kids(doc, kid, &[]);
            doc.objects
                .get_mut(&kid)
                .unwrap()
                .as_dict_mut()
                .unwrap()
                .remove(b"Kids");
            field_with_kids(doc, parent, &[kid, kid]);
            vec![parent]
        }),
    ];
    for (name, make) in cases {
        let crafted = dir.path().join(name);
        with_form(&pdf, &crafted, make);
        let (ok, _, err) = vanban_within(Duration::from_secs(20), &["verify", crafted.to_str().unwrap()], &[]);
        assert!(!ok, "{name}");
        assert!(err.contains("vòng lặp") && err.contains(" 0 R"), "{name}: {err}");
    }
}

/// `pdf`'s attached files, each replaced by `inflated` zero bytes compressed, declaring
/// `declared` bytes (or its real size).
fn with_bomb(pdf: &Path, to: &Path, inflated: usize, declared: Option<i64>) {
    let mut doc = Document::load(pdf).unwrap();
    let streams: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter(|(_, o)| {
            o.as_dict().is_ok_and(|d| {
                d.get(b"Type")
                    .is_ok_and(|t| t.as_name().is_ok_and(|n| n == b"Filespec"))
            })
        })
        .map(|(_, o)| {
            o.as_dict()
                .unwrap()
                .get(b"EF")
                .unwrap()
                .as_dict()
                .unwrap()
                .get(b"F")
                .unwrap()
                .as_reference()
                .unwrap()
        })
        .collect();
    assert!(!streams.is_empty());
    for id in streams {
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"EmbeddedFile".to_vec()));
        let mut params = Dictionary::new();
        params.set("Size", Object::Integer(declared.unwrap_or(inflated as i64)));
        dict.set("Params", Object::Dictionary(params));
        let mut stream = Stream::new(dict, vec![0; inflated]);
        stream.compress().unwrap();
        doc.objects.insert(id, Object::Stream(stream));
    }
    doc.save(to).unwrap();
}

#[test]
fn an_attachment_that_inflates_past_the_limit_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = archival_minutes(dir.path());
    // 8 MiB against a limit lowered to 4 MiB (the default, 64 MiB, is the same code path).
    let bomb = dir.path().join("bomb.pdf");
    with_bomb(&pdf, &bomb, 8 << 20, None);
    let out = dir.path().join("extracted");
    let limit = [("VANBAN_MAX_STREAM_MIB", "4")];
    let (ok, _, err) = vanban_within(
        Duration::from_secs(20),
        &["extract", bomb.to_str().unwrap(), "-o", out.to_str().unwrap()],
        &limit,
    );
    assert!(!ok);
    assert!(
        err.contains("giải nén ra quá 4194304 byte") && err.contains("VANBAN_MAX_STREAM_MIB"),
        "{err}"
    );
    assert!(files_in(&out).is_empty(), "nothing written");
    let archive = dir.path().join("kho");
    let (ok, _, err) = vanban_within(
        Duration::from_secs(30),
        &[
            "archive",
            "add",
            bomb.to_str().unwrap(),
            "--archive-dir",
            archive.to_str().unwrap(),
        ],
        &limit,
    );
    assert!(!ok && err.contains("giải nén ra quá"), "{err}");
    // A stream larger than it declares is refused at its declared size.
    let liar = dir.path().join("liar.pdf");
    with_bomb(&pdf, &liar, 1 << 20, Some(100));
    let (ok, _, err) = vanban_within(
        Duration::from_secs(20),
        &["extract", liar.to_str().unwrap(), "-o", out.to_str().unwrap()],
        &[],
    );
    assert!(!ok && err.contains("giải nén ra quá 100 byte"), "{err}");
    assert!(files_in(&out).is_empty());
}

#[test]
fn an_attachment_name_with_terminal_escapes_is_neither_printed_nor_written_raw() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = archival_minutes(dir.path());
    let mut doc = Document::load(&pdf).unwrap();
    let hostile = "\u{1b}]0;pwn\u{7}\u{1b}[31mCON.yaml";
    for object in doc.objects.values_mut() {
        let Ok(dict) = object.as_dict_mut() else { continue };
        if dict
            .get(b"Type")
            .is_ok_and(|t| t.as_name().is_ok_and(|n| n == b"Filespec"))
        {
            dict.set("UF", Object::string_literal(hostile));
            dict.set("F", Object::string_literal(hostile));
        }
    }
    let crafted = dir.path().join("escape.pdf");
    doc.save(&crafted).unwrap();
    let out = dir.path().join("extracted");
    let (ok, printed, err) = vanban_within(
        Duration::from_secs(20),
        &["extract", crafted.to_str().unwrap(), "-o", out.to_str().unwrap()],
        &[],
    );
    assert!(ok, "{err}");
    assert!(!printed.contains('\u{1b}') && !printed.contains('\u{7}'), "{printed:?}");
    let written = files_in(&out);
    assert!(written.iter().all(|n| !n.chars().any(char::is_control)), "{written:?}");
    assert!(written.contains(&"_]0;pwn__[31mCON.yaml".to_string()), "{written:?}");
}
