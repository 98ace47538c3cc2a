use std::os::unix::fs::symlink;

use super::*;

fn file(name: &str, bytes: &[u8]) -> OutputFile {
    OutputFile {
        name: name.into(),
        bytes: bytes.to_vec(),
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn writes_all_files_and_leaves_no_temporaries() {
    let dir = tempfile::tempdir().unwrap();
    write_all(dir.path(), &[file("a.pdf", b"a"), file("b.pdf", b"b")]).unwrap();
    assert_eq!(names(dir.path()), ["a.pdf", "b.pdf"]);
}

#[test]
fn a_failed_stage_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    assert!(write_all(dir.path(), &[file("a.pdf", b"a"), file("missing/b.pdf", b"b")]).is_err());
    assert!(names(dir.path()).is_empty());
}

#[test]
fn a_link_at_the_target_is_refused_and_what_it_points_to_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim.txt");
    std::fs::write(&victim, b"mine").unwrap();
    symlink(&victim, dir.path().join("b.pdf")).unwrap();
    let error = write_all(dir.path(), &[file("a.pdf", b"a"), file("b.pdf", b"b")]).unwrap_err();
    assert!(matches!(error, Error::Link { .. }), "{error:?}");
    assert_eq!(std::fs::read(&victim).unwrap(), b"mine");
    assert_eq!(
        names(dir.path()),
        ["b.pdf"],
        "nothing else written, no temporaries left"
    );
    assert!(matches!(
        write_atomic(&dir.path().join("b.pdf"), b"x"),
        Err(Error::Link { .. })
    ));
}

#[test]
fn a_new_file_never_goes_through_a_dangling_link() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("planted.yaml");
    symlink(&target, dir.path().join("new.yaml")).unwrap();
    let error = write_new(&dir.path().join("new.yaml"), b"x").unwrap_err();
    assert!(matches!(error, Error::WouldOverwrite { .. }), "{error:?}");
    assert!(!target.exists());
}

#[test]
fn a_folder_link_below_the_root_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    symlink(outside.path(), root.path().join("out")).unwrap();
    let error = Folder::within(root.path(), &root.path().join("out")).unwrap_err();
    assert!(matches!(error, Error::Link { .. }), "{error:?}");
    let inner = Folder::within(root.path(), &root.path().join("real/deeper")).unwrap();
    inner.write_all(&[file("a.pdf", b"a")]).unwrap();
    assert!(root.path().join("real/deeper/a.pdf").is_file());
    assert!(names(outside.path()).is_empty());
}

#[test]
fn temporary_names_are_unpredictable_and_short_enough() {
    let a = temporary_name("ban-ghi.yaml").unwrap();
    let b = temporary_name("ban-ghi.yaml").unwrap();
    assert_ne!(a, b);
    assert!(a.starts_with(".ban-ghi.yaml.") && a.ends_with(".tmp"));
    assert!(temporary_name(&"ệ".repeat(120)).unwrap().len() < 255);
}

#[test]
fn writes_inside_a_shared_folder_make_folders_but_never_cross_a_link() {
    let root = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let written = write_inside(root.path(), &root.path().join("entries/a/received/x.pdf"), b"x", false).unwrap();
    assert_eq!(std::fs::read(&written).unwrap(), b"x");
    symlink(outside.path(), root.path().join("entries/b")).unwrap();
    let error = write_inside(root.path(), &root.path().join("entries/b/received/x.pdf"), b"x", false).unwrap_err();
    assert!(matches!(error, Error::Link { .. }), "{error:?}");
    assert!(names(outside.path()).is_empty());
    assert!(matches!(
        write_inside(root.path(), &written, b"y", true),
        Err(Error::WouldOverwrite { .. })
    ));
}

#[test]
fn reads_below_a_folder_never_follow_a_link_swapped_in() {
    let root = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.yaml"), "bí mật").unwrap();
    let real = write_inside(
        root.path(),
        &root.path().join("a/b/rec.yaml"),
        "bản ghi".as_bytes(),
        false,
    )
    .unwrap();
    assert_eq!(read_below(root.path(), &real).unwrap(), "bản ghi".as_bytes());
    // The folder `a` swapped for a link to another folder holding the same names.
    std::fs::create_dir_all(outside.path().join("b")).unwrap();
    std::fs::write(outside.path().join("b/rec.yaml"), "bí mật").unwrap();
    std::fs::rename(root.path().join("a"), root.path().join("a-old")).unwrap();
    symlink(outside.path(), root.path().join("a")).unwrap();
    assert!(matches!(read_below(root.path(), &real), Err(Error::Link { .. })));
    // The file itself swapped for a link.
    symlink(outside.path().join("secret.yaml"), root.path().join("x.yaml")).unwrap();
    assert!(matches!(
        read_below(root.path(), &root.path().join("x.yaml")),
        Err(Error::Link { .. })
    ));
}
