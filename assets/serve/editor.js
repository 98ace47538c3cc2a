// The editor: the record as a form (form.js) or as YAML (CodeMirror) on the left, the
// documents as page images on the right, refreshed (debounced by the lint addon) as the
// user types in either; diagnostics at their lines and beside their fields; saving with
// conflict detection; changes on disk; downloads. The page holds one text, CodeMirror's:
// the form's changes are written into it by the server, and it is read back into the form.
// With users, the office's steps (workflow.js) send that text too; an issued record is
// shown read-only.
"use strict";
const path = new URLSearchParams(location.search).get("path");
const state = { base: null, saved: "", seq: 0, shown: 0, tab: null, previews: 0, lastOk: null,
  view: "form", formStale: true, writing: 0, fromForm: false, readOnly: false,
  problems: [], problemsText: null, issuedText: null };
let cm;

// Shows the form or the YAML; the form is read again from the text when it is shown after
// the YAML changed.
async function showView(view) {
  state.view = view;
  document.getElementById("view-form").setAttribute("aria-selected", String(view === "form"));
  document.getElementById("view-yaml").setAttribute("aria-selected", String(view === "yaml"));
  document.getElementById("form").hidden = view !== "form";
  document.getElementById("yaml").hidden = view !== "yaml";
  document.querySelector(".source").classList.toggle("yaml-view", view === "yaml");
  if (view === "yaml") cm.refresh();
  if (view === "form" && state.formStale) await readForm();
}

// The text into the form.
async function readForm() {
  const body = await (await V.post("/api/form/read", { text: cm.getValue() })).json();
  const root = document.getElementById("form");
  if (!body.ok) {
    root.replaceChildren(V.el("p", { class: "field-error error", role: "alert" }, V.t("yaml_unreadable") + ": " + body.error));
    return;
  }
  state.formStale = false;
  Form.render(root, body.value);
  Form.showNotes(window.vanban.notes || []);
}

// The form's value into the text, debounced; the latest change wins.
let writeTimer = null;
function formChanged(value) {
  if (state.readOnly) return;
  clearTimeout(writeTimer);
  writeTimer = setTimeout(async () => {
    const seq = ++state.writing;
    const response = await V.post("/api/form/write", { text: cm.getValue(), value });
    if (!response.ok || seq !== state.writing) return;
    const body = await response.json();
    document.getElementById("comments-lost").hidden = !body.lost_comments;
    if (body.text === cm.getValue()) return;
    state.fromForm = true;
    const scroll = cm.getScrollInfo();
    cm.setValue(body.text);
    cm.scrollTo(scroll.left, scroll.top);
    state.fromForm = false;
  }, 60);
}

// A change of the text that did not come from the form (a reload from disk, a conflict
// resolved) reaches the form shortly after.
let readTimer = null;
function readFormSoon() {
  clearTimeout(readTimer);
  readTimer = setTimeout(readForm, 150);
}

async function newFrom() {
  const name = prompt(V.t("new_from_name"), "");
  if (!name) return;
  const response = await V.post("/api/new-from", { path, name });
  const body = await response.json();
  if (!response.ok) { notice(body.error); return; }
  location.href = "/edit?path=" + encodeURIComponent(body.path);
}

function dirty() { return cm.getValue() !== state.saved; }

function showSaveState(key) {
  const shown = document.getElementById("save-state");
  shown.textContent = V.t(key || (dirty() ? "unsaved" : "saved"));
  // An issued record is not saved again: only edits left on screen are said.
  shown.hidden = state.readOnly && !dirty();
  Workflow.markDirty(dirty());
}

// The text as the server has it now: the editor's base and saved text follow.
function saved(text, version) {
  state.base = version;
  state.saved = text;
  document.getElementById("conflict").hidden = true;
  showSaveState();
}

