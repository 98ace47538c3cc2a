// The office's steps in the editor, when the folder has users: where the record stands,
// the steps this person's role may take now as the bar's primary buttons (the server checks
// again), the version under review or approved, and for a returned draft the leader's reason
// and what changed since the return. Trình duyệt sends the text on screen: the server saves
// and submits it in one step, or refuses both (a changed file, errors in the record). The văn
// thư's "Cấp số, ban hành" files the approved record: its numbers are shown at once. An
// issued record is read-only, with its numbers and a link to its issued page.
"use strict";
const Workflow = {
  me: null,
  standing: null,
  dirty: false,
  // What the editor lends: its text and base, and what to do with the server's answers.
  editor: null,
  steps: {
    "du-thao": [["submit", ["soan-thao", "quan-tri"]]],
    "cho-duyet": [["approve", ["lanh-dao", "quan-tri"]], ["return", ["lanh-dao", "quan-tri"]]],
    "da-duyet": [["issue", ["van-thu", "quan-tri"]]],
  },
  // The step each role moves a record on with: its button is the primary one.
  primary: { submit: true, approve: true, issue: true },

  async init(path, editor) {
    Workflow.path = path;
    Workflow.editor = editor;
    Workflow.me = V.me;
    if (!Workflow.me) return;
    await Workflow.show();
  },

  async show() {
    if (!Workflow.me) return;
    let standing;
    try {
      standing = await (await fetch("/api/workflow?path=" + encodeURIComponent(Workflow.path))).json();
    } catch (e) {
      return;
    }
    if (!standing) return;
    Workflow.standing = standing;
    const box = document.getElementById("workflow");
    box.hidden = false;
    const parts = [V.el("strong", { id: "state", "data-state": standing.state }, V.t("state_" + standing.state.replace(/-/g, "_")))];
    for (const [step, roles] of Workflow.steps[standing.state] || []) {
      if (!roles.includes(Workflow.me.role)) continue;
      // Issuing files into the archive: offered only where the server has one.
      if (step === "issue" && !standing.archive) continue;
      const button = V.el("button", { type: "button", id: "step-" + step, class: Workflow.primary[step] ? "primary" : "" }, V.t("step_" + step));
      button.addEventListener("click", () => Workflow.take(step));
      parts.push(button);
    }
    // The version the leader reads (or approved), and who set the state when.
    if ((standing.state === "cho-duyet" || standing.state === "da-duyet") && standing.version) {
      const key = standing.state === "cho-duyet" ? "version_submitted" : "version_approved";
      parts.push(V.el("span", { id: "under-review", class: "standing-note" },
        V.t(key, { n: String(standing.version), by: standing.by, at: V.when(standing.at) })));
    }
    parts.push(V.el("span", { id: "back-to-draft", class: "back-to-draft", role: "status", hidden: "" }, V.t("save_back_to_draft")));
    box.replaceChildren(...parts);
    Workflow.markDirty(Workflow.dirty);
    const returned = document.getElementById("returned");
    if (standing.state === "du-thao" && standing.reason) {
      returned.hidden = false;
      returned.replaceChildren(V.el("p", {}, V.t("returned", { by: standing.by, at: V.when(standing.at), reason: standing.reason })));
      Workflow.changesSince(standing.version, returned);
    } else returned.hidden = true;
    if (Workflow.editor) Workflow.editor.readOnly(standing.read_only === true || standing.state === "da-ban-hanh" || standing.state === "da-ky", standing);
  },

  // Unsaved edits on a record waiting for approval, or approved: a save sends it back to Dự
  // thảo (to be submitted again), so the badge is not shown as if it still held, and the
  // leader does not approve a text other than the one on screen.
  markDirty(dirty) {
    Workflow.dirty = dirty;
    const standing = Workflow.standing;
    if (!standing) return;
    const leaves = dirty && (standing.state === "cho-duyet" || standing.state === "da-duyet");
    const note = document.getElementById("back-to-draft");
    if (note) note.hidden = !leaves;
    // The bar has room for one of the two: the edits on screen are what matters now.
    const version = document.getElementById("under-review");
    if (version) version.hidden = leaves;
    const badge = document.getElementById("state");
    if (badge) badge.classList.toggle("leaving", leaves);
    // Approving or issuing takes the version on the server, not the edits on screen.
    for (const id of ["step-approve", "step-issue"]) {
      const button = document.getElementById(id);
      if (!button) continue;
      button.disabled = dirty;
      button.title = dirty ? V.t("approve_unsaved") : "";
    }
  },

  // Cấp số, ban hành: the approved version numbered from the register and filed; the numbers
  // are said at once, in green, and the badge, the preview and the editor follow.
  async issue() {
    const editor = Workflow.editor;
    const button = document.getElementById("step-issue");
    if (button) { button.disabled = true; button.textContent = V.t("issuing"); }
    editor.notice("");
    let response, body;
    try {
      response = await V.post("/api/archive", { path: Workflow.path });
      body = await response.json();
    } catch (e) {
      editor.notice(V.t("not_sent"));
      await Workflow.show();
      return;
    }
    if (response.ok) Workflow.justIssued = body;
    else await Workflow.refused(response.status, body);
    await Workflow.show();
  },

  // What the read-only line says of an issued record: who issued it when (or, just now, that
  // it is done), its numbers and dates, and a link to its issued page.
  issuedLine(standing) {
    const issued = standing.issued || {};
    const just = Workflow.justIssued;
    const numbers = ((just && just.numbers) || issued.numbers || []).map((n) =>
      V.el("span", { class: "issued-number" }, V.t("issue_number", { title: n.title, line: n.number_line, date: n.date })));
    const entry = (issued.entries || [])[0] || (just && just.entries && just.entries[0] && just.entries[0].id);
    const parts = [just ? V.t("issue_done") : V.t("issued_read_only", { by: standing.by || "", at: V.when(standing.at) })];
    numbers.forEach((n, i) => parts.push(i ? "; " : " ", n));
    if (entry) parts.push(" · ", V.el("a", { id: "issued-link", href: "/issued?entry=" + encodeURIComponent(entry) }, V.t("issued_page")));
    return parts;
  },

  async take(step) {
    if (step === "submit") return Workflow.submit();
    if (step === "issue") return Workflow.issue();
    let reason = "";
    if (step === "return") {
      reason = prompt(V.t("return_reason"), "") || "";
      if (!reason.trim()) return;
    }
    const response = await V.post("/api/workflow", { path: Workflow.path, step, reason });
    const body = await response.json();
    if (response.ok) Workflow.editor.problems([]);
    else await Workflow.refused(response.status, body);
    await Workflow.show();
  },

  // Trình duyệt: the text on screen, over the version the editor started from, saved and
  // submitted by the server in one step.
  async submit(base) {
    const editor = Workflow.editor;
    const text = editor.text();
    const button = document.getElementById("step-submit");
    if (button) button.disabled = true;
    let response, body;
    try {
      response = await V.post("/api/workflow", { path: Workflow.path, step: "submit", text,
        base: base === undefined ? editor.base() : base });
      body = await response.json();
    } catch (e) {
      if (button) button.disabled = false;
      editor.notice(V.t("not_sent"));
      return;
    }
    if (response.ok) {
      // Saved and submitted: the editor's base is the version saved.
      if (body.saved_version !== undefined) editor.saved(text, body.saved_version);
      editor.problems([]);
      editor.notice("");
    } else if (response.status === 409 && !body.refused && "disk_version" in body) {
      // The file changed on disk since the editor opened it: nothing saved, nothing submitted.
      editor.conflict(text, body, (disk) => Workflow.submit(disk));
    } else await Workflow.refused(response.status, body);
    await Workflow.show();
  },

  // A step refused: the server's words (for errors in the record, how many and where to
  // look), and the record's problems beside their fields and at their lines; refused for the
  // record's state, where it stands now and who moved it there.
  async refused(status, body) {
    const editor = Workflow.editor;
    if (status === 422 && Array.isArray(body.problems)) editor.problems(body.problems);
    if (status === 409 && body.refused === "state") {
      editor.notice(await Workflow.whereItStands(body));
      return;
    }
    editor.notice((body.error || "") + (body.hint ? " → " + body.hint : ""));
  },

  // "Not done: the record is «Đã ban hành» (set by mai at …)", from the standing as it is now.
  async whereItStands(body) {
    let standing = null;
    try {
      standing = await (await fetch("/api/workflow?path=" + encodeURIComponent(Workflow.path))).json();
    } catch (e) {
      standing = null;
    }
    const state = (standing && standing.state) || body.state || "";
    if (!standing || !standing.by) return (body.error || "") + (body.hint ? " → " + body.hint : "");
    return V.t("refused_state", { state: V.t("state_" + state.replace(/-/g, "_")), by: standing.by, at: V.when(standing.at) });
  },

  // The fields changed since the version the leader read when returning the draft.
  async changesSince(version, box) {
    if (!version) return;
    const body = await (await fetch("/api/versions?path=" + encodeURIComponent(Workflow.path) + "&a=" + version)).json();
    const rows = (body.changes || []).map((c) => V.el("li", { class: "change" }, V.el("strong", {}, c.label + ": "),
      V.el("del", {}, c.before), " → ", V.el("ins", {}, c.after)));
    if (rows.length === 0) box.append(V.el("p", {}, V.t("unchanged_since")));
    else box.append(V.el("p", {}, V.t("changed_since", { n: String(rows.length) })), V.el("ul", {}, ...rows));
  },
};
