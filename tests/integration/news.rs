//! The news draft: every fact of the seed article, time of day, escaping, abbreviations, snapshots.

use std::path::Path;

use crate::support::{
    PARTY_SAMPLE, STATE_SAMPLE, assert_snapshot, files_in, record_file, state_sample_with, stderr, vanban,
};

/// Renders `record` and returns its Markdown and HTML drafts.
fn drafts(record: &Path) -> (String, String) {
    let out = tempfile::tempdir().unwrap();
    let output = vanban(&["render", record.to_str().unwrap(), "-o", out.path().to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let find = |ext: &str| {
        let name = files_in(out.path())
            .into_iter()
            .find(|f| f.ends_with(&format!("-tin-bai.{ext}")))
            .expect("draft written");
        std::fs::read_to_string(out.path().join(name)).unwrap()
    };
    (find("md"), find("html"))
}

#[test]
fn the_seed_draft_carries_every_fact_of_the_article() {
    let (markdown, _) = drafts(Path::new(PARTY_SAMPLE));
    for fact in [
        "# Đồng chí Bí thư Huyện ủy Thọ Xuân Lê Đình Hải làm việc với xã Xuân Trường về duy trì xã nông thôn mới nâng cao năm 2024",
        "Đăng lúc: 27/03/2024 (GMT+7)",
        "**Chiều 27/3/2024, đồng chí Lê Đình Hải, Ủy viên Ban Chấp hành Đảng bộ tỉnh, Bí thư Huyện ủy, Chủ tịch Hội đồng nhân dân huyện Thọ Xuân, đã làm việc với xã Xuân Trường về duy trì xã nông thôn mới nâng cao năm 2024.**",
        "Tham dự có đồng chí Nguyễn Hữu Dũng, Ủy viên Ban Thường vụ Huyện ủy, Phó Chủ tịch Thường trực Ủy ban nhân dân huyện; các đồng chí thành viên Tổ công tác",
        "các đồng chí trong Ban Chỉ đạo xây dựng nông thôn mới xã Xuân Trường.",
        "Trước khi vào buổi làm việc, các đồng chí trong đoàn công tác đã đi kiểm tra thực tế cơ sở vật chất tại các nhà văn hóa thôn, đường giao thông và cảnh quan môi trường",
        "xã Xuân Trường đã đạt 17/19 tiêu chí, 55/57 chỉ tiêu",
        "xã Xuân Trường đã đạt 17/19 tiêu chí, 71/75 chỉ tiêu; còn 2 tiêu chí chưa đạt gồm: Văn hóa và Chất lượng môi trường sống.",
        "Thảo luận tại buổi làm việc, thành viên Tổ công tác",
        "Phát biểu kết luận buổi làm việc, đồng chí Bí thư Huyện ủy Lê Đình Hải ghi nhận, đánh giá cao",
        "Đồng chí Bí thư Huyện ủy lưu ý xã Xuân Trường",
        "hoàn thành trước ngày 31/3/2024",
        "![Quang cảnh buổi làm việc](<13.jpg>)",
        "**Lê Hải - Năng Tiến**, Trung tâm Văn hóa, Thông tin, Thể thao và Du lịch huyện Thọ Xuân",
    ] {
        assert!(markdown.contains(fact), "missing {fact:?}");
    }
    let order = [
        "Tham dự có",
        "kiểm tra thực tế",
        "Theo báo cáo",
        "khó khăn, vướng mắc",
        "Thảo luận",
        "Phát biểu kết luận",
        "lưu ý",
        "giao nhiệm vụ",
        "**Lê Hải",
    ];
    let positions: Vec<usize> = order.iter().map(|s| markdown.find(s).unwrap()).collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "body out of order: {positions:?}"
    );
    let prose = markdown.replace("QĐ-UBND", "");
    assert!(
        !prose.contains("UBND") && !prose.contains("NTM") && !prose.contains("HĐND"),
        "full forms by default"
    );
}

#[test]
fn the_lead_names_the_part_of_day() {
    let dir = tempfile::tempdir().unwrap();
    let (morning, _) = drafts(Path::new(STATE_SAMPLE));
    assert!(
        morning.contains("\n**Sáng 5/2/2026, đồng chí Nguyễn Văn Thành,"),
        "{morning}"
    );
    let evening = record_file(
        dir.path(),
        "toi.yaml",
        &state_sample_with("start: \"08:00\"", "start: \"19:30\""),
    );
    let (markdown, _) = drafts(&evening);
    assert!(markdown.contains("\n**Tối 5/2/2026, đồng chí"), "{markdown}");
}

#[test]
fn record_values_are_escaped_in_html_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = state_sample_with(
        "host: Hợp tác xã nông nghiệp An Phú",
        "host: \"<script>alert('x')</script> *An* [Phú](http://x)\"",
    );
    let (markdown, html) = drafts(&record_file(dir.path(), "x.yaml", &hostile));
    assert!(!html.contains("<script>"), "raw script in the HTML");
    assert!(html.contains("&lt;script&gt;alert("), "{html}");
    assert!(
        !html.contains("<em>An</em>") && !html.contains("href=\"http://x\""),
        "record text became markup"
    );
    assert!(
        markdown.contains(r"\<script\>") && markdown.contains(r"\*An\*"),
        "{markdown}"
    );
}