// The problems a step was refused for (422: the record has errors), beside their fields and
// at their lines, for as long as the text is the one refused.
function showProblems(problems) {
  state.problems = problems.map((p) => ({ field: p.field == null ? null : p.field, line: p.line || 1,
    column: p.column || 1, message: p.message || "", hint: p.hint || "", form: p.form || "", severity: p.severity === "warning" ? "warning" : "error" }));
  state.problemsText = problems.length ? cm.getValue() : null;
  const notes = withProblems(cm.getValue(), (window.vanban.notes || []).filter((n) => !n.refused));
  window.vanban.notes = notes;
  if (!state.formStale) Form.showNotes(notes);
  if (problems.length) cm.performLint();
}

// The preview's notes, with the refused step's problems the preview does not already say.
function withProblems(text, notes) {
  if (!state.problems.length || text !== state.problemsText) return notes;
  const said = new Set(notes.map((n) => (n.field || "") + "|" + n.message));
  const extra = state.problems.filter((p) => !said.has((p.field || "") + "|" + p.message))
    .map((p) => Object.assign({ refused: true }, p));
  return notes.concat(extra);
}

// An issued record: nothing in the editor changes it (the server refuses too). The line says
// so, with its numbers and its issued page; the preview shows the record as filed, numbers
// written in.
function setReadOnly(on, standing) {
  state.readOnly = on;
  cm.setOption("readOnly", on);
  Form.setReadOnly(on);
  document.getElementById("save").hidden = on;
  document.querySelector(".source").classList.toggle("read-only", on);
  const line = document.getElementById("read-only");
  line.hidden = !on;
  line.classList.toggle("done", on && !!Workflow.justIssued);
  line.replaceChildren(...(on ? Workflow.issuedLine(standing || {}) : []));
  const filed = on && standing && standing.issued && standing.issued.text;
  if (filed && filed !== state.issuedText) {
    state.issuedText = filed;
    cm.performLint();
  }
  showSaveState();
}

function notice(text) {
  const p = document.getElementById("notice");
  p.textContent = text || "";
  p.hidden = !text;
}

// Shows the documents of a good preview; keeps the scroll position of the pages.
function showDocuments(documents) {
  const pages = document.getElementById("pages");
  const top = pages.scrollTop;
  const tabs = document.getElementById("tabs");
  tabs.replaceChildren();
  if (!documents.some((d) => d.kind === state.tab)) state.tab = documents.length ? documents[0].kind : null;
  for (const doc of documents) {
    const button = V.el("button", { class: doc.kind === state.tab ? "tab active" : "tab", "data-kind": doc.kind }, doc.title);
    button.addEventListener("click", () => { state.tab = doc.kind; showDocuments(documents); });
    tabs.append(button);
  }
  const current = documents.find((d) => d.kind === state.tab);
  const content = [];
  if (!current) content.push(V.el("p", { class: "message" }, V.t("no_documents")));
  else if (current.html !== null && current.html !== undefined) {
    const frame = V.el("iframe", { class: "news", sandbox: "" });
    frame.srcdoc = current.html;
    content.push(frame);
  } else {
    current.pages.forEach((svg, i) => {
      const page = V.el("div", { class: "page", "data-page": String(i + 1), role: "img" });
      page.innerHTML = svg;
      page.append(V.el("div", { class: "page-text" }, current.texts[i] || ""));
      content.push(page);
    });
  }
  pages.replaceChildren(...content);
  pages.scrollTop = top;
}

// The lint addon calls this, debounced, with the editor's text: one request gives both the
// diagnostics and the preview.
async function refresh(text, update) {
  const seq = ++state.seq;
  // An issued record is shown as filed: with the numbers the register gave it.
  const filed = state.readOnly && state.issuedText;
  if (filed) text = state.issuedText;
  let body;
  try {
    const response = await V.post("/api/preview", { path, text });
    body = await response.json();
  } catch (e) {
    return;
  }
  if (seq < state.shown) return;
  state.shown = seq;
  state.previews += 1;
  const notes = filed ? [] : withProblems(text, body.notes || []);
  const marks = notes.map((n) => {
    const line = Math.max(0, n.line - 1);
    const length = cm.getLine(line) !== undefined ? cm.getLine(line).length : 0;
    return {
      from: CodeMirror.Pos(line, Math.max(0, n.column - 1)),
      to: CodeMirror.Pos(line, Math.max(length, n.column)),
      severity: n.severity,
      message: n.message + (n.hint ? "\n→ " + n.hint : ""),
    };
  });
  update(marks);
  const preview = document.querySelector(".preview");
  if (body.ok) {
    state.lastOk = body.documents;
    preview.classList.remove("stale");
    document.getElementById("stale").hidden = true;
    showDocuments(body.documents);
  } else {
    preview.classList.add("stale");
    document.getElementById("stale").hidden = false;
  }
  window.vanban.notes = notes;
  window.vanban.lastPreviewAt = performance.now();
  if (!state.formStale) Form.showNotes(window.vanban.notes);
}

