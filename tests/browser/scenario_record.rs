//! The record of issue 38's scenario, as data (not a sample): a commune chairman (Chủ tịch
//! Ủy ban nhân dân xã) visits an agricultural cooperative after the floods, three tasks with
//! owners and due dates, a state (Nghị định 30) commune; and how the soạn thảo writes it, in
//! the new-record page and then the editor's form, without typing any YAML.

use std::time::Duration;

use fantoccini::{Client, Locator};

use crate::forms::{fill, pick_date, press, set_input};
use crate::harness::{click, until, value};
use crate::pages::shown;
use crate::server::Server;

/// The session, as the clerk has it in her notebook.
pub(crate) const FILE: &str = "tan-tien-sau-lu.yaml";
const ISSUER: &str = "Ủy ban nhân dân xã Tân Tiến";
pub(crate) const DATE: &str = "2026-10-05";
const START: &str = "14:00";
const END: &str = "16:30";
const HOST: &str = "Hợp tác xã Nông nghiệp Tân Tiến";
pub(crate) const SUBJECT: &str = "tình hình sản xuất và khắc phục thiệt hại sau mưa lũ";
const LOCATION: &str = "Trụ sở Hợp tác xã Nông nghiệp Tân Tiến";
const CHAIR: (&str, &str) = ("Trần Văn Bình", "Chủ tịch Ủy ban nhân dân xã");
const SECRETARY: (&str, &str) = ("Nguyễn Thị Hạnh", "Công chức Văn phòng - Thống kê");
/// Name, titles (comma-separated), or a group.
const ATTENDEES: [(&str, &str, &str); 2] = [
    ("Lê Văn Cường", "Giám đốc Hợp tác xã Nông nghiệp Tân Tiến", ""),
    ("", "", "đại diện các ban, ngành, đoàn thể xã"),
];
const REPORT: [&str; 2] = [
    "Trận lũ cuối tháng 9 làm ngập lụt 45 ha lúa mùa và 12 ha rau màu của thành viên.",
    "Hợp tác xã đã tổ chức tiêu úng, gieo lại 20 ha mạ và đề nghị hỗ trợ giống vụ đông.",
];
const ACKNOWLEDGEMENT: &str = "ghi nhận sự chủ động của hợp tác xã trong khắc phục hậu quả mưa lũ";
const DIRECTIVES: [&str; 2] = [
    "Khẩn trương tiêu úng, khôi phục diện tích lúa và rau màu bị ngập.",
    "Bảo đảm vệ sinh môi trường, phòng chống dịch bệnh cho cây trồng, vật nuôi sau lũ.",
];
/// Who, what, by when.
const TASKS: [(&str, &str, &str); 3] = [
    (
        "Hợp tác xã Nông nghiệp Tân Tiến",
        "Thống kê đầy đủ thiệt hại của từng hộ thành viên",
        "2026-10-20",
    ),
    (
        "Phòng Kinh tế xã",
        "Lập hồ sơ đề nghị hỗ trợ giống cây trồng vụ đông",
        "2026-10-31",
    ),
    (
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã",
        "Theo dõi, đôn đốc và tổng hợp kết quả thực hiện",
        "2026-11-30",
    ),
];
const SIGNER: [(&str, &str); 3] = [
    ("authority", "TM. Ủy ban nhân dân"),
    ("position", "Chủ tịch"),
    ("name", "Trần Văn Bình"),
];
const NOTICE_TO: [&str; 2] = ["Hợp tác xã Nông nghiệp Tân Tiến", "Lưu: VT"];
/// The new-record page: what the clerk knows right after the visit.
pub(crate) async fn new_record(client: &Client, server: &Server) {
    client.goto(&server.url).await.unwrap();
    until(client, &shown("#new-session"), Duration::from_secs(20)).await;
    click(client, "#new-session").await;
    until(
        client,
        "location.pathname === '/new' && document.querySelectorAll('.attendee').length === 1",
        Duration::from_secs(10),
    )
    .await;
    let start = "#start";
    set_input(client, "#date", DATE).await;
    set_input(client, start, START).await;
    for (css, text) in [
        ("#issuer", ISSUER),
        ("#host", HOST),
        ("#subject", SUBJECT),
        ("#chair-name", CHAIR.0),
        ("#chair-titles", CHAIR.1),
        ("#secretary-name", SECRETARY.0),
        ("#secretary-titles", SECRETARY.1),
    ] {
        let field = client.find(Locator::Css(css)).await.unwrap();
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
    }
    for (i, (name, titles, group)) in ATTENDEES.into_iter().enumerate() {
        if i > 0 {
            click(client, "#add-row").await;
        }
        for (class, text) in [("a-name", name), ("a-titles", titles), ("a-group", group)] {
            let css = format!(".attendee:nth-child({}) .{class}", i + 1);
            let field = client.wait().for_element(Locator::Css(&css)).await.unwrap();
            field.send_keys(text).await.unwrap();
        }
    }
    let name = client.find(Locator::Css("#name")).await.unwrap();
    name.clear().await.unwrap();
    name.send_keys(FILE).await.unwrap();
    click(client, "#form button[type=submit]").await;
    until(
        client,
        "window.vanban && vanban.state.previews >= 1 && !vanban.state.formStale && !!document.getElementById('state')",
        Duration::from_secs(30),
    )
    .await;
}

/// The rest of the record, in the editor's form.
pub(crate) async fn fill_form(client: &Client) {
    // The issuer typed by name: the server made it a state body, with its code and place.
    let text = value(client, "vanban.cm.getValue()").await;
    let text = text.as_str().unwrap();
    for wanted in [
        "system: state",
        "code: \"UBND\"",
        "place: \"Tân Tiến\"",
        CHAIR.1,
        ATTENDEES[1].2,
    ] {
        assert!(text.contains(wanted), "{wanted:?} from the new-record page in\n{text}");
    }
    fill(client, "/location", LOCATION).await;
    pick_date(client, "/end", END).await;
    press(client, "/report", ".add-block").await;
    fill(client, "/report/summary", &REPORT.join("\n\n")).await;
    press(client, "/conclusions", ".add-block").await;
    fill(client, "/conclusions/acknowledgements", ACKNOWLEDGEMENT).await;
    for (i, text) in DIRECTIVES.iter().enumerate() {
        press(client, "/conclusions/directives", ".add-item").await;
        fill(client, &format!("/conclusions/directives/{i}"), text).await;
    }
    for (i, (who, what, due)) in TASKS.into_iter().enumerate() {
        press(client, "/conclusions/tasks", ".add-item").await;
        fill(client, &format!("/conclusions/tasks/{i}/assignee"), who).await;
        fill(client, &format!("/conclusions/tasks/{i}/task"), what).await;
        pick_date(client, &format!("/conclusions/tasks/{i}/due"), due).await;
    }
    fill(client, "/documents/minutes/recipients/0", "Lưu: VT").await;
    press(client, "/documents/notice", ".add-block").await;
    for (key, text) in SIGNER {
        fill(client, &format!("/documents/notice/signer/{key}"), text).await;
    }
    for (i, text) in NOTICE_TO.iter().enumerate() {
        press(client, "/documents/notice/recipients", ".add-item").await;
        fill(client, &format!("/documents/notice/recipients/{i}"), text).await;
    }
}
