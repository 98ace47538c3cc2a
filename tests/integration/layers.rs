//! The map of the source tree, and the test that keeps it true: every file of `src/` has a
//! layer, a file names (imports, doc links, its test module) only its own layer or the
//! layers below it, and no files name each other in a loop. A newcomer reads the table from
//! the ground up.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers, from the ground up. A file's layer is that of the longest path here it
/// starts with; files of one layer may import each other (without a loop).
const LAYERS: &[(&str, u32)] = &[
    // Foundation: wording, the one error type, the record format and Vietnamese text.
    ("problem/", 0),
    ("error/", 1),
    ("record/", 2),
    ("vietnamese.rs", 3),
    // Criteria sets and assessments: the set, an assessment as written, whether a set fits
    // it, the assessment checked and tallied.
    ("criteria/", 4),
    ("criteria/assessment.rs", 5),
    ("criteria/validity.rs", 6),
    ("criteria/checked.rs", 7),
    // The document kinds, the record's JSON Schema, and the Typst and DOCX layout engine.
    ("documents/", 8),
    ("documents/schema.rs", 8),
    ("layout/", 9),
    // Stage 2's model, which stage 1 builds: facts, signed blocks, the news draft, the
    // contexts, the model a template receives; how record text joins template punctuation.
    ("compose/facts.rs", 10),
    ("compose/punctuation.rs", 10),
    ("compose/news.rs", 10),
    ("compose/task_figures.rs", 10),
    ("compose/document.rs", 11),
    ("compose/assessed.rs", 12),
    ("compose/follow_up.rs", 12),
    ("compose/context.rs", 13),
    ("compose/model.rs", 14),
    // The pipeline's stages: prepare a record, compose its text, write its files; the
    // renderer that runs them.
    ("prepare/", 15),
    ("compose/", 16),
    ("output/", 17),
    ("render.rs", 18),
    // Features over the pipeline.
    ("archive/", 20),
    ("sign/", 20),
    ("watcher.rs", 20),
    ("criteria/import.rs", 20),
    // The record as a form: read into a value, written back changing only what changed.
    ("form/", 20),
    // Follow-up records written from tracked tasks (the report, the reminders).
    ("follow_up/", 20),
    // The office's people, roles and audit log.
    ("office/", 20),
    // The ways in: the command line, its commands, the web app, the library's entry points.
    ("args/", 21),
    ("serve/", 21),
    ("commands/", 22),
    ("fuzz.rs", 24),
    ("lib.rs", 25),
    ("main.rs", 26),
];

/// A file's module path (`output/files.rs` → `output::files`, `output/mod.rs` → `output`).
fn module_of(file: &str) -> Vec<String> {
    let stem = file.trim_end_matches(".rs");
    let mut parts: Vec<String> = stem.split('/').map(str::to_string).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts
}

/// The text of a file without string contents (comments stay: a doc link names a module as an
/// import does).
fn code_of(text: &str) -> String {
    let mut code = String::new();
    for line in text.lines() {
        let mut in_string = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\'' if !in_string && chars.peek() == Some(&'"') => {
                    chars.next();
                }
                '"' => in_string = !in_string,
                '\\' if in_string => {
                    chars.next();
                }
                _ if in_string => {}
                _ => code.push(c),
            }
        }
        code.push('\n');
    }
    code
}