async function load() {
  const response = await fetch("/api/record?path=" + encodeURIComponent(path));
  const body = await response.json();
  if (!response.ok) { notice(body.error || ""); return false; }
  state.base = body.version;
  state.saved = body.text;
  cm.setOption("lineSeparator", body.text.includes("\r\n") ? "\r\n" : null);
  cm.setValue(body.text);
  cm.clearHistory();
  showSaveState();
  return true;
}

async function save(base) {
  if (state.readOnly) return;
  showSaveState("saving");
  const text = cm.getValue();
  let response, body;
  try {
    response = await V.post("/api/save", { path, text, base: base === undefined ? state.base : base });
    body = await response.json();
  } catch (e) {
    notice(V.t("not_sent"));
    showSaveState();
    return;
  }
  if (response.ok) {
    saved(text, body.version);
    notice("");
  } else if (response.status === 409 && !body.refused && "disk_version" in body) {
    showConflict(text, body, (disk) => save(disk));
    showSaveState();
  } else if (response.status === 409 && body.refused === "state") {
    // Refused for the record's state (issued meanwhile): where it stands and who moved it;
    // the standing shown next makes the editor read-only.
    await Workflow.refused(response.status, body);
    showSaveState();
  } else {
    notice((body.error || "") + (body.hint ? " → " + body.hint : ""));
    showSaveState();
  }
  // A save of a record waiting for approval, or approved, sent it back to Dự thảo.
  await Workflow.show();
}

// The file changed on disk since the editor opened it: both versions side by side. Keeping
// mine does again what was refused (`retry`, a save or a submission) over the disk's version.
function showConflict(text, body, retry) {
  document.getElementById("conflict-mine").value = text;
  document.getElementById("conflict-disk").value = body.disk_text || "";
  document.getElementById("conflict").hidden = false;
  document.getElementById("conflict-by").textContent = body.changed_by ? V.t("conflict_by", { by: body.changed_by, at: V.when(body.changed_at) }) : "";
  document.getElementById("merge-result").textContent = "";
  document.getElementById("merge").onclick = () => merge(text, body);
  document.getElementById("keep-mine").onclick = () => {
    document.getElementById("conflict").hidden = true;
    retry(body.disk_version);
  };
  document.getElementById("take-disk").onclick = () => {
    state.base = body.disk_version;
    state.saved = body.disk_text || "";
    cm.setValue(state.saved);
    document.getElementById("conflict").hidden = true;
    showSaveState();
    Workflow.show();
  };
}

// The other person's version with this editor's changes of other fields put in; a field both
// changed keeps their value and is named. The merged text is saved over their version.
async function merge(mine, conflict) {
  const response = await V.post("/api/merge", { base: state.saved, mine, theirs: conflict.disk_text || "" });
  const body = await response.json();
  const result = document.getElementById("merge-result");
  if (!response.ok) { result.textContent = body.error; return; }
  cm.setValue(body.text);
  await save(conflict.disk_version);
  const fields = body.conflicts.map((c) => c.label).join("; ");
  notice(fields ? V.t("merged_with_conflicts", { fields }) : V.t("merged"));
}

async function onDiskChange(paths) {
  if (!paths.includes(path)) { cm.performLint(); return; }
  await reloadFromDisk();
  await Workflow.show();
}

