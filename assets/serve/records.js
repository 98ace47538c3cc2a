// The records list: every record under the folder, by what it is about (its file beneath),
// its unit, its date as offices write it, and where it stands (a problem by its words; with
// users, its office state, "Trả lại" for a returned draft, an issued record's numbers);
// filtered as the user types. Only the roles that write records are offered new ones.
"use strict";
let rows = [];

function state(row) {
  if (row.errors > 0) return V.el("span", { class: "bad" }, row.problem || V.t("state_errors", { n: row.errors }));
  if (row.warnings > 0) return V.el("span", { class: "warn" }, V.t("state_warnings", { n: row.warnings }));
  return V.el("span", { class: "good" }, V.t("state_valid"));
}

function states(row) {
  return V.el("td", {}, state(row), ...Trail.badges(row.path));
}

// The trích yếu as a title: "về tiến độ …" → "Về tiến độ …".
function title(subject) {
  return subject ? subject.charAt(0).toUpperCase() + subject.slice(1) : "";
}

// `2026-11-14` as `14/11/2026`.
function shownDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  return m ? m[3] + "/" + m[2] + "/" + m[1] : iso || "";
}

function show() {
  const words = document.getElementById("filter").value.toLowerCase();
  const body = document.querySelector("#records tbody");
  body.replaceChildren();
  for (const row of rows) {
    const kind = row.kind ? V.t("kind_" + row.kind) : "—";
    const date = shownDate(row.date);
    const text = [row.path, row.subject, kind, row.unit, date, row.problem, Trail.words(row.path)].join(" ").toLowerCase();
    if (words && !text.includes(words)) continue;
    const link = V.el("a", { href: "/edit?path=" + encodeURIComponent(row.path), class: "subject" }, title(row.subject) || row.path);
    const about = V.el("td", {}, link);
    if (row.subject) about.append(V.el("span", { class: "file" }, row.path));
    body.append(V.el("tr", { "data-path": row.path },
      about, V.el("td", {}, kind), V.el("td", {}, row.unit), V.el("td", { class: "date" }, date), states(row)));
  }
  document.getElementById("empty").hidden = rows.length > 0;
}

async function load() {
  const [list] = await Promise.all([fetch("/api/records").then((r) => r.json()), Trail.refresh()]);
  rows = list;
  show();
}

async function newAssessment() {
  const name = prompt(V.t("file_name"), "danh-gia-" + new Date().toISOString().slice(0, 10) + ".yaml");
  if (!name) return;
  const response = await V.post("/api/new", { kind: "assessment", name });
  const body = await response.json();
  if (response.ok) location.href = "/edit?path=" + encodeURIComponent(body.path);
  else document.getElementById("message").textContent = body.error;
}

V.init().then(async () => {
  await Trail.init();
  // The văn thư does not write records (the server refuses them): none is offered.
  const writes = !V.me || ["soan-thao", "lanh-dao", "quan-tri"].includes(V.me.role);
  document.getElementById("new-session").hidden = !writes;
  document.getElementById("new-assessment").hidden = !writes;
  document.getElementById("filter").addEventListener("input", show);
  document.getElementById("new-assessment").addEventListener("click", newAssessment);
  load();
  V.watchChanges(load);
});
