//! The records written from tracked tasks read back as their kind and render.

use std::path::Path;

use super::reminder::{ReminderRequest, records_by_body};
use super::task_report::{ReportRequest, ReportTexts, record};
use super::{IssuerInfo, IssuerSystem, SignedInfo, TaskStatus, TrackedTask};
use crate::compose::Context;
use crate::compose::templates::TemplateSource;
use crate::documents::{DocKind, RecordKind};
use crate::prepare::prepare_file;
use crate::record::load::YamlFile;
use crate::record::{Date, NoticeRef};
use crate::render::Renderer;

fn d(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn issuer() -> IssuerInfo {
    IssuerInfo {
        system: IssuerSystem::State,
        parent: None,
        name: "Ủy ban nhân dân xã An Phú".into(),
        code: "UBND".into(),
        place: "An Phú".into(),
        office: Some("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã".into()),
        office_code: Some("VP".into()),
    }
}

fn signed() -> SignedInfo {
    SignedInfo {
        number: None,
        date: Some(d("2026-04-16")),
        authority: "TL. Chủ tịch".into(),
        position: "Chánh Văn phòng".into(),
        name: "Lê Thị Mai".into(),
        recipients: vec!["Như trên".into(), "Lưu: VT, VP".into()],
    }
}

fn task(text: &str, assignee: &str, due: &str, status: TaskStatus, done: Option<&str>) -> TrackedTask {
    TrackedTask {
        task: text.into(),
        notice: NoticeRef {
            number: "05/TB-UBND".into(),
            date: d("2026-02-06"),
        },
        assignee: assignee.into(),
        partners: vec!["Ban quản lý ấp \"Phú Hữu\": #1".into()],
        due: Some(d(due)),
        status,
        done: done.map(d),
        result: Some("Kết quả: đạt {{ 100% }}".into()),
    }
}

fn tasks() -> Vec<TrackedTask> {
    vec![
        task(
            "Lập danh mục đầu tư",
            "Phòng Kinh tế xã",
            "2026-03-31",
            TaskStatus::InProgress,
            None,
        ),
        task(
            "Tổ chức lớp kỹ năng số",
            "Trung tâm Phục vụ hành chính công xã",
            "2026-03-31",
            TaskStatus::Done,
            Some("2026-03-27"),
        ),
        task(
            "Hồ sơ OCOP",
            "Phòng Kinh tế xã",
            "2026-04-01",
            TaskStatus::NotStarted,
            None,
        ),
        task(
            "Kho lạnh",
            "Hợp tác xã nông nghiệp An Phú",
            "2026-04-30",
            TaskStatus::InProgress,
            None,
        ),
        task(
            "Tạm dừng",
            "Phòng Văn hóa - Xã hội xã",
            "2026-03-01",
            TaskStatus::Paused,
            None,
        ),
    ]
}

fn renders(yaml: &str, kind: DocKind) -> crate::prepare::Prepared {
    let file = YamlFile::from_bytes(Path::new("viet.yaml"), yaml.as_bytes()).unwrap();
    let prepared = prepare_file(file).unwrap_or_else(|e| panic!("{e:?}\n{yaml}"));
    let renderer = Renderer::new(TemplateSource::default()).unwrap();
    renderer.layout(&prepared, kind).unwrap();
    prepared
}

#[test]
fn a_task_report_record_reads_back_and_renders() {
    let texts = ReportTexts {
        tracking: vec!["Theo dõi hằng tuần.".into()],
        ..ReportTexts::default()
    };
    let (issuer, signed, tasks) = (issuer(), signed(), tasks());
    let yaml = record(&ReportRequest {
        id: "bao-cao-q1",
        issuer: &issuer,
        from: d("2026-02-06"),
        to: d("2026-04-15"),
        as_of: d("2026-04-15"),
        tasks: &tasks,
        texts: &texts,
        signed: &signed,
    });
    let prepared = renders(&yaml, DocKind::TASK_REPORT);
    assert_eq!(prepared.kind, RecordKind::TaskReport);
    let Context::TaskReport(context) = &prepared.context else {
        panic!("not a task report")
    };
    assert_eq!(context.id, "bao-cao-q1");
    assert_eq!(context.tasks.len(), 5);
    assert_eq!(context.tasks[0].partners[0], "Ban quản lý ấp \"Phú Hữu\": #1");
    assert_eq!(
        (
            context.figures.finished,
            context.figures.overdue,
            context.figures.paused
        ),
        (1, 2, 1)
    );
}

#[test]
fn reminders_go_one_per_body_with_its_overdue_tasks_only() {
    let (issuer, signed, tasks) = (issuer(), signed(), tasks());
    let closing = vec!["Đề nghị thực hiện nghiêm.".to_string()];
    let written = records_by_body(&ReminderRequest {
        id_prefix: "don-doc",
        issuer: &issuer,
        as_of: d("2026-04-15"),
        tasks: &tasks,
        report_by: Some(d("2026-04-30")),
        closing: &closing,
        signed: &signed,
    });
    assert_eq!(written.len(), 1, "{written:?}");
    let (body, yaml) = &written[0];
    assert_eq!(body, "Phòng Kinh tế xã");
    let prepared = renders(yaml, DocKind::REMINDER);
    let Context::Reminder(context) = &prepared.context else {
        panic!("not a reminder")
    };
    assert_eq!(context.tasks.len(), 2);
    assert_eq!(context.tasks[0].days_late, 15);
    assert_eq!(context.to, "Phòng Kinh tế xã");
}
