// The records list: every record under the folder, filtered as the user types.
"use strict";
let rows = [];

function state(row) {
  if (row.errors > 0) return V.el("span", { class: "bad" }, V.t("state_errors", { n: row.errors }));
  if (row.warnings > 0) return V.el("span", { class: "warn" }, V.t("state_warnings", { n: row.warnings }));
  return V.el("span", { class: "good" }, V.t("state_valid"));
}

function states(row) {
  return V.el("td", {}, state(row), ...Trail.badges(row.path));
}

function show() {
  const words = document.getElementById("filter").value.toLowerCase();
  const body = document.querySelector("#records tbody");
  body.replaceChildren();
  for (const row of rows) {
    const kind = V.t(row.kind ? "kind_" + row.kind : "kind_unknown");
    const text = [row.path, kind, row.unit, row.date].join(" ").toLowerCase();
    if (words && !text.includes(words)) continue;
    const link = V.el("a", { href: "/edit?path=" + encodeURIComponent(row.path) }, row.path);
    body.append(V.el("tr", { "data-path": row.path },
      V.el("td", {}, link), V.el("td", {}, kind), V.el("td", {}, row.unit), V.el("td", {}, row.date), states(row)));
  }
  document.getElementById("empty").hidden = rows.length > 0;
}

async function load() {
  rows = await (await fetch("/api/records")).json();
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
  document.getElementById("filter").addEventListener("input", show);
  document.getElementById("new-assessment").addEventListener("click", newAssessment);
  load();
  V.watchChanges(load);
});
