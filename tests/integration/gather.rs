//! Gathering: archival PDFs issued elsewhere (`archive add FILE.pdf`) and whole archive
//! folders (`archive merge`), with the PDFs and folders tampered in the ways that happen.

use std::path::{Path, PathBuf};

use lopdf::{Document, Object, StringFormat};

use crate::support::{copy_samples, files_in, stderr, stdout, tree, vanban};

/// The samples issued into a fresh archive `dir/commune`; returns its folder.
fn commune_archive(dir: &Path) -> PathBuf {
    copy_samples(&dir.join("samples"));
    let archive = dir.join("commune");
    let samples = dir.join("samples");
    let output = vanban(&[
        "archive",
        "add",
        samples.to_str().unwrap(),
        "--archive-dir",
        archive.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    archive
}

/// The archived PDF whose name ends with `suffix`.
fn issued_pdf(archive: &Path, suffix: &str) -> PathBuf {
    let entries = archive.join("entries");
    for entry in files_in(&entries) {
        for name in files_in(&entries.join(&entry)) {
            if name.ends_with(suffix) {
                return entries.join(&entry).join(name);
            }
        }
    }
    panic!("no {suffix} in {}", archive.display());
}

fn gather(pdf: &Path, archive: &Path) -> std::process::Output {
    vanban(&[
        "archive",
        "add",
        pdf.to_str().unwrap(),
        "--archive-dir",
        archive.to_str().unwrap(),
    ])
}

fn encode(text: &str) -> Object {
    let mut bytes = vec![0xfe, 0xff];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// The file specification attached under `name`.
fn filespec(document: &Document, name: &str) -> lopdf::ObjectId {
    *document
        .objects
        .iter()
        .find(|(_, o)| {
            o.as_dict()
                .ok()
                .and_then(|d| d.get(b"UF").ok())
                .and_then(|n| n.as_str().ok())
                .is_some_and(|n| vanban::output::extract::decode_text(n) == name)
        })
        .unwrap_or_else(|| panic!("no attachment {name}"))
        .0
}

/// Rewrites the attached `name` with `edit` (declaring its new size or not), saved to `out`.
fn edit_attachment(pdf: &Path, name: &str, declare_size: bool, edit: impl Fn(&str) -> String, out: &Path) {
    let mut document = Document::load(pdf).unwrap();
    let spec = filespec(&document, name);
    let stream_id = document
        .get_dictionary(spec)
        .unwrap()
        .get(b"EF")
        .and_then(Object::as_dict)
        .and_then(|ef| ef.get(b"F"))
        .and_then(Object::as_reference)
        .unwrap();
    let stream = document.get_object_mut(stream_id).unwrap().as_stream_mut().unwrap();
    let text = String::from_utf8(stream.decompressed_content().unwrap()).unwrap();
    let edited = edit(&text);
    assert_ne!(text, edited, "the edit must change the attachment");
    stream.dict.remove(b"Filter");
    if declare_size {
        let params = stream.dict.get_mut(b"Params").unwrap().as_dict_mut().unwrap();
        params.set("Size", edited.len() as i64);
    }
    stream.set_content(edited.into_bytes());
    document.save(out).unwrap();
}

#[test]
fn an_issued_pdf_gathers_byte_for_byte_and_gathering_again_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let commune = commune_archive(dir.path());
    let notice = issued_pdf(&commune, "tho-xuan-2024-03-27-xuan-truong-thong-bao-ket-luan.pdf");
    let province = dir.path().join("province");
    let output = gather(&notice, &province);
    assert!(output.status.success(), "{}", stderr(&output));
    let said = stdout(&output);
    assert!(said.contains("giống hệt từng byte"), "{said}");
    // the record and both of its assessments become entries, as when the record is added
    assert_eq!(said.matches("đã lưu").count(), 3, "{said}");
    let entry = said.lines().next().unwrap().trim_start_matches("đã lưu ").to_string();
    assert_eq!(
        std::fs::read(province.join("entries").join(&entry).join(notice.file_name().unwrap())).unwrap(),
        std::fs::read(&notice).unwrap()
    );
    let before = tree(&province);
    let again = gather(&notice, &province);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(stdout(&again).contains("đã có sẵn"), "{}", stdout(&again));
    assert_eq!(tree(&province), before, "gathering twice must change nothing");
    let verify = vanban(&["archive", "verify", "--archive-dir", province.to_str().unwrap()]);
    assert!(verify.status.success(), "{}", stderr(&verify));
    // its numbers are in the issuing office's register
    let register = vanban(&["archive", "register", "--archive-dir", province.to_str().unwrap()]);
    assert!(stdout(&register).contains("123-TB/HU"), "{}", stdout(&register));
}

#[test]
fn a_tampered_record_or_a_missing_attachment_is_refused_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let commune = commune_archive(dir.path());
    let notice = issued_pdf(&commune, "tho-xuan-2024-03-27-xuan-truong-thong-bao-ket-luan.pdf");
    let province = dir.path().join("province");
    let seed = issued_pdf(&commune, "an-phu-2026-02-05-giay-moi.pdf");
    assert!(gather(&seed, &province).status.success());
    let before = tree(&province);
    let refused = |pdf: &Path, needle: &str| {
        let output = gather(pdf, &province);
        assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
        let said = stderr(&output);
        assert!(said.contains(pdf.to_str().unwrap()) && said.contains(needle), "{said}");
        assert_eq!(
            tree(&province),
            before,
            "a refused PDF must leave the archive as it was"
        );
    };

    // an edited record whose length no longer matches what the PDF declares
    let longer = dir.path().join("longer.pdf");
    edit_attachment(
        &notice,
        "xuan-truong-2024.yaml",
        false,
        |t| t.replacen("Nguyễn", "Nguyễn Thị", 1),
        &longer,
    );
    refused(&longer, "tệp đính kèm `xuan-truong-2024.yaml` đã bị thay đổi");

    // an edit of the same length, its size declared: it no longer renders to this PDF
    let same_length = dir.path().join("same-length.pdf");
    edit_attachment(
        &notice,
        "xuan-truong-2024.yaml",
        true,
        |t| t.replacen("123", "124", 1),
        &same_length,
    );
    refused(&same_length, "văn bản hoặc tệp đính kèm đã bị sửa sau khi kết xuất");

    // an assessment the record names, removed
    let missing = dir.path().join("missing.pdf");
    let mut document = Document::load(&notice).unwrap();
    let spec = filespec(&document, "xuan-truong-2024-ntm.yaml");
    document.objects.remove(&spec);
    document.save(&missing).unwrap();
    refused(&missing, "dẫn tới `assessments/xuan-truong-2024-ntm.yaml`");

    // no attachments at all: a PDF rendered without --archive
    let plain_dir = dir.path().join("plain");
    let record = dir.path().join("samples/an-phu-2026-02-05.yaml");
    let output = vanban(&["render", record.to_str().unwrap(), "-o", plain_dir.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    refused(
        &plain_dir.join("an-phu-2026-02-05-giay-moi.pdf"),
        "không có tệp đính kèm",
    );

    // an attached record with a mistake in it names the PDF, the attachment, line and column
    let broken = dir.path().join("broken.pdf");
    edit_attachment(
        &notice,
        "xuan-truong-2024.yaml",
        true,
        |t| t.replacen("kind:", "kimd:", 1),
        &broken,
    );
    refused(&broken, "broken.pdf#xuan-truong-2024.yaml:");
}

#[test]
fn a_pdf_from_another_version_or_signed_since_is_kept_as_received() {
    let dir = tempfile::tempdir().unwrap();
    let commune = commune_archive(dir.path());
    let notice = issued_pdf(&commune, "an-phu-2026-02-05-thong-bao-ket-luan.pdf");
    let province = dir.path().join("province");

    let older = dir.path().join("an-phu-2026-02-05-thong-bao-ket-luan.pdf");
    let mut document = Document::load(&notice).unwrap();
    let spec = filespec(&document, "an-phu-2026-02-05.yaml");
    let dict = document.get_dictionary_mut(spec).unwrap();
    dict.set("Desc", encode("Bản ghi nguồn của văn bản, vanban 0.0.9"));
    document.save(&older).unwrap();
    let output = gather(&older, &province);
    assert!(output.status.success(), "{}", stderr(&output));
    let said = stdout(&output);
    assert!(
        said.contains("do vanban 0.0.9 tạo") && said.contains("received/"),
        "{said}"
    );
    let entry = said.lines().next().unwrap().trim_start_matches("đã lưu ").to_string();
    let kept = province
        .join("entries")
        .join(&entry)
        .join("received")
        .join(older.file_name().unwrap());
    assert_eq!(std::fs::read(&kept).unwrap(), std::fs::read(&older).unwrap());
    let show = vanban(&["archive", "show", &entry, "--archive-dir", province.to_str().unwrap()]);
    assert!(stdout(&show).contains("received "), "{}", stdout(&show));

    // the same record with empty signature fields added since: first revision byte for byte
    let fields = dir.path().join("fields");
    let record = commune.join("entries").join(&entry).join("an-phu-2026-02-05.yaml");
    let output = vanban(&[
        "render",
        record.to_str().unwrap(),
        "--archive",
        "--sign-fields",
        "-o",
        fields.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let output = gather(&fields.join("an-phu-2026-02-05-thong-bao-ket-luan.pdf"), &province);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("bản đầu giống hệt"), "{}", stdout(&output));
    let verify = vanban(&["archive", "verify", "--archive-dir", province.to_str().unwrap()]);
    assert!(verify.status.success(), "{}", stderr(&verify));
}

#[test]
fn merging_an_archive_twice_changes_nothing_and_a_tampered_entry_stays_out() {
    let dir = tempfile::tempdir().unwrap();
    let commune = commune_archive(dir.path());
    let province = dir.path().join("province");
    let merge = |from: &Path| {
        vanban(&[
            "archive",
            "merge",
            from.to_str().unwrap(),
            "--archive-dir",
            province.to_str().unwrap(),
        ])
    };
    let first = merge(&commune);
    assert!(first.status.success(), "{}", stderr(&first));
    assert_eq!(stdout(&first).matches("đã lưu").count(), 10, "{}", stdout(&first));
    let list = |archive: &Path| {
        stdout(&vanban(&[
            "archive",
            "list",
            "--archive-dir",
            archive.to_str().unwrap(),
        ]))
    };
    assert_eq!(list(&province), list(&commune));
    let register = |archive: &Path| {
        stdout(&vanban(&[
            "archive",
            "register",
            "--archive-dir",
            archive.to_str().unwrap(),
        ]))
    };
    assert_eq!(register(&province), register(&commune));
    let before = tree(&province);
    let second = merge(&commune);
    assert!(second.status.success(), "{}", stderr(&second));
    assert_eq!(stdout(&second).matches("đã có sẵn").count(), 10, "{}", stdout(&second));
    assert_eq!(tree(&province), before, "merging twice must change nothing");
    assert!(
        vanban(&["archive", "verify", "--archive-dir", province.to_str().unwrap()])
            .status
            .success()
    );

    // a second commune whose archive was tampered with: that entry stays out, the rest come in
    let other = dir.path().join("other");
    let samples = dir.path().join("samples");
    let record = samples.join("an-phu-2026-02-05.yaml");
    let text = std::fs::read_to_string(&record).unwrap();
    std::fs::write(&record, text.replace("An Phú", "Tân Phú")).unwrap();
    assert!(
        vanban(&[
            "archive",
            "add",
            samples.to_str().unwrap(),
            "--archive-dir",
            other.to_str().unwrap()
        ])
        .status
        .success()
    );
    let pdf = issued_pdf(&other, "an-phu-2026-02-05-bien-ban.pdf");
    let mut bytes = std::fs::read(&pdf).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 1;
    std::fs::write(&pdf, bytes).unwrap();
    let output = merge(&other);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("không khớp SHA-256"), "{}", stderr(&output));
    assert!(!stdout(&output).contains("đã lưu an-phu"), "{}", stdout(&output));
    // nothing of the refused entry was stored; the untouched entries were already there
    assert_eq!(tree(&province), before);
}

#[test]
fn a_folder_of_issued_pdfs_is_gathered_whole_and_a_stray_pdf_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let commune = commune_archive(dir.path());
    // every document the commune issued, as its PDFs arrive at the province: some in a subfolder
    let incoming = dir.path().join("nhan-tu-xa");
    let entries = commune.join("entries");
    for (n, entry) in files_in(&entries).into_iter().enumerate() {
        let into = if n % 2 == 0 {
            incoming.clone()
        } else {
            incoming.join("dot-2")
        };
        std::fs::create_dir_all(&into).unwrap();
        for name in files_in(&entries.join(&entry))
            .into_iter()
            .filter(|n| n.ends_with(".pdf"))
        {
            std::fs::copy(entries.join(&entry).join(&name), into.join(&name)).unwrap();
        }
    }
    // and a PDF that vanban did not issue
    let record = dir.path().join("samples/an-phu-2026-02-05.yaml");
    let plain = dir.path().join("plain");
    assert!(
        vanban(&["render", record.to_str().unwrap(), "-o", plain.to_str().unwrap()])
            .status
            .success()
    );
    std::fs::copy(
        plain.join("an-phu-2026-02-05-giay-moi.pdf"),
        incoming.join("cong-van-scan.pdf"),
    )
    .unwrap();

    let province = dir.path().join("province");
    let output = gather(&incoming, &province);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let said = stderr(&output);
    assert!(
        said.contains("cong-van-scan.pdf") && said.contains("không có tệp đính kèm"),
        "{said}"
    );
    let archive = |command: &str, archive: &Path| {
        stdout(&vanban(&[
            "archive",
            command,
            "--archive-dir",
            archive.to_str().unwrap(),
        ]))
    };
    // every entry came in once, under the commune's entry names, with the numbers it gave
    assert_eq!(archive("list", &province), archive("list", &commune));
    assert_eq!(archive("register", &province), archive("register", &commune));
    assert!(archive("register", &province).contains("123-TB/HU"));
    assert!(
        vanban(&["archive", "verify", "--archive-dir", province.to_str().unwrap()])
            .status
            .success()
    );
}