#[test]
fn abbreviations_apply_only_when_asked_and_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(PARTY_SAMPLE)).unwrap();
    let asked = text.replace("  news:\n", "  news:\n    abbreviate: true\n");
    std::fs::create_dir(dir.path().join("assessments")).unwrap();
    for name in ["xuan-truong-2024-ntm.yaml", "xuan-truong-2024-ntm-nang-cao.yaml"] {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("samples/assessments")
            .join(name);
        std::fs::copy(from, dir.path().join("assessments").join(name)).unwrap();
    }
    let (markdown, html) = drafts(&record_file(dir.path(), "tho-xuan.yaml", &asked));
    for draft in [&markdown, &html] {
        assert!(draft.contains("Ủy viên BCH Đảng bộ tỉnh") && draft.contains("Ủy viên BTV Huyện ủy"));
        assert!(draft.contains("Chủ tịch HĐND huyện Thọ Xuân") && draft.contains("UBND huyện"));
        assert!(draft.contains("xã NTM nâng cao"));
        for full in [
            "Ban Chấp hành",
            "Ban Thường vụ",
            "Hội đồng nhân dân",
            "Ủy ban nhân dân",
            "nông thôn mới",
        ] {
            assert!(!draft.contains(full), "{full} left unabbreviated");
        }
    }
}

#[test]
fn html_is_a_standalone_page_in_vietnamese() {
    let (_, html) = drafts(Path::new(PARTY_SAMPLE));
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"vi\">"));
    assert!(html.contains("<meta charset=\"utf-8\">") && html.contains("<title>Đồng chí Bí thư Huyện ủy Thọ Xuân"));
    assert!(
        html.contains("<img src=\"21.jpg\" alt=\"Đoàn công tác của huyện kiểm tra thực tế tại xã Xuân Trường\" />")
    );
    assert!(html.trim_end().ends_with("</html>"));
}

#[test]
fn sample_drafts_match_their_snapshots() {
    for (sample, stem) in [
        (PARTY_SAMPLE, "tho-xuan-2024-03-27-xuan-truong"),
        (STATE_SAMPLE, "an-phu-2026-02-05"),
    ] {
        let (markdown, html) = drafts(Path::new(sample));
        assert_snapshot(&format!("{stem}-tin-bai.md"), &markdown);
        assert_snapshot(&format!("{stem}-tin-bai.html"), &html);
    }
}

#[test]
fn a_task_list_joined_with_semicolons_continues_in_lower_case_and_entities_print_literally() {
    let dir = tempfile::tempdir().unwrap();
    let text = state_sample_with(
        "assignee: Trung tâm Phục vụ hành chính công xã",
        "assignee: Các phòng, ngành của xã &amp; Tổ công tác",
    );
    let record = record_file(dir.path(), "a.yaml", &text);
    let (markdown, html) = drafts(&record);
    assert!(
        markdown.contains("; các phòng, ngành của xã \\&amp; Tổ công tác"),
        "{markdown}"
    );
    assert!(!markdown.contains("; Các phòng"), "{markdown}");
    assert!(html.contains("các phòng, ngành của xã &amp;amp; Tổ công tác"), "{html}");
}

/// The dates written in `text` (`d/m/yyyy`, the day and month as written).
fn dates(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '/'))
        .filter(|word| word.matches('/').count() == 2 && word.len() >= 8)
        .collect()
}

#[test]
fn running_text_dates_are_unpadded_and_only_the_dateline_is_padded() {
    let (markdown, html) = drafts(Path::new(STATE_SAMPLE));
    for draft in [&markdown, &html] {
        assert!(draft.contains("Đăng lúc: 05/02/2026 (GMT+7)"), "{draft}");
        assert!(draft.contains("Sáng 5/2/2026, đồng chí"), "{draft}");
        assert!(draft.contains("(hoàn thành trước ngày 28/2/2026)"), "{draft}");
        let running: Vec<&str> = draft
            .lines()
            .filter(|l| !l.contains("Đăng lúc"))
            .flat_map(dates)
            .filter(|date| date.starts_with('0') || date.contains("/0"))
            .collect();
        assert!(running.is_empty(), "padded dates in running text: {running:?}");
    }
}
