//! The command line speaks the user's language (issue 38): `--help`, a subcommand's help
//! and `help <subcommand>` in Vietnamese by default, in English under `--lang en` or
//! `LANG=en*`, the rule every message follows.

use std::process::Output;

use crate::support::{stderr, stdout, vanban};

/// Runs vanban with `LANG` set to `lang`.
fn vanban_with_lang(lang: &str, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("LANG", lang)
        .output()
        .expect("vanban runs")
}

/// The help printed, after checking it succeeded.
fn help(output: Output) -> String {
    assert!(output.status.success(), "{output:?}");
    stdout(&output)
}

fn assert_holds(text: &str, parts: &[&str], absent: &[&str]) {
    for part in parts {
        assert!(text.contains(part), "{part:?} missing from:\n{text}");
    }
    for part in absent {
        assert!(!text.contains(part), "{part:?} in:\n{text}");
    }
}

const ENGLISH_HEADINGS: [&str; 4] = ["Usage:", "Commands:", "Options:", "Print help"];

#[test]
fn help_is_vietnamese_by_default() {
    let vietnamese = [
        "Cách dùng: vanban [TÙY CHỌN] <LỆNH>",
        "Lệnh:",
        "Tùy chọn:",
        "Kết xuất mọi văn bản mà các bản ghi yêu cầu.",
        "Kho lưu trữ bản ghi và PDF lưu trữ",
        "Ngôn ngữ của thông báo và trợ giúp",
        "In trợ giúp.",
    ];
    assert_holds(&help(vanban(&["--help"])), &vietnamese, &ENGLISH_HEADINGS);
    assert_holds(&help(vanban(&["-h"])), &vietnamese, &ENGLISH_HEADINGS);
    assert_holds(&help(vanban(&["help"])), &vietnamese, &ENGLISH_HEADINGS);
}

#[test]
fn help_is_english_with_lang_en_or_an_english_locale() {
    let english = [
        "Usage: vanban [OPTIONS] <COMMAND>",
        "Commands:",
        "Options:",
        "Render every document the records ask for",
        "Print help",
    ];
    let vietnamese = ["Cách dùng", "Lệnh:", "Tùy chọn:", "Kết xuất"];
    assert_holds(&help(vanban(&["--lang", "en", "--help"])), &english, &vietnamese);
    assert_holds(&help(vanban(&["--help", "--lang=en"])), &english, &vietnamese);
    assert_holds(
        &help(vanban_with_lang("en_US.UTF-8", &["--help"])),
        &english,
        &vietnamese,
    );
    // `--lang` wins over the locale, both ways.
    assert_holds(
        &help(vanban_with_lang("en_US.UTF-8", &["--lang", "vi", "--help"])),
        &["Cách dùng:"],
        &ENGLISH_HEADINGS,
    );
}

#[test]
fn a_subcommands_help_follows_the_same_rule() {
    let vietnamese = [
        "Cách dùng: vanban render [TÙY CHỌN] <RECORDS>...",
        "Đối số:",
        "Các tệp bản ghi, hoặc thư mục để tìm các bản ghi `.yaml` trong đó.",
        "Thư mục ghi kết quả. [mặc định: out]",
        "[mặc định: pdf] [giá trị: pdf, docx]",
    ];
    let no_english = [
        "Usage:",
        "Arguments:",
        "Options:",
        "[default:",
        "possible values",
        "Output folder",
    ];
    assert_holds(&help(vanban(&["render", "--help"])), &vietnamese, &no_english);
    assert_holds(&help(vanban(&["help", "render"])), &vietnamese, &no_english);

    let english = [
        "Usage: vanban render [OPTIONS] <RECORDS>...",
        "Arguments:",
        "Record files, or folders to search for `.yaml` records",
        "Output folder",
        "[default: out]",
    ];
    let no_vietnamese = ["Cách dùng", "Đối số:", "Thư mục ghi kết quả"];
    assert_holds(
        &help(vanban(&["render", "--help", "--lang", "en"])),
        &english,
        &no_vietnamese,
    );
    assert_holds(
        &help(vanban_with_lang("en_US.UTF-8", &["render", "--help"])),
        &english,
        &no_vietnamese,
    );
}

#[test]
fn nested_subcommands_have_vietnamese_help_too() {
    assert_holds(
        &help(vanban(&["archive", "search", "--help"])),
        &[
            "Tìm các mục theo từ ngữ, gõ có dấu hay không dấu đều được",
            "Chỉ loại này: `working_session` (buổi làm việc)",
            "Thư mục kho lưu trữ. [mặc định: archive]",
        ],
        &["Usage:", "Find entries by their words"],
    );
}

#[test]
fn a_bad_value_is_refused_in_the_language_asked() {
    let args = ["verify", "x.pdf", "--at", "2026-13-01"];
    let vietnamese = vanban(&args);
    assert_eq!(vietnamese.status.code(), Some(2));
    assert!(
        stderr(&vietnamese).contains("ngày `2026-13-01` không tồn tại"),
        "{vietnamese:?}"
    );
    let english = vanban(&[&args[..], &["--lang", "en"]].concat());
    assert_eq!(english.status.code(), Some(2));
    assert!(
        stderr(&english).contains("date `2026-13-01` does not exist"),
        "{english:?}"
    );
}
