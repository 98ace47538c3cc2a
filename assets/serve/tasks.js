// The "Theo dõi nhiệm vụ" page: the archive's tracked tasks as of today, filtered; a task's
// history; an update by the soạn thảo (or quản trị), a confirmation or refusal by the office
// (văn thư, lãnh đạo, quản trị). The server checks every role; the page only hides what a
// person may not do. Colours: red overdue, orange due within 3 days, green done on time,
// grey not started (shared/domain/task-follow-up.md).
"use strict";
const message = document.getElementById("message");
const detailMessage = document.getElementById("detail-message");
let shown = null;

function say(where, text, done) {
  where.textContent = text;
  where.classList.toggle("done", !!done);
}

// The colour of a task: its deadline first, then its status.
function tone(task) {
  if (task.status === "hoan-thanh") return task.on_time === false ? "late" : "done";
  if (task.status === "tam-hoan") return "suspended";
  if (task.deadline === "qua-han") return "overdue";
  if (task.deadline === "sap-den-han") return "soon";
  if (task.status === "chua-thuc-hien") return "idle";
  return "open";
}

const key = (prefix, slug) => prefix + slug.replace(/-/g, "_");

function stateLine(task) {
  let line = V.t(key("st_", task.status)) + ", " + V.t(key("dl_", task.deadline));
  if (task.done) line += " (" + V.t("tasks_done_on", { date: task.done }) + ")";
  return line;
}

// The role may write an update / may confirm; without users, anyone may.
const mayUpdate = () => !V.me || ["soan-thao", "quan-tri"].includes(V.me.role);
const mayDecide = () => !V.me || ["van-thu", "lanh-dao", "quan-tri"].includes(V.me.role);

function filters() {
  const form = new FormData(document.getElementById("filters"));
  const query = new URLSearchParams();
  for (const [k, v] of form) if (String(v).trim()) query.set(k, String(v).trim());
  return query;
}

async function list() {
  const query = filters();
  history.replaceState(null, "", "/tasks" + (query.toString() ? "?" + query : ""));
  const response = await fetch("/api/tasks?" + query);
  const body = await response.json();
  const rows = document.querySelector("#tasks tbody");
  rows.replaceChildren();
  if (!response.ok) { say(message, body.error); return; }
  document.getElementById("today").textContent = V.t("tasks_today", { date: body.today });
  say(message, body.archive_on ? (body.tasks.length ? "" : V.t("tasks_none")) : V.t("tasks_no_archive"));
  document.getElementById("count").textContent = body.tasks.length ? V.t("tasks_count", { n: body.tasks.length }) : "";
  for (const task of body.tasks) {
    const open = V.el("a", { href: "#" + task.id, class: "task-open" }, task.task);
    open.addEventListener("click", (e) => { e.preventDefault(); detail(task.id); });
    rows.append(V.el("tr", { class: "task tone-" + tone(task), "data-id": task.id },
      V.el("td", { class: "given", title: task.issuer }, task.notice + ", " + task.notice_date),
      V.el("td", {}, open),
      V.el("td", {}, task.assignee),
      V.el("td", { class: "due" }, task.due || V.t("tasks_no_due")),
      V.el("td", {}, V.el("span", { class: "badge" }, stateLine(task)))));
  }
}

async function detail(id) {
  const response = await fetch("/api/tasks/history?id=" + encodeURIComponent(id));
  const body = await response.json();
  if (!response.ok) { say(message, body.error); return; }
  shown = body.task;
  const section = document.getElementById("detail");
  section.hidden = false;
  section.className = "task-detail tone-" + tone(shown);
  document.getElementById("detail-title").textContent = shown.task;
  document.getElementById("detail-line").textContent = shown.notice + ", " + shown.notice_date + " · " +
    shown.assignee + " · " + (shown.due || V.t("tasks_no_due")) + " · " + stateLine(shown);
  const items = body.history.map((u) => {
    const parts = [u.date + ": " + V.t(key("act_", u.action)) + " → " + V.t(key("st_", u.status)) + " (" + u.by + ")"];
    if (u.note) parts.push(u.note);
    if (u.evidence_doc) parts.push(V.t("tasks_evidence", { doc: u.evidence_doc, date: u.evidence_date }));
    return V.el("li", {}, parts.join(" · "));
  });
  document.getElementById("history").replaceChildren(...(items.length ? items : [V.el("li", {}, V.t("tasks_history_none"))]));
  const updatable = ["chua-thuc-hien", "dang-thuc-hien", "tam-hoan"].includes(shown.status);
  document.getElementById("update").hidden = !(updatable && mayUpdate());
  document.getElementById("decide").hidden = !(shown.status === "cho-xac-nhan" && mayDecide());
  say(detailMessage, "");
  section.scrollIntoView({ block: "nearest" });
}

async function send(route, body) {
  const response = await V.post(route, Object.assign({ id: shown.id }, body));
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) { say(detailMessage, answer.error || V.t("not_sent")); return; }
  await list();
  await detail(shown.id);
  say(detailMessage, V.t("tasks_saved"), true);
}

// The report or the reminders for the filter shown, drafted as records; links to open them.
async function draft(kind) {
  const where = document.getElementById("drafted");
  const shown = Object.fromEntries(filters());
  const response = await V.post("/api/tasks/draft", Object.assign({ kind }, shown));
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) { where.classList.remove("done"); where.textContent = answer.error || V.t("not_sent"); return; }
  where.classList.add("done");
  where.replaceChildren(V.t("tasks_drafted") + " ",
    ...answer.records.flatMap((name, i) => [i ? ", " : "", V.el("a", { href: "/edit?path=" + encodeURIComponent(name) }, name)]));
}

async function start() {
  await V.init();
  const params = new URLSearchParams(location.search);
  const form = document.getElementById("filters");
  for (const [k, v] of params) if (form.elements[k]) form.elements[k].value = v;
  form.addEventListener("submit", (e) => { e.preventDefault(); list(); });
  document.getElementById("update").addEventListener("submit", (e) => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(e.target));
    send("/api/tasks/update", data);
  });
  document.getElementById("confirm").addEventListener("click", () => send("/api/tasks/confirm", {}));
  document.getElementById("refuse").addEventListener("click", () =>
    send("/api/tasks/refuse", { note: document.getElementById("refuse-reason").value }));
  document.getElementById("close").addEventListener("click", () => { document.getElementById("detail").hidden = true; });
  const mayDraft = !V.me || ["soan-thao", "lanh-dao", "quan-tri"].includes(V.me.role);
  for (const kind of ["report", "remind"]) {
    const button = document.getElementById("draft-" + kind);
    button.hidden = !mayDraft;
    button.addEventListener("click", () => draft(kind));
  }
  document.getElementById("draft-office-code").closest("label").hidden = !mayDraft;
  await list();
}

start();
