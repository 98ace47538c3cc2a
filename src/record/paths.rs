//! Paths a record names (assessments, criteria sets) must stay inside the record's folder.

use std::path::{Component, Path, PathBuf};

/// `reference` resolved against `base`, or `None` if it is absolute or climbs out of `base`.
///
/// The check is made on the words of the path and, when the file exists, again on its real
/// location, so a symbolic link cannot lead outside either.
pub fn inside(base: &Path, reference: &str) -> Option<PathBuf> {
    let relative = Path::new(reference);
    let mut depth = 0i32;
    for component in relative.components() {
        match component {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir => {
                depth -= 1;
                if depth < 0 {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    let joined = base.join(relative);
    match (joined.canonicalize(), base.canonicalize()) {
        (Ok(real), Ok(real_base)) if !real.starts_with(&real_base) => None,
        _ => Some(joined),
    }
}

/// The folder a record's relative paths start from.
pub fn folder_of(record: &Path) -> PathBuf {
    match record.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_in_the_folder() {
        let base = Path::new("samples");
        assert_eq!(
            inside(base, "assessments/a.yaml"),
            Some(PathBuf::from("samples/assessments/a.yaml"))
        );
        assert_eq!(inside(base, "x/../a.yaml"), Some(PathBuf::from("samples/x/../a.yaml")));
        assert_eq!(inside(base, "../secret.yaml"), None);
        assert_eq!(inside(base, "x/../../secret.yaml"), None);
        assert_eq!(inside(base, "/etc/passwd"), None);
    }
}
