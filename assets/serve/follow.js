// The preview follows the form (issue 38): the field being edited brings the page and line of
// the preview that show it into view (best effort: the field's words looked for in the page
// texts the preview returns, line by line); a comment's field name puts the cursor in that
// field.
"use strict";
const Follow = {
  // Where the preview was last taken: `{ page, line }` (1-based), for the tests.
  last: null,
  timer: null,

  init() {
    const form = document.getElementById("form");
    form.addEventListener("focusin", (e) => Follow.fromControl(e.target));
    // While typing, once the preview has had time to show the new words.
    form.addEventListener("input", (e) => {
      clearTimeout(Follow.timer);
      Follow.timer = setTimeout(() => Follow.fromControl(e.target), 700);
    });
  },

  fromControl(control) {
    if (!control || !control.matches("input:not([type=checkbox]), textarea")) return;
    Follow.show(control.value);
  },

  // Shows the form and puts the cursor in the field at `pointer` (or the block holding it).
  async focusField(pointer) {
    if (window.vanban && vanban.state.view !== "form" && typeof showView === "function") await showView("form");
    let target = null;
    for (let at = pointer; at; at = at.includes("/") ? at.slice(0, at.lastIndexOf("/")) : "") {
      target = document.querySelector(`#form [data-pointer="${CSS.escape(at)}"]`);
      if (target) break;
    }
    if (!target) return;
    target.scrollIntoView({ block: "center" });
    const control = target.matches("input, textarea, select") ? target : target.querySelector("input, textarea, select");
    if (control) control.focus({ preventScroll: true });
  },

  norm(text) {
    return (text || "").normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
  },

  // Scrolls the pages shown to the first line holding the start of `text`: longer probes
  // first (a value's words may wrap onto the next line); nothing for a word too short to tell.
  show(text) {
    const wanted = Follow.norm(text);
    if (wanted.length < 5) return false;
    const pages = [...document.querySelectorAll("#pages .page")];
    const probes = [...new Set([40, 24, 12].map((n) => wanted.slice(0, n).trim()))].filter((p) => p.length >= 5);
    for (const probe of probes) {
      for (const [index, page] of pages.entries()) {
        const lines = (page.querySelector(".page-text") || { textContent: "" }).textContent.split("\n");
        const line = lines.findIndex((l) => Follow.norm(l).includes(probe));
        if (line < 0) continue;
        Follow.scrollTo(page, line, lines.length);
        Follow.last = { page: index + 1, line: line + 1 };
        return true;
      }
    }
    return false;
  },

  // The line's place on its page, taken as its share of the page's lines between margins of
  // about a tenth of the page; put a third of the way down the preview.
  scrollTo(page, line, lines) {
    const box = document.getElementById("pages");
    const share = 0.1 + 0.8 * (line / Math.max(lines, 1));
    const top = page.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    box.scrollTop = Math.max(0, top + share * page.offsetHeight - box.clientHeight / 3);
  },
};

V.init().then(() => Follow.init());
