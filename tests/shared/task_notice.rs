//! A notice with five tasks whose due days are counted from today in the office's zone
//! (UTC+07:00), issued into an archive, for the tests of the "Theo dõi nhiệm vụ" page: one
//! overdue, one due in two days, one without a deadline, two due later.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Today in the office's zone, moved by `days`: `YYYY-MM-DD`.
pub fn day(days: i64) -> String {
    let offset = time::UtcOffset::from_hms(7, 0, 0).unwrap();
    let date = time::OffsetDateTime::now_utc().to_offset(offset).date() + time::Duration::days(days);
    format!("{}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

/// The lead bodies, in the notice's order.
pub const OVERDUE: &str = "Hợp tác xã Đông Tiến";
/// Due in two days.
pub const SOON: &str = "Phòng Văn hóa - Xã hội";
/// No deadline.
pub const NO_DEADLINE: &str = "Văn phòng - Thống kê";
/// Due in thirty days: updated, then confirmed.
pub const LATER: &str = "Trường Trung học cơ sở Tân Lộc";
/// Due in twenty days: refused.
pub const REFUSED: &str = "Trạm Y tế xã";

/// Writes the record into `dir` and issues it into `dir/kho`; the archive's folder.
pub fn issued(dir: &Path) -> PathBuf {
    let record = format!(
        "kind: working_session
id: tan-loc-nhiem-vu
issuer:
  system: state
  parent: Ủy ban nhân dân tỉnh Thanh Hóa
  name: Ủy ban nhân dân xã Tân Lộc
  code: UBND
  place: Tân Lộc
date: {session}
start: \"08:00\"
end: \"10:30\"
location: Trụ sở Ủy ban nhân dân xã Tân Lộc
host: Ủy ban nhân dân xã Tân Lộc
subject: triển khai nhiệm vụ cuối năm
chair:
  name: Đỗ Văn Hải
  titles: [Chủ tịch Ủy ban nhân dân xã]
  role: Chủ tịch Ủy ban nhân dân xã
attendees:
  - group: đại diện các ban, ngành của xã
secretary:
  name: Vũ Thị Lan
  titles: [Công chức Văn phòng - Thống kê]
report:
  presenter:
    name: Vũ Thị Lan
    titles: [Công chức Văn phòng - Thống kê]
  summary: Các nhiệm vụ cuối năm được phân công cho các ban, ngành.
conclusions:
  tasks:
    - assignee: {OVERDUE}
      task: Báo cáo kết quả sản xuất vụ mùa
      due: {overdue}
    - assignee: {SOON}
      task: Tổ chức Ngày hội đại đoàn kết toàn dân tộc ở các thôn
      due: {soon}
    - assignee: {NO_DEADLINE}
      task: Theo dõi, đôn đốc và tổng hợp kết quả thực hiện
    - assignee: {LATER}
      task: Sửa chữa tường rào và nhà để xe của trường
      due: {later}
    - assignee: {REFUSED}
      task: Tiêm chủng mở rộng cho trẻ em dưới 5 tuổi
      due: {refused}
documents:
  notice:
    date: {notice}
    signer:
      authority: TM. Ủy ban nhân dân
      position: Chủ tịch
      name: Đỗ Văn Hải
    recipients: [{OVERDUE}, {SOON}, \"Lưu: VT\"]
",
        session = day(-11),
        notice = day(-10),
        overdue = day(-3),
        soon = day(2),
        later = day(30),
        refused = day(20),
    );
    let file = dir.join("tan-loc-nhiem-vu.yaml");
    std::fs::write(&file, record).unwrap();
    let archive = dir.join("kho");
    let added = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["archive", "add"])
        .arg(&file)
        .arg("--archive-dir")
        .arg(&archive)
        .output()
        .unwrap();
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    archive
}
