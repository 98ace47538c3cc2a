//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The samples every test starts from.
pub const STATE_SAMPLE: &str = "samples/an-phu-2026-02-05.yaml";
/// The seed meeting (Party issuer, 2024).
pub const PARTY_SAMPLE: &str = "samples/xuan-truong-2024.yaml";
/// Every sample record: the sessions, the assessments, the task reports and the reminders.
pub const SAMPLES: [&str; 9] = [
    "samples/an-phu-2026-02-05.yaml",
    "samples/xuan-truong-2024.yaml",
    "samples/sao-vang-2026-03-12.yaml",
    "samples/assessments/xuan-truong-2024-ntm.yaml",
    "samples/assessments/xuan-truong-2024-ntm-nang-cao.yaml",
    "samples/an-phu-2026-bao-cao-thuc-hien.yaml",
    "samples/an-phu-2026-don-doc.yaml",
    "samples/sao-vang-2026-bao-cao-thuc-hien.yaml",
    "samples/sao-vang-2026-don-doc.yaml",
];

/// Runs the vanban binary with `args` in the project root, with Vietnamese messages.
pub fn vanban(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("LANG", "vi_VN.UTF-8")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("vanban runs")
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Files in `dir`, sorted by name.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => Vec::new(),
    };
    names.sort();
    names
}

/// A record file with `text` in a fresh folder.
pub fn record_file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The state sample's text with `from` replaced by `to` (exactly once).
pub fn state_sample_with(from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(STATE_SAMPLE)).unwrap();
    assert_eq!(text.matches(from).count(), 1, "{from:?} must occur once in the sample");
    text.replacen(from, to, 1)
}

/// Compares `actual` with `tests/snapshots/<name>`; `UPDATE_SNAPSHOTS=1` rewrites the file.
pub fn assert_snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no snapshot {}; run with UPDATE_SNAPSHOTS=1 and review it",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .map_or(0, |i| i + 1);
        panic!("{name} differs from its snapshot near line {line}; run with UPDATE_SNAPSHOTS=1 to accept");
    }
}

/// Copies the samples (records and assessments) into `to`.
pub fn copy_samples(to: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    std::fs::create_dir_all(to.join("assessments")).unwrap();
    for name in files_in(&root).into_iter().filter(|n| n.ends_with(".yaml")) {
        std::fs::copy(root.join(&name), to.join(&name)).unwrap();
    }
    for name in files_in(&root.join("assessments")) {
        std::fs::copy(root.join("assessments").join(&name), to.join("assessments").join(&name)).unwrap();
    }
}

/// Every file under `dir` with its bytes, for before/after comparisons.
pub fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut all = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(next) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&next) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                all.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
    }
    all.sort();
    all
}

/// Whether the program `name` is on `PATH`; see [`available`].
pub fn program(name: &str) -> bool {
    let found =
        std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(name).is_file()));
    available(name, found)
}

/// Whether Python 3 can import `module`; see [`available`].
pub fn python_module(module: &str) -> bool {
    let found = Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|output| output.status.success());
    available(&format!("python3 module {module}"), found)
}

/// One rule for the outside programs tests drive: present, the test runs; missing outside
/// CI, the test says so by name and is skipped; missing under `CI=true`, the test fails.
pub fn available(tool: &str, found: bool) -> bool {
    if found {
        return true;
    }
    let in_ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    assert!(!in_ci, "{tool} is missing; CI must have it (.ci/run installs it)");
    eprintln!("skipped: {tool} is not installed (.ci/run installs it)");
    false
}

/// The record `path` without its document numbers (the văn thư gives them when issuing).
pub fn remove_numbers(path: &Path) {
    let kept: Vec<String> = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("    number:"))
        .map(str::to_string)
        .collect();
    std::fs::write(path, kept.join("\n") + "\n").unwrap();
}

/// Adds a person to the office of `folder` (`vanban users add`, the password from the
/// environment).
pub fn add_user(folder: &Path, name: &str, role: &str, password: &str) {
    let added = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args([
            "users",
            "add",
            name,
            "--role",
            role,
            "--folder",
            folder.to_str().unwrap(),
            "--password-env",
            "PW",
        ])
        .env("PW", password)
        .env("LANG", "vi_VN.UTF-8")
        .output()
        .unwrap();
    assert!(added.status.success(), "{}", stderr(&added));
}
