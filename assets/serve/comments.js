// Review comments in the editor, when the folder has users: the record's comments with their
// answers, each open one also under its field in the form and listed beside the preview; a
// leader comments on the field last focused in the form, or on a passage selected in the
// preview; the drafter answers and settles. The server checks every role again.
"use strict";
const Comments = {
  threads: [],
  about: { field: "", label: "" },
  unfolded: null,

  async init(path, me) {
    Comments.path = path;
    Comments.me = me;
    if (!me) return;
    document.getElementById("review").hidden = false;
    const canComment = ["lanh-dao", "quan-tri"].includes(me.role);
    document.getElementById("new-comment").hidden = !canComment;
    document.getElementById("form").addEventListener("focusin", (e) => {
      const at = e.target.closest("label[data-pointer], fieldset[data-pointer]");
      if (!at) return;
      const legend = at.querySelector(":scope > span, :scope > legend");
      Comments.about = { field: at.dataset.pointer, label: legend ? legend.textContent : at.dataset.pointer };
      Comments.showAbout();
    });
    document.addEventListener("selectionchange", Comments.showAbout);
    document.getElementById("comment-add").addEventListener("click", Comments.add);
    Comments.showAbout();
    await Comments.load();
  },

  // A passage selected in the preview's text, if any.
  passage() {
    const selection = document.getSelection();
    if (!selection || selection.isCollapsed) return "";
    const node = selection.anchorNode && (selection.anchorNode.nodeType === 1 ? selection.anchorNode : selection.anchorNode.parentElement);
    return node && node.closest("#pages") ? selection.toString().trim().slice(0, 500) : "";
  },

  showAbout() {
    const box = document.getElementById("comment-about");
    if (!box) return;
    const passage = Comments.passage();
    if (passage) box.textContent = V.t("comment_about_passage", { p: passage });
    else if (Comments.about.field) box.textContent = V.t("comment_about_field", { label: Comments.about.label });
    else box.textContent = V.t("comment_about_record");
  },

  async load() {
    Comments.threads = await (await fetch("/api/comments?path=" + encodeURIComponent(Comments.path))).json();
    Comments.show();
  },

  async send(body) {
    const response = await V.post("/api/comments", Object.assign({ path: Comments.path }, body));
    const answer = await response.json();
    if (!response.ok) notice(answer.error + (answer.hint ? " → " + answer.hint : ""));
    await Comments.load();
    return response.ok;
  },

  async add() {
    const text = document.getElementById("comment-text");
    const passage = Comments.passage();
    const tab = document.querySelector("#tabs .tab.active");
    const body = passage
      ? { passage, document: tab ? tab.textContent : "", text: text.value }
      : { field: Comments.about.field, text: text.value };
    if (await Comments.send(body)) text.value = "";
  },

  // Where a comment points, in words; a field's name is a link to the field.
  where(thread) {
    if (thread.passage) return V.t("comment_about_passage", { p: thread.passage }) + (thread.document ? " (" + thread.document + ")" : "");
    if (!thread.field) return V.t("comment_whole_record");
    const link = V.el("a", { href: "#", class: "goto-field", title: V.t("goto_field"), "data-field": thread.field }, thread.label);
    link.addEventListener("click", (e) => { e.preventDefault(); Follow.focusField(thread.field); });
    return link;
  },

  show() {
    const open = Comments.threads.filter((t) => !t.resolved_by);
    document.getElementById("review-title").textContent = V.t("review_title", { n: String(open.length) });
    // Folded to its title when there is nothing to act on; the person's own toggle is kept
    // until that changes.
    const unfold = open.length > 0 || ["lanh-dao", "quan-tri"].includes(Comments.me.role);
    if (unfold !== Comments.unfolded) {
      Comments.unfolded = unfold;
      document.getElementById("review").open = unfold;
    }
    const canAnswer = ["soan-thao", "lanh-dao", "quan-tri"].includes(Comments.me.role);
    const items = Comments.threads.map((t) => {
      const item = V.el("li", { class: "thread", "data-id": String(t.id), "data-open": t.resolved_by ? "false" : "true" },
        V.el("p", { class: "about" }, Comments.where(t)),
        V.el("p", {}, V.el("strong", {}, t.author), " (" + V.when(t.at) + "): " + t.text),
        ...t.answers.map((a) => V.el("p", { class: "answer" }, V.el("strong", {}, a.author), " (" + V.when(a.at) + "): " + a.text)));
      if (t.resolved_by) item.append(V.el("p", { class: "resolved" }, V.t("comment_resolved", { by: t.resolved_by, at: V.when(t.resolved_at) })));
      else if (canAnswer) {
        const input = V.el("textarea", { rows: "1", "aria-label": V.t("answer_text") + " " + t.id, class: "answer-text" });
        const reply = V.el("button", { type: "button", class: "answer-add" }, V.t("answer_add"));
        reply.addEventListener("click", () => Comments.send({ answer_to: t.id, text: input.value }));
        const settle = V.el("button", { type: "button", class: "resolve" }, V.t("comment_resolve"));
        settle.addEventListener("click", () => Comments.send({ resolve: t.id }));
        item.append(input, V.el("div", { class: "thread-buttons" }, reply, settle));
      }
      return item;
    });
    document.getElementById("threads").replaceChildren(...items);
    document.getElementById("no-comments").hidden = items.length > 0;
    const shown = open.map((t) => V.el("li", {}, V.el("strong", {}, t.author + ": "), t.text, " · ", Comments.where(t)));
    const aside = document.getElementById("preview-comments");
    aside.hidden = shown.length === 0;
    aside.replaceChildren(V.el("p", {}, V.t("review_title", { n: String(open.length) })), V.el("ul", {}, ...shown));
    Comments.mark();
  },

  // Each open comment on a field, under that field in the form.
  mark() {
    document.querySelectorAll("#form .field-comment").forEach((e) => e.remove());
    for (const t of Comments.threads) {
      if (t.resolved_by || !t.field) continue;
      Form.placeAt(t.field, V.el("p", { class: "field-comment", role: "note" }, V.t("comment_on_field", { by: t.author, text: t.text })));
    }
  },
};
