//! A whole working session written in the form, in a real headless Chromium (issue 25): a
//! new, empty folder with only the office's directory; three attendees (one chosen from the
//! directory), four conclusions, three tasks with deadlines, a notice and a giấy mời; saved;
//! the file validates against the schema, renders every document, and the minutes hold
//! each conclusion. Then every control of the form is reached with Tab alone and has a name.

use std::time::Duration;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::{Client, Locator};
use serde_json::json;

use crate::forms::{control, fill, pick_date, press};
use crate::harness::{Browser, click, page_text, save, screenshot, until};
use crate::server::Server;

const DIRECTORY: &str =
    "people:\n  - name: Phạm Văn Thử\n    titles: [Phó Bí thư Đảng ủy xã, Chủ tịch Ủy ban nhân dân xã]\n";

const CONCLUSIONS: [&str; 4] = [
    "Đẩy nhanh tiến độ xây dựng nhà sơ chế nông sản.",
    "Hoàn thiện hồ sơ sản phẩm OCOP trước mùa thu hoạch.",
    "Tăng cường tập huấn kỹ năng số cho thành viên.",
    "Rà soát, củng cố bộ máy quản lý hợp tác xã.",
];

/// The visible controls of the page without a name a screen reader reads (a label, an
/// `aria-label`, or a button's text), as the start of their HTML.
async fn unnamed(client: &Client) -> serde_json::Value {
    client
        .execute(
            "return [...document.querySelectorAll('input, select, textarea, button')].filter(e => e.offsetParent !== null)
               .filter(e => { const label = [...(e.labels || [])].map(l => l.textContent).join('').trim();
                              return !(label || (e.getAttribute('aria-label') || '').trim() || e.textContent.trim()); })
               .map(e => e.outerHTML.slice(0, 80));",
            vec![],
        )
        .await
        .unwrap()
}

