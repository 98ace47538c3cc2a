//! A served folder someone else can write to (a shared or synced office folder): links
//! planted where vanban writes or lists, records whose aliases stand for gigabytes, and
//! requests that name another host or carry too much. Each attack is written as it was
//! found against b8e3117; each failed then and is refused now.

use std::os::unix::fs::symlink;
use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::server::Server;
use crate::support::{stderr, vanban};

const SEED: &str = "xuan-truong-2024.yaml";

/// Links at every temporary name the old writer could pick for `name` in `folder` (its
/// process id, counters 0–63), all pointing at `victim`.
fn plant_temporary_links(folder: &Path, name: &str, pid: u32, victim: &Path) {
    for n in 0..64 {
        symlink(victim, folder.join(format!(".{name}.{pid}-{n}.tmp"))).unwrap();
    }
}

fn victim(dir: &Path) -> std::path::PathBuf {
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "không được ghi đè").unwrap();
    victim
}

#[test]
fn new_and_save_never_write_through_a_planted_link() {
    let server = Server::start(&[]);
    let outside = tempfile::tempdir().unwrap();
    let victim = victim(outside.path());
    plant_temporary_links(&server.folder, "brand-new.yaml", server.pid(), &victim);
    plant_temporary_links(&server.folder, SEED, server.pid(), &victim);
    let created = server.post("/api/new", &json!({ "kind": "assessment", "name": "brand-new" }));
    assert_eq!(created.status, 200, "{}", created.text());
    let new = server.folder.join("brand-new.yaml");
    assert!(std::fs::symlink_metadata(&new).unwrap().file_type().is_file());
    let version = server.get(&format!("/api/record?path={SEED}")).json()["version"].clone();
    let saved = server.post(
        "/api/save",
        &json!({ "path": SEED, "text": "kind: working_session\n", "base": version }),
    );
    assert_eq!(saved.status, 200, "{}", saved.text());
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "không được ghi đè");
    // A link planted at the name itself is not written through either (it leads out: 403).
    symlink(&victim, server.folder.join("planted.yaml")).unwrap();
    let refused = server.post("/api/new", &json!({ "kind": "assessment", "name": "planted" }));
    assert_eq!(refused.status, 403);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "không được ghi đè");
}

#[test]
fn render_never_writes_through_a_folder_link_in_out() {
    let server = Server::start(&[]);
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir(server.folder.join("out")).unwrap();
    symlink(outside.path(), server.folder.join("out/pdfa")).unwrap();
    let archival = server.post("/api/render", &json!({ "path": SEED, "archive": true }));
    assert_eq!(archival.status, 422, "{}", archival.text());
    assert!(archival.json()["error"].as_str().unwrap().contains("liên kết"));
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
    // The output folder itself replaced by a link.
    std::fs::remove_dir_all(server.folder.join("out")).unwrap();
    symlink(outside.path(), server.folder.join("out")).unwrap();
    let plain = server.post("/api/render", &json!({ "path": SEED, "archive": false }));
    assert_eq!(plain.status, 422, "{}", plain.text());
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
}

#[test]
fn the_list_and_the_issuers_do_not_read_through_links() {
    let server = Server::start(&[]);
    let outside = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(server.folder.join(SEED)).unwrap();
    let marked = text.replace("xã Xuân Trường", "xã Ngoài Thư Mục");
    assert_ne!(marked, text);
    std::fs::write(outside.path().join("rec.yaml"), marked).unwrap();
    symlink(outside.path().join("rec.yaml"), server.folder.join("link-rec.yaml")).unwrap();
    symlink(outside.path(), server.folder.join("link-dir")).unwrap();
    symlink(&server.folder, server.folder.join("assessments/loop")).unwrap();
    let list = server.get("/api/records").text();
    assert!(
        !list.contains("link-rec") && !list.contains("Ngoài Thư Mục") && !list.contains("loop"),
        "{list}"
    );
    let issuers = server.get("/api/issuers").text();
    assert!(!issuers.contains("Ngoài Thư Mục"), "{issuers}");
    // The command line skips them too, and says so.
    let checked = vanban(&["check", server.folder.to_str().unwrap()]);
    let said = stderr(&checked);
    assert!(said.contains("link-rec.yaml: cảnh báo: bỏ qua liên kết"), "{said}");
    assert!(said.contains("loop: cảnh báo"), "{said}");
}

/// The attack as found: the seed record with one 20 KB task text anchored and 50 more tasks
/// aliasing it (a valid record, 32 KB on disk, 1 MB of text to lay out).
fn amplified_record() -> String {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples").join(SEED)).unwrap();
    let mut tasks = format!(
        "  tasks:\n    - {{ assignee: Xã, task: &dai \"{}\" }}\n",
        "Lặp lại. ".repeat(1800)
    );
    tasks.push_str(&"    - { assignee: Xã, task: *dai }\n".repeat(50));
    let out = text.replacen("  tasks:\n", &tasks, 1);
    assert_ne!(out, text, "the seed has tasks");
    out
}

#[test]
fn aliases_that_stand_for_megabytes_are_refused_at_once_naming_the_alias() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("khuech-dai.yaml");
    std::fs::write(&record, amplified_record()).unwrap();
    let started = Instant::now();
    let checked = vanban(&["check", record.to_str().unwrap()]);
    let took = started.elapsed();
    let said = stderr(&checked);
    assert_eq!(checked.status.code(), Some(1));
    assert!(
        said.contains("khuech-dai.yaml:") && said.contains("bí danh `*dai` lặp lại quá nhiều văn bản"),
        "{said}"
    );
    assert!(took < Duration::from_secs(10), "took {took:?}");
    let server = Server::start(&[]);
    let preview = server.post("/api/preview", &json!({ "path": SEED, "text": amplified_record() }));
    assert_eq!(preview.status, 200);
    assert!(preview.text().contains("*dai"), "{}", preview.text());
}

#[test]
fn requests_naming_another_host_or_too_large_a_record_are_refused() {
    let server = Server::start(&[]);
    assert_eq!(server.get("http://evil.example/api/issuers").status, 403);
    assert_eq!(
        server.get(&format!("http://{}/api/issuers", server.address)).status,
        200
    );
    let version = server.get(&format!("/api/record?path={SEED}")).json()["version"].clone();
    let text = format!("kind: working_session\n#{}\n", "x".repeat(3 << 20));
    let saved = server.post("/api/save", &json!({ "path": SEED, "text": text, "base": version }));
    assert_eq!(saved.status, 413);
    assert!(saved.text().contains("2 MiB"));
}

#[test]
fn the_token_can_come_from_the_environment_and_stays_off_the_command_line() {
    let token = "t0ken-from-the-environment";
    let server = Server::start_with_env(&["--token-env", "VANBAN_TEST_TOKEN"], &[("VANBAN_TEST_TOKEN", token)]);
    assert_eq!(server.get("/api/records").status, 401);
    assert_eq!(server.get(&format!("/api/records?token={token}")).status, 200);
    let command_line = std::fs::read(format!("/proc/{}/cmdline", server.pid())).unwrap();
    assert!(!String::from_utf8_lossy(&command_line).contains(token));
    let unset = vanban(&["serve", ".", "--port", "0", "--token-env", "VANBAN_NOT_SET_ANYWHERE"]);
    assert_eq!(
        unset.status.code(),
        Some(2),
        "a variable the command line names is unset: exit 2"
    );
    assert!(stderr(&unset).contains("VANBAN_NOT_SET_ANYWHERE chưa được đặt"));
}
