//! Filling the editor's form as a clerk does, shared by the browser tests: a field found by
//! its JSON pointer, typed into, a date set as its picker sets it, a block's button pressed.

use std::time::Duration;

use fantoccini::{Client, Locator};
use serde_json::json;

use crate::harness::until;

/// The control of the field at `pointer` (an input, text area or select).
pub(crate) fn control(pointer: &str) -> Locator<'static> {
    let css = format!(
        "[data-pointer='{pointer}'] > input, [data-pointer='{pointer}'] > textarea, [data-pointer='{pointer}'] > select"
    );
    Locator::Css(Box::leak(css.into_boxed_str()))
}

/// Replaces the field's text with `text`, typed, then waits for the file's text to hold it.
pub(crate) async fn fill(client: &Client, pointer: &str, text: &str) {
    // The form is drawn again when its shape changes (a block added, a set chosen): a field
    // found just before may be gone; find it again.
    for attempt in 0..5 {
        let field = client.wait().for_element(control(pointer)).await.unwrap();
        let typed = async {
            field.clear().await?;
            field.send_keys(text).await
        };
        match typed.await {
            Ok(()) => break,
            Err(error) if attempt < 4 => {
                eprintln!("{pointer}: {error}; finding it again");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(error) => panic!("{pointer}: {error}"),
        }
    }
    // Each line on its own: the file's text indents a paragraph's following lines.
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let seen = format!("vanban.cm.getValue().includes({})", json!(line));
        until(client, &seen, Duration::from_secs(10)).await;
    }
}

/// Sets a date field as its picker does (the picker's typing order follows the browser's
/// locale), then waits for the text to hold it.
pub(crate) async fn pick_date(client: &Client, pointer: &str, date: &str) {
    let field = client.wait().for_element(control(pointer)).await.unwrap();
    client
        .execute(
            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
            vec![serde_json::to_value(&field).unwrap(), json!(date)],
        )
        .await
        .unwrap();
    until(
        client,
        &format!("vanban.cm.getValue().includes('{date}')"),
        Duration::from_secs(10),
    )
    .await;
}

/// Clicks the button `css` inside the block at `pointer`, and waits for the block to grow (a
/// new item or the block's fields). A click the page did not take is made again, as a clerk
/// would: on a loaded machine a note appearing above the button (the preview's refresh) can
/// move it between WebDriver's aim and its click, and the click lands beside it.
pub(crate) async fn press(client: &Client, pointer: &str, css: &str) {
    let selector = format!("[data-pointer='{pointer}'] > {css}");
    let inside = format!(
        "document.querySelectorAll({}).length",
        json!(format!("[data-pointer^='{pointer}/']"))
    );
    let before = crate::harness::value(client, &inside).await;
    for _ in 0..3 {
        let button = client.wait().for_element(Locator::Css(&selector)).await.unwrap();
        button.click().await.unwrap();
        let started = std::time::Instant::now();
        while started.elapsed() < Duration::from_secs(5) {
            if crate::harness::value(client, &inside).await != before {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        eprintln!("{pointer}: the click on {css} was not taken; clicking again");
    }
    panic!("{pointer}: three clicks on {css} and the block did not grow");
}

/// Sets an `<input type=date|time>` (a page's own, outside the form) as its picker does.
pub(crate) async fn set_input(client: &Client, css: &str, text: &str) {
    let field = client.wait().for_element(Locator::Css(css)).await.unwrap();
    client
        .execute(
            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
            vec![serde_json::to_value(&field).unwrap(), json!(text)],
        )
        .await
        .unwrap();
}