/// One press of Tab.
async fn tab(client: &Client) {
    let keys = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: '\u{E004}' })
        .then(KeyAction::Up { value: '\u{E004}' });
    client.perform_actions(keys).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clerk_writes_a_whole_session_in_the_form() {
    let _turn = crate::harness::ONE_AT_A_TIME.lock().await;
    let Some(browser) = Browser::open().await else { return };
    let client = &browser.client;
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("danh-ba.yaml"), DIRECTORY).unwrap();
    let server = Server::start_in(folder.path(), &[]);

    // The first page of a new record: what the clerk knows right after the meeting.
    client.goto(&format!("{}new", server.url)).await.unwrap();
    for (id, text) in [
        ("host", "Hợp tác xã Tân Tiến"),
        ("subject", "tiến độ xây dựng chuỗi giá trị nông sản"),
        ("chair-name", "Phạm Văn Thử"),
        ("secretary-name", "Đỗ Thị Lan"),
        ("secretary-titles", "Công chức Văn phòng"),
    ] {
        let selector = format!("#{id}");
        let field = client.wait().for_element(Locator::Css(&selector)).await.unwrap();
        field.send_keys(text).await.unwrap();
    }
    let name = client.find(Locator::Css("#name")).await.unwrap();
    name.clear().await.unwrap();
    name.send_keys("tan-tien.yaml").await.unwrap();
    click(client, "button[type=submit]").await;
    until(
        client,
        "window.vanban && vanban.state.previews >= 1 && !vanban.state.formStale",
        Duration::from_secs(20),
    )
    .await;

    // The rest in the form.
    let system = client.wait().for_element(control("/issuer/system")).await.unwrap();
    system.select_by_value("state").await.unwrap();
    fill(client, "/issuer/name", "Ủy ban nhân dân xã Tân Tiến").await;
    fill(client, "/issuer/place", "Tân Tiến").await;
    fill(client, "/location", "Hội trường Hợp tác xã Tân Tiến").await;
    pick_date(client, "/date", "2026-04-14").await;
    fill(client, "/chair/titles/0", "Phó Bí thư Đảng ủy xã").await;
    // Attendees: the first from the directory (its titles come with it), a person, a group.
    fill(client, "/attendees/0/group", "các đồng chí thành viên Ban Chỉ đạo").await;
    press(client, "/attendees", ".add-item").await;
    fill(client, "/attendees/1/name", "Phạm Văn Thử").await;
    until(
        client,
        "vanban.cm.getValue().includes('Chủ tịch Ủy ban nhân dân xã')",
        Duration::from_secs(10),
    )
    .await;
    press(client, "/attendees", ".add-item").await;
    fill(client, "/attendees/2/name", "Lê Thị Hoa").await;
    press(client, "/attendees/2/titles", ".add-item").await;
    fill(client, "/attendees/2/titles/0", "Giám đốc Hợp tác xã Tân Tiến").await;
    // Conclusions and tasks.
    press(client, "/conclusions", ".add-block").await;
    fill(
        client,
        "/conclusions/acknowledgements",
        "ghi nhận kết quả hợp tác xã đạt được trong quý I",
    )
    .await;
    for (i, text) in CONCLUSIONS.iter().enumerate() {
        press(client, "/conclusions/directives", ".add-item").await;
        fill(client, &format!("/conclusions/directives/{i}"), text).await;
    }
    for (i, (who, what, due)) in [
        ("Hợp tác xã Tân Tiến", "Hoàn thành nhà sơ chế", "2026-06-30"),
        ("Phòng Kinh tế xã", "Hướng dẫn hồ sơ OCOP", "2026-05-15"),
        (
            "Văn phòng Ủy ban nhân dân xã",
            "Theo dõi, đôn đốc thực hiện",
            "2026-07-31",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        press(client, "/conclusions/tasks", ".add-item").await;
        fill(client, &format!("/conclusions/tasks/{i}/assignee"), who).await;
        fill(client, &format!("/conclusions/tasks/{i}/task"), what).await;
        pick_date(client, &format!("/conclusions/tasks/{i}/due"), due).await;
    }
    // The documents: the minutes' recipients, a notice and a giấy mời.
    fill(client, "/documents/minutes/recipients/0", "Lưu: VT, Hồ sơ").await;
    for (block, date) in [("notice", "2026-04-15"), ("invitation", "2026-04-10")] {
        press(client, &format!("/documents/{block}"), ".add-block").await;
        pick_date(client, &format!("/documents/{block}/date"), date).await;
        fill(
            client,
            &format!("/documents/{block}/signer/authority"),
            "TM. Ủy ban nhân dân",
        )
        .await;
        fill(client, &format!("/documents/{block}/signer/position"), "Chủ tịch").await;
        fill(client, &format!("/documents/{block}/signer/name"), "Nguyễn Văn Tâm").await;
        press(client, &format!("/documents/{block}/recipients"), ".add-item").await;
        fill(client, &format!("/documents/{block}/recipients/0"), "Lưu: VT").await;
    }
    until(
        client,
        "vanban.notes.filter(n => n.severity === 'error').length === 0 && document.getElementById('stale').hidden \
         && vanban.state.lastOk && vanban.state.lastOk.length >= 3",
        Duration::from_secs(30),
    )
    .await;
    screenshot(client, "form.png").await;
    save(client).await;

    // The saved file: valid against the schema, and every document renders.
    let saved = folder.path().join("tan-tien.yaml");
    let text = std::fs::read_to_string(&saved).unwrap();
    let value = vanban::form::read(&text).unwrap();
    let schema = jsonschema::validator_for(&vanban::documents::schema::record_schema()).unwrap();
    let errors: Vec<String> = schema.iter_errors(&value).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}\n{text}");
    assert_eq!(value["attendees"][1]["titles"][1], "Chủ tịch Ủy ban nhân dân xã");
    let out = folder.path().join("out");
    let rendered = crate::support::vanban(&["render", saved.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(rendered.status.success(), "{}", crate::support::stderr(&rendered));
    let written = crate::support::files_in(&out);
    for kind in ["bien-ban.pdf", "thong-bao-ket-luan.pdf", "giay-moi.pdf"] {
        assert!(written.iter().any(|f| f.ends_with(kind)), "{kind} in {written:?}");
    }
    let minutes = std::process::Command::new("pdftotext")
        .arg(out.join("tan-tien-bien-ban.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let minutes = String::from_utf8_lossy(&minutes.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for conclusion in CONCLUSIONS {
        assert!(minutes.contains(conclusion), "{conclusion} not in the minutes");
    }

    // Keyboard and names: Tab alone reaches every control of the form, in page order, and
    // every control has a name a screen reader reads.
    assert_eq!(
        unnamed(client).await,
        json!([]),
        "controls of the editor without a name"
    );
    let editor = client.current_url().await.unwrap();
    for page in ["", "new"] {
        client.goto(&format!("{}{page}", server.url)).await.unwrap();
        until(client, "Object.keys(V.T).length > 0", Duration::from_secs(10)).await;
        assert_eq!(unnamed(client).await, json!([]), "controls of /{page} without a name");
    }
    client.goto(editor.as_str()).await.unwrap();
    until(
        client,
        "window.vanban && !vanban.state.formStale",
        Duration::from_secs(20),
    )
    .await;
    // A 1366×768 laptop and a 768 px tablet: nothing wider than the window; on the tablet
    // the preview comes below the form.
    for (width, height, name) in [(1366, 768, "form-1366.png"), (768, 1024, "form-768.png")] {
        client.set_window_size(width, height).await.unwrap();
        until(
            client,
            "document.documentElement.scrollWidth <= window.innerWidth",
            Duration::from_secs(5),
        )
        .await;
        screenshot(client, name).await;
    }
    let stacked = client
        .execute(
            "const f = document.querySelector('.source').getBoundingClientRect();
             const p = document.querySelector('.preview').getBoundingClientRect();
             return p.top >= f.bottom - 1;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(stacked, json!(true), "the preview below the form at 768 px");
    client.set_window_size(1600, 1000).await.unwrap();
    let controls = client
        .execute(
            "const all = [...document.querySelectorAll('#form input, #form select, #form textarea, #form button')]
               .filter(e => e.offsetParent !== null && !e.disabled);
             all[0].focus(); window.reached = new Set([all[0]]);
             document.addEventListener('focusin', (e) => window.reached.add(e.target));
             return all.length;",
            vec![],
        )
        .await
        .unwrap()
        .as_u64()
        .unwrap();
    // A date or time field takes a Tab per part (day, month, year), so press until every
    // control was reached, within three Tabs a control.
    let missed = "[...document.querySelectorAll('#form input, #form select, #form textarea, #form button')]
                  .filter(e => e.offsetParent !== null && !e.disabled && !window.reached.has(e)).length";
    let mut presses = 0;
    loop {
        for _ in 0..10 {
            tab(client).await;
        }
        presses += 10;
        let left = client.execute(&format!("return {missed};"), vec![]).await.unwrap();
        if left == json!(0) {
            break;
        }
        assert!(
            presses < 3 * controls,
            "{left} of {controls} controls not reached in {presses} Tabs"
        );
    }
    browser.client.clone().close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_assessment_is_ticked_and_the_tally_follows() {
    let _turn = crate::harness::ONE_AT_A_TIME.lock().await;
    let Some(browser) = Browser::open().await else { return };
    let client = &browser.client;
    let folder = tempfile::tempdir().unwrap();
    let server = Server::start_in(folder.path(), &[]);
    client.goto(&server.url).await.unwrap();
    client
        .wait()
        .for_element(Locator::Css("#new-assessment"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    client.send_alert_text("tan-tien-danh-gia.yaml").await.unwrap();
    client.accept_alert().await.unwrap();
    until(
        client,
        "window.vanban && !vanban.state.formStale",
        Duration::from_secs(20),
    )
    .await;

    fill(client, "/unit", "xã Tân Tiến").await;
    pick_date(client, "/as_of", "2026-04-20").await;
    fill(client, "/criteria_set", "vn-51-2025-xa-ntm").await;
    client
        .execute(
            "document.querySelector('[data-pointer=\"/criteria_set\"] > input').dispatchEvent(new Event('change'));",
            vec![],
        )
        .await
        .unwrap();
    fill(client, "/commune_group", "2").await;
    press(client, "/issuer", ".add-block").await;
    let system = client.wait().for_element(control("/issuer/system")).await.unwrap();
    system.select_by_value("state").await.unwrap();
    fill(client, "/issuer/name", "Ủy ban nhân dân xã Tân Tiến").await;
    fill(client, "/issuer/code", "UBND").await;
    fill(client, "/issuer/place", "Tân Tiến").await;
    press(client, "/documents", ".add-block").await;
    press(client, "/documents/report", ".add-block").await;
    fill(client, "/documents/report/signer/authority", "TM. Ủy ban nhân dân").await;
    fill(client, "/documents/report/signer/position", "Chủ tịch").await;
    fill(client, "/documents/report/signer/name", "Nguyễn Văn Tâm").await;
    // Criteria 3 and 7 each miss one indicator: the set lists no indicators, only the total.
    for no in [3, 7] {
        let selector = format!("#f-results-c{no}");
        client
            .wait()
            .for_element(Locator::Css(&selector))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }
    let tally = "document.querySelector('.tally').textContent";
    until(
        client,
        &format!("{tally} === 'Đạt 8/10 tiêu chí, 45/47 chỉ tiêu'"),
        Duration::from_secs(5),
    )
    .await;
    until(
        client,
        "vanban.notes.filter(n => n.severity === 'error').length === 0 && document.getElementById('stale').hidden \
         && vanban.state.lastOk && vanban.state.lastOk.length === 1",
        Duration::from_secs(30),
    )
    .await;
    let report = format!("{}.replace(/\\s+/g, ' ')", page_text());
    until(
        client,
        &format!("{report}.includes('Tổng cộng: đạt 8/10 tiêu chí')"),
        Duration::from_secs(10),
    )
    .await;
    screenshot(client, "form-assessment.png").await;
    save(client).await;
    let saved = folder.path().join("tan-tien-danh-gia.yaml");
    let value = vanban::form::read(&std::fs::read_to_string(&saved).unwrap()).unwrap();
    assert_eq!(
        value["results"],
        json!([{ "criterion": 3, "unmet": 1 }, { "criterion": 7, "unmet": 1 }])
    );
    let out = folder.path().join("out");
    let rendered = crate::support::vanban(&["render", saved.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(rendered.status.success(), "{}", crate::support::stderr(&rendered));
    let pdf = std::process::Command::new("pdftotext")
        .arg(out.join("tan-tien-danh-gia-bao-cao-danh-gia.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&pdf.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("xã Tân Tiến đạt 8/10 tiêu chí, 45/47 chỉ tiêu"), "{text}");
    browser.client.clone().close().await.unwrap();
}