async function reloadFromDisk() {
  const response = await fetch("/api/record?path=" + encodeURIComponent(path));
  if (!response.ok) return;
  const body = await response.json();
  if (body.version === state.base) return;
  if (dirty()) { notice(V.t("changed_on_disk_dirty")); return; }
  const cursor = cm.getCursor();
  const scroll = cm.getScrollInfo();
  state.base = body.version;
  state.saved = body.text;
  cm.setValue(body.text);
  cm.setCursor(cursor);
  cm.scrollTo(scroll.left, scroll.top);
  notice(V.t("changed_on_disk"));
  showSaveState();
}

async function download(url, archive) {
  const message = document.getElementById("download-message");
  message.textContent = "";
  message.classList.remove("done");
  if (dirty()) { message.textContent = V.t("save_first"); return; }
  const response = await V.post(url, { path, archive });
  const body = await response.json();
  if (!response.ok) { message.textContent = (body.error || "") + (body.hint ? " → " + body.hint : ""); return; }
  if (body.files) {
    document.getElementById("files").replaceChildren(...body.files.map((f) =>
      V.el("li", {}, V.el("a", { href: "/out/" + f.split("/").map(encodeURIComponent).join("/"), download: "" }, f))));
  } else {
    // The numbers given, then each entry with a link to its page: its PDFs, signing with a
    // token, their signatures.
    const numbers = (body.numbers || []).map((n) => V.t("issue_number", { title: n.title, line: n.number_line, date: n.date }));
    message.classList.add("done");
    message.replaceChildren(...(numbers.length ? [numbers.join("; "), ". "] : []),
      ...body.entries.flatMap((e, i) => [i ? "; " : "",
        V.t(e.new ? "archive_new" : "archive_there", { id: e.id }), " (",
        V.el("a", { href: "/issued?entry=" + encodeURIComponent(e.id) }, V.t("issued_open")), ")"]));
    // Filed: the record is issued now.
    await Workflow.show();
  }
}

V.init().then(async () => {
  document.getElementById("file").textContent = path;
  cm = CodeMirror.fromTextArea(document.getElementById("source"), {
    mode: "yaml",
    lineNumbers: true,
    indentUnit: 2,
    tabSize: 2,
    indentWithTabs: false,
    lineWrapping: true,
    gutters: ["CodeMirror-lint-markers", "CodeMirror-linenumbers"],
    extraKeys: {
      "Ctrl-Space": "autocomplete",
      "Ctrl-S": () => save(),
      "Cmd-S": () => save(),
      Tab: (c) => c.execCommand("insertSoftTab"),
    },
  });
  window.vanban = { cm, state, notes: [], lastPreviewAt: 0, form: Form };
  await Completion.attach(cm);
  await Form.init(formChanged);
  const loaded = await load();
  if (!loaded) return;
  cm.setOption("lint", { getAnnotations: refresh, async: true, delay: 120, lintOnChange: true });
  cm.on("change", () => {
    showSaveState();
    if (!state.fromForm) { state.formStale = true; if (state.view === "form") readFormSoon(); }
  });
  document.getElementById("view-form").addEventListener("click", () => showView("form"));
  document.getElementById("view-yaml").addEventListener("click", () => showView("yaml"));
  document.getElementById("new-from").addEventListener("click", newFrom);
  document.getElementById("form").addEventListener("submit", (e) => e.preventDefault());
  await showView(new URLSearchParams(location.search).get("view") === "yaml" ? "yaml" : "form");
  await Workflow.init(path, { text: () => cm.getValue(), base: () => state.base, saved, notice,
    conflict: showConflict, problems: showProblems, readOnly: setReadOnly });
  await Comments.init(path, Workflow.me);
  // With users, issuing is the văn thư's step in the bar, and only writers start records.
  document.getElementById("archive").hidden = !!V.me;
  document.getElementById("new-from").hidden = !!V.me && !["soan-thao", "lanh-dao", "quan-tri"].includes(V.me.role);
  document.getElementById("save").addEventListener("click", () => save());
  document.getElementById("export").addEventListener("click", () => download("/api/render", false));
  document.getElementById("export-archival").addEventListener("click", () => download("/api/render", true));
  document.getElementById("archive").addEventListener("click", () => download("/api/archive", false));
  window.addEventListener("beforeunload", (e) => { if (dirty()) e.preventDefault(); });
  V.watchChanges(onDiskChange);
});
