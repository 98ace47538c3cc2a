// The record's notes in the form (issue 38): each beside the field it concerns, in the
// office's words, its control marked (`aria-invalid`, `aria-describedby`); a summary at the top
// of the form linking to each; "Trình duyệt" held back while errors remain. The notes come
// from the preview (`/api/preview`) and from a refused step (422 with `problems`).
"use strict";
Object.assign(Form, {
  // The record's notes, each beside its field in the form's words (`aria-invalid` and
  // `aria-describedby` on its control), and a summary at the top of the form linking to each;
  // while any error remains, "Trình duyệt" is held back.
  showNotes(notes) {
    Form.notes = notes;
    const root = document.getElementById("form");
    root.querySelectorAll(".field-error, .notes-summary").forEach((e) => e.remove());
    root.querySelectorAll("[aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
    root.querySelectorAll("[data-described]").forEach((e) => { e.removeAttribute("aria-describedby"); delete e.dataset.described; });
    const rows = { error: [], warning: [] };
    notes.forEach((note, i) => {
      const id = "note-" + i;
      const text = note.form || note.message + (note.hint ? " → " + note.hint : "");
      const message = V.el("p", { class: "field-error " + note.severity, id }, text);
      const target = Form.placeAt(note.field || "", message);
      const control = target && target.querySelector("input, textarea, select, button");
      if (control) {
        if (note.severity === "error" && control.tagName !== "BUTTON") control.setAttribute("aria-invalid", "true");
        control.setAttribute("aria-describedby", ((control.getAttribute("aria-describedby") || "") + " " + id).trim());
        control.dataset.described = "1";
      }
      // The summary names the field unless the message already does.
      const name = Form.nameOf(target);
      const line = name && !text.toLowerCase().includes(name.toLowerCase()) ? name + ": " + text : text;
      (rows[note.severity] || rows.warning).push({ at: target, line: Form.summaryLine(line, control || target) });
    });
    // In the form's order, top to bottom.
    const order = (a, b) => (!a.at || !b.at ? 0 : a.at.compareDocumentPosition(b.at) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);
    for (const key of Object.keys(rows)) rows[key] = rows[key].sort(order).map((r) => r.line);
    Form.errors = rows.error.length;
    root.prepend(Form.summary(rows));
    Form.holdSubmit();
    if (window.Comments && Comments.me) Comments.mark();
  },

  // The label a field shows (its own, or its block's legend).
  nameOf(target) {
    if (!target) return "";
    const own = target.tagName === "LABEL" ? target.querySelector("span") : target.querySelector("legend");
    return own ? own.textContent : "";
  },

  // One line of the summary: a link that brings the field into view and focuses it.
  summaryLine(text, focus) {
    const link = V.el("a", { href: "#" + ((focus && focus.id) || "form") }, text);
    link.addEventListener("click", (e) => {
      e.preventDefault();
      if (!focus) return;
      if (!focus.matches("input, textarea, select, button")) focus.setAttribute("tabindex", "-1");
      focus.scrollIntoView({ block: "center" });
      focus.focus();
    });
    return V.el("li", {}, link);
  },

  // The summary of the notes: errors first, then what is unfinished.
  summary(rows) {
    const box = V.el("div", { class: "notes-summary", role: "region", "aria-label": V.t("notes_errors", { n: String(rows.error.length) }) });
    box.hidden = !rows.error.length && !rows.warning.length;
    for (const severity of ["error", "warning"]) {
      if (!rows[severity].length) continue;
      const key = severity === "error" ? "notes_errors" : "notes_warnings";
      box.append(V.el("p", { class: "notes-title " + severity }, V.t(key, { n: String(rows[severity].length) })),
        V.el("ul", { class: "notes-list " + severity }, ...rows[severity]));
    }
    return box;
  },

  // "Trình duyệt" is held back while the form has errors: marked so, and a click on it goes to
  // the summary instead (the server refuses such a record too).
  holdSubmit() {
    const button = document.getElementById("step-submit");
    if (button) {
      button.setAttribute("aria-disabled", String(Form.errors > 0));
      button.title = Form.errors > 0 ? V.t("submit_blocked") : "";
    }
    if (Form.guarded) return;
    Form.guarded = true;
    document.addEventListener("click", (e) => {
      if (!Form.errors || !e.target.closest || !e.target.closest("#step-submit")) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      const notice = document.getElementById("notice");
      if (notice) { notice.textContent = V.t("submit_blocked"); notice.hidden = false; }
      const first = document.querySelector("#form .notes-summary a");
      if (first) first.focus();
    }, true);
  },

  // Puts `element` under the field at `pointer` (or the nearest block holding it); the field.
  placeAt(pointer, element) {
    let target = null;
    while (pointer !== null) {
      target = document.querySelector(`#form [data-pointer="${pointer}"]`);
      if (target || pointer === "") break;
      pointer = pointer.includes("/") ? pointer.slice(0, pointer.lastIndexOf("/")) : "";
    }
    if (!target) document.getElementById("form").prepend(element);
    else if (target.tagName === "LABEL") target.after(element);
    else target.append(element);
    return target;
  },
});
