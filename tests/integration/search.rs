//! `archive search` (issue 28): the samples issued into an archive, then found by their
//! words with and without marks, old and new tone placement, NFD input, phrases, filters,
//! FTS5's own syntax typed as words, and a query far too long; `archive reindex` builds the
//! index again.

use unicode_normalization::UnicodeNormalization;

use crate::support::{stderr, stdout, vanban};

/// An archive of every sample record (and its assessments).
fn archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("kho");
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
    for record in [
        "an-phu-2026-02-05.yaml",
        "sao-vang-2026-03-12.yaml",
        "xuan-truong-2024.yaml",
    ] {
        let added = vanban(&[
            "archive",
            "add",
            &format!("{samples}/{record}"),
            "--archive-dir",
            archive.to_str().unwrap(),
        ]);
        assert!(added.status.success(), "{}", stderr(&added));
    }
    dir
}

/// The entries `query` finds (their names, best first), and the output.
fn found(dir: &tempfile::TempDir, query: &str, extra: &[&str]) -> (Vec<String>, String) {
    let mut args = extra.to_vec();
    args.extend_from_slice(&["--", query]);
    found_in(dir, "kho", &args)
}

#[test]
fn words_are_found_with_or_without_marks() {
    let dir = archive();
    // Best first: the three entries of xã Xuân Trường, then others holding both words apart.
    let (plain, text) = found(&dir, "xuan truong", &[]);
    assert!(plain.len() >= 3, "{text}");
    assert!(
        plain[..3]
            .iter()
            .all(|e| e.starts_with("tho-xuan") || e.starts_with("xuan-truong")),
        "{text}"
    );
    assert!(
        text.contains("«Xuân» «Trường»"),
        "the snippet marks the words as written: {text}"
    );
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    let (marked, _) = found(&dir, "Xuân Trường", &[]);
    assert_eq!(marked[..3], plain[..3]);
    assert_eq!(sorted(marked.clone()), sorted(plain.clone()));
    let (decomposed, _) = found(&dir, &"Xuân Trường".nfd().collect::<String>(), &[]);
    assert_eq!(decomposed, marked, "NFD input");
    // A person's name, a body's name, with and without marks; đ is a letter of its own.
    for query in ["Lê Đình Hải", "le dinh hai"] {
        let (hits, text) = found(&dir, query, &[]);
        assert_eq!(hits[0], "tho-xuan-2024", "{query}: {text}");
    }
    let (party, text) = found(&dir, "dang uy xa an phu", &[]);
    assert_eq!(party[0], "an-phu-2026", "{text}");
    // Old-style and new-style tone placement meet: the samples write "Thanh Hóa".
    let (new_style, _) = found(&dir, "Thanh Hóa", &[]);
    let (old_style, _) = found(&dir, "Thanh Hoá", &[]);
    assert!(!new_style.is_empty());
    assert_eq!(old_style, new_style);
    // A word only in a task line, a phrase in order, and one out of order.
    let (task, text) = found(&dir, "OCOP", &[]);
    assert_eq!(task, ["an-phu-2026"], "{text}");
    assert!(text.contains("«OCOP»"), "{text}");
    let (phrase, _) = found(&dir, "\"nông thôn mới\"", &[]);
    assert!(phrase.contains(&"tho-xuan-2024".to_string()), "{phrase:?}");
    let (reversed, _) = found(&dir, "\"mới thôn nông\"", &[]);
    assert!(reversed.is_empty(), "{reversed:?}");
    let (nothing, text) = found(&dir, "kho lanh xyzzy", &[]);
    assert!(nothing.is_empty(), "{text}");
}