/// Every path written after `crate::` or `super::` in `code`, braces expanded.
fn paths_in(code: &str) -> Vec<(String, Vec<String>)> {
    let mut found = Vec::new();
    for root in ["crate::", "super::"] {
        let mut rest = code;
        while let Some(at) = rest.find(root) {
            let before = rest[..at].chars().last();
            rest = &rest[at + root.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            for path in expand(rest) {
                found.push((root.trim_end_matches("::").to_string(), path));
            }
        }
    }
    found
}

/// The paths a `use` tail such as `a::b::{c, d::e}` names.
fn expand(tail: &str) -> Vec<Vec<String>> {
    let ident: String = tail.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    let after = &tail[ident.len()..];
    if ident.is_empty() {
        let Some(group) = after.strip_prefix('{') else {
            return Vec::new();
        };
        return split_group(group).iter().flat_map(|item| expand(item.trim())).collect();
    }
    match after.strip_prefix("::") {
        Some(next) => {
            let inner = expand(next);
            if inner.is_empty() {
                return vec![vec![ident]];
            }
            inner
                .into_iter()
                .map(|mut p| {
                    p.insert(0, ident.clone());
                    p
                })
                .collect()
        }
        None => vec![vec![ident]],
    }
}

/// The items of a `{...}` group (its text after the `{`), split at top-level commas.
fn split_group(group: &str) -> Vec<&str> {
    let (mut depth, mut start, mut items) = (0, 0, Vec::new());
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(&group[start..i]);
                return items;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&group[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items
}

/// Which file each file imports: `crate::` and `super::` paths resolved to the file of the
/// longest module they name.
fn imports(files: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeMap<Vec<String>, String> = files.keys().map(|f| (module_of(f), f.clone())).collect();
    let mut edges = BTreeMap::new();
    for (file, text) in files {
        let module = module_of(file);
        let mut to = BTreeSet::new();
        // The test module at the end of a file counts too; inside it `super` is the file.
        let code = code_of(text);
        let (main, tests) = code.split_once("#[cfg(test)]").unwrap_or((&code, ""));
        let inside_tests = [module.clone(), vec!["tests".to_string()]].concat();
        let parts = paths_in(main)
            .into_iter()
            .map(|p| (p, &module))
            .chain(paths_in(tests).into_iter().map(|p| (p, &inside_tests)));
        for ((root, path), module) in parts {
            // `super` is the module around the one the path is written in.
            let mut full = if root == "crate" {
                Vec::new()
            } else {
                module[..module.len().saturating_sub(1)].to_vec()
            };
            for part in path {
                if part == "super" {
                    full.pop();
                } else {
                    full.push(part);
                }
            }
            let target = (1..=full.len()).rev().find_map(|n| modules.get(&full[..n]));
            if let Some(target) = target.filter(|t| *t != file) {
                to.insert(target.clone());
            }
        }
        edges.insert(file.clone(), to);
    }
    edges
}

fn layer_of(file: &str) -> Option<u32> {
    LAYERS
        .iter()
        .filter(|(prefix, _)| file == *prefix || (prefix.ends_with('/') && file.starts_with(prefix)))
        .max_by_key(|(prefix, _)| prefix.len())
        .map(|(_, layer)| *layer)
}

/// What breaks the map: files without a layer, imports that run up, and loops.
fn breaches(files: &BTreeMap<String, String>) -> Vec<String> {
    let edges = imports(files);
    let mut found = Vec::new();
    for file in files.keys().filter(|f| layer_of(f).is_none()) {
        found.push(format!("{file} has no layer: add it to LAYERS"));
    }
    for (from, targets) in &edges {
        for to in targets {
            if let (Some(a), Some(b)) = (layer_of(from), layer_of(to))
                && b > a
            {
                found.push(format!("{from} (layer {a}) imports {to} (layer {b}), a layer above it"));
            }
        }
    }
    for cycle in loops(&edges) {
        found.push(format!("these files import each other in a loop: {}", cycle.join(", ")));
    }
    found
}

/// The loops of the import graph (strongly connected parts of more than one file).
fn loops(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let reach = |start: &String| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![start.clone()];
        while let Some(file) = stack.pop() {
            for next in edges.get(&file).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        seen
    };
    let reached: BTreeMap<&String, BTreeSet<String>> = edges.keys().map(|f| (f, reach(f))).collect();
    let mut cycles: BTreeSet<Vec<String>> = BTreeSet::new();
    for (file, from_here) in &reached {
        let cycle: Vec<String> = from_here
            .iter()
            .filter(|other| reached.get(other).is_some_and(|back| back.contains(*file)))
            .cloned()
            .collect();
        if cycle.len() > 1 {
            cycles.insert(cycle);
        }
    }
    cycles.into_iter().collect()
}

fn source_tree() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = BTreeMap::new();
    let mut folders = vec![root.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.to_string_lossy().ends_with("_tests.rs") {
                let name = path.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
                files.insert(name, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    files
}

#[test]
fn layers_only_point_down_and_no_files_loop() {
    let files = source_tree();
    assert!(files.len() > 80, "read {} files", files.len());
    let arrows: usize = imports(&files).values().map(BTreeSet::len).sum();
    assert!(arrows > 250, "saw only {arrows} imports: the reader is broken");
    let breaches = breaches(&files);
    assert!(breaches.is_empty(), "{}", breaches.join("\n"));
}

#[test]
fn the_map_catches_an_import_up_and_a_loop() {
    let tree = |files: &[(&str, &str)]| -> BTreeMap<String, String> {
        files.iter().map(|(f, t)| (f.to_string(), t.to_string())).collect()
    };
    // The error type naming a feature's problem, as it once did.
    let up = tree(&[
        (
            "error/mod.rs",
            "pub enum Error { Sign { problem: crate::sign::SignProblem } }",
        ),
        ("sign/mod.rs", "use crate::error::Error;\npub enum SignProblem {}"),
    ]);
    let found = breaches(&up);
    assert!(
        found
            .iter()
            .any(|b| b.starts_with("error/mod.rs (layer 1) imports sign/mod.rs (layer 20)")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|b| b.contains("loop: error/mod.rs, sign/mod.rs")),
        "{found:?}"
    );
    // Two files of one folder using each other through `super`, braces and all.
    let looped = tree(&[
        ("layout/mod.rs", "pub mod docx;\npub mod vocab;"),
        ("layout/docx.rs", "use super::{vocab::{self, Writer}, fonts};"),
        ("layout/vocab.rs", "use super::docx::{Args, Value};"),
    ]);
    let found = breaches(&looped);
    assert_eq!(
        found,
        ["these files import each other in a loop: layout/docx.rs, layout/vocab.rs"]
    );
    // A string says nothing; a doc link and the test module's imports count, and `super`
    // in the test module is the file itself.
    let quiet = tree(&[
        (
            "error/mod.rs",
            "const A: &str = \"crate::sign::X\";\n#[cfg(test)]\nmod tests { use super::*; }",
        ),
        ("sign/mod.rs", "use crate::error::Error;"),
    ]);
    assert_eq!(breaches(&quiet), Vec::<String>::new());
    for text in [
        "//! see [`crate::sign`]",
        "#[cfg(test)]\nmod tests { use crate::sign::X; }",
    ] {
        let up = tree(&[("error/mod.rs", text), ("sign/mod.rs", "")]);
        assert_eq!(
            breaches(&up),
            ["error/mod.rs (layer 1) imports sign/mod.rs (layer 20), a layer above it"],
            "{text}"
        );
    }
    // A file no layer names.
    let unmapped = tree(&[("stray.rs", "")]);
    assert_eq!(breaches(&unmapped), ["stray.rs has no layer: add it to LAYERS"]);
}