#[test]
fn filters_json_syntax_characters_and_long_queries() {
    let dir = archive();
    let (all, _) = found(&dir, "xa", &[]);
    let (assessments, text) = found(&dir, "xa", &["--kind", "assessment"]);
    assert!(!assessments.is_empty() && assessments.len() < all.len(), "{text}");
    let (dated, text) = found(&dir, "xa", &["--from", "2026-01-01", "--to", "2026-12-31"]);
    assert!(dated.iter().all(|e| !e.starts_with("tho-xuan")), "{text}");
    let (_, json) = found(&dir, "OCOP", &["--json"]);
    let hits: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(hits[0]["unit"], "Hợp tác xã nông nghiệp An Phú", "{json}");
    assert!(hits[0]["numbers"].as_str().unwrap().contains("/TB-"), "{json}");
    // FTS5's syntax is only words here: answered, never an SQL error.
    for query in [
        "\"",
        "*",
        "NEAR(kho lanh)",
        "-kho",
        "kho:lanh",
        "(",
        "AND OR NOT",
        "'; DROP TABLE texts; --",
    ] {
        let archive = dir.path().join("kho");
        let output = vanban(&[
            "archive",
            "search",
            "--archive-dir",
            archive.to_str().unwrap(),
            "--",
            query,
        ]);
        let said = stderr(&output);
        assert!(
            !said.contains("fts5") && !said.contains("syntax error"),
            "{query}: {said}"
        );
        assert!(
            output.status.success() || said.contains("câu tìm không có từ nào"),
            "{query}: {said}"
        );
    }
    let long = "nông thôn ".repeat(1000);
    let archive = dir.path().join("kho");
    let output = vanban(&["archive", "search", &long, "--archive-dir", archive.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("quá 500 ký tự"), "{}", stderr(&output));
    // The index built again from the stored records finds the same.
    let reindexed = vanban(&["archive", "reindex", "--archive-dir", archive.to_str().unwrap()]);
    assert!(reindexed.status.success(), "{}", stderr(&reindexed));
    assert_eq!(found(&dir, "xa", &[]).0, all);
}

/// The entries of archive `name` in `dir` that `args` finds, and the output.
fn found_in(dir: &tempfile::TempDir, name: &str, args: &[&str]) -> (Vec<String>, String) {
    let archive = dir.path().join(name);
    let mut all = vec!["archive", "search", "--archive-dir", archive.to_str().unwrap()];
    all.extend_from_slice(args);
    let output = vanban(&all);
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    let text = stdout(&output);
    let entries = text
        .lines()
        .filter(|l| !l.starts_with("  "))
        .filter_map(|l| l.split('\t').nth(4))
        .map(|e| e.split('-').take(3).collect::<Vec<_>>().join("-"))
        .collect();
    (entries, text)
}

#[test]
fn documents_words_tasks_and_entries_gathered_or_merged() {
    let dir = archive();
    // Words only the documents print, never the record: the notice's deadline line and the
    // state header's motto.
    let (deadline, text) = found(&dir, "\"thoi han hoan thanh\"", &[]);
    let mut sessions = deadline.clone();
    sessions.sort();
    assert_eq!(sessions, ["an-phu-2026", "sao-vang-2026", "tho-xuan-2024"], "{text}");
    assert!(text.contains("«Thời» «hạn» «hoàn» «thành»"), "{text}");
    let (motto, text) = found(&dir, "\"Độc lập Tự do Hạnh phúc\"", &[]);
    assert!(motto.contains(&"an-phu-2026".to_string()), "{text}");
    // Tasks of the Phòng Kinh tế due in March, marks or not; none due in May.
    for owner in ["Phòng Kinh tế", "phong kinh te"] {
        let march = [
            "--task-owner",
            owner,
            "--due-from",
            "2026-03-01",
            "--due-to",
            "2026-03-31",
        ];
        let (hits, text) = found_in(&dir, "kho", &march);
        assert_eq!(hits, ["an-phu-2026"], "{text}");
        assert!(text.contains("→ Phòng Kinh tế xã (hạn 31/03/2026)"), "{text}");
        assert!(!text.contains("(hạn 28/02/2026)"), "only the tasks met: {text}");
    }
    let may = [
        "--task-owner",
        "phong kinh te",
        "--due-from",
        "2026-05-01",
        "--due-to",
        "2026-05-31",
    ];
    assert!(found_in(&dir, "kho", &may).0.is_empty());
    // Words and tasks together; an issuer by its words.
    let (both, text) = found_in(&dir, "kho", &["OCOP", "--task-owner", "hop tac xa"]);
    assert_eq!(both, ["an-phu-2026"], "{text}");
    let (issued, text) = found_in(&dir, "kho", &["xa", "--issuer", "uy ban nhan dan xa an phu"]);
    assert!(
        !issued.is_empty() && issued.iter().all(|e| e == "an-phu-2026"),
        "{text}"
    );
    assert!(
        found_in(&dir, "kho", &["xa", "--issuer", "khong co co quan nay"])
            .0
            .is_empty()
    );

    // An archival PDF gathered into another archive, and a whole archive merged: their
    // documents' words are found there too.
    let out = dir.path().join("out");
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/an-phu-2026-02-05.yaml");
    let rendered = vanban(&["render", sample, "--archive", "-o", out.to_str().unwrap()]);
    assert!(rendered.status.success(), "{}", stderr(&rendered));
    let notice = out.join("an-phu-2026-02-05-thong-bao-ket-luan.pdf");
    let gathered = dir.path().join("gathered");
    let added = vanban(&[
        "archive",
        "add",
        notice.to_str().unwrap(),
        "--archive-dir",
        gathered.to_str().unwrap(),
    ]);
    assert!(added.status.success(), "{}", stderr(&added));
    let (hits, text) = found_in(&dir, "gathered", &["--", "\"thoi han hoan thanh\""]);
    assert_eq!(hits, ["an-phu-2026"], "{text}");
    let merged = dir.path().join("merged");
    let kho = dir.path().join("kho");
    let merging = vanban(&[
        "archive",
        "merge",
        kho.to_str().unwrap(),
        "--archive-dir",
        merged.to_str().unwrap(),
    ]);
    assert!(merging.status.success(), "{}", stderr(&merging));
    assert_eq!(found_in(&dir, "merged", &["--", "\"thoi han hoan thanh\""]).0.len(), 3);
    let march = [
        "--task-owner",
        "phong kinh te",
        "--due-from",
        "2026-03-01",
        "--due-to",
        "2026-03-31",
    ];
    assert_eq!(found_in(&dir, "merged", &march).0, ["an-phu-2026"]);
}

#[test]
fn a_search_without_hits_says_so_and_kinds_are_named_in_words() {
    let dir = archive();
    let kho = dir.path().join("kho");
    let run = |args: &[&str]| {
        let mut all = vec!["archive", "search", "--archive-dir", kho.to_str().unwrap()];
        all.extend_from_slice(args);
        let output = vanban(&all);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        stdout(&output)
    };
    // Nothing found: said on standard output, exit 0, in the user's language.
    assert_eq!(
        run(&["--", "khongcotunay"]),
        "Không tìm thấy văn bản nào khớp «khongcotunay».\n"
    );
    assert_eq!(
        run(&["--lang", "en", "--", "khongcotunay"]),
        "No entry matches “khongcotunay”.\n"
    );
    assert_eq!(
        run(&["--task-owner", "khong co ai"]),
        "Không tìm thấy văn bản nào khớp các điều kiện đã chọn.\n"
    );
    assert_eq!(run(&["--json", "--", "khongcotunay"]).trim(), "[]", "JSON stays a list");

    // Kinds in words, not the records' `working_session`; JSON keeps the name for scripts.
    let kinds = |text: &str| -> Vec<String> {
        let lines = text.lines().filter(|l| !l.starts_with("  "));
        lines.filter_map(|l| l.split('\t').nth(2)).map(str::to_string).collect()
    };
    let text = run(&["--", "xuan truong"]);
    let found = kinds(&text);
    assert!(found.iter().any(|k| k == "Buổi làm việc"), "{text}");
    assert!(
        found.iter().all(|k| k == "Buổi làm việc" || k == "Đánh giá tiêu chí"),
        "{text}"
    );
    assert!(!text.contains("working_session"), "{text}");
    let english = run(&["--lang", "en", "--", "xuan truong"]);
    assert!(kinds(&english).iter().any(|k| k == "Working session"), "{english}");
    assert!(run(&["--json", "--", "xuan truong"]).contains("\"kind\": \"working_session\""));
    let list = stdout(&vanban(&["archive", "list", "--archive-dir", kho.to_str().unwrap()]));
    assert!(
        list.contains("\tBuổi làm việc\t") && !list.contains("working_session"),
        "{list}"
    );
}
