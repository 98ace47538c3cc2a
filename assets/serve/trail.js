// The office in the records list, when the folder has users: each record's state ("Trả lại"
// for a returned draft, with its reason), its numbers once issued, its open comments; and for
// the lãnh đạo and the quản trị the audit log, filtered by record, person and day (the server
// checks the role again).
"use strict";
const Trail = {
  office: null,

  async init() {
    Trail.me = V.me;
    if (!Trail.me) return;
    await Trail.refresh();
    if (["lanh-dao", "quan-tri"].includes(Trail.me.role)) {
      document.getElementById("audit").hidden = false;
      document.getElementById("audit-filter").addEventListener("submit", (e) => { e.preventDefault(); Trail.audit(); });
      await Trail.audit();
    }
  },

  // Where the office's records stand now (again after each change on disk).
  async refresh() {
    if (!Trail.me) return;
    try {
      Trail.office = await (await fetch("/api/office")).json();
    } catch (e) {
      // Kept as it was: the next change tries again.
    }
  },

  // The record's office state: a returned draft is "Trả lại".
  stateOf(path) {
    const office = Trail.office;
    if (office.returned && office.returned[path]) return "tra-lai";
    return office.states[path] || "du-thao";
  },

  // The words of the record's row, for the filter.
  words(path) {
    if (!Trail.office) return "";
    const numbers = (Trail.office.numbers || {})[path] || [];
    return V.t("state_" + Trail.stateOf(path).replace(/-/g, "_")) + " " + numbers.map((n) => n.number_line).join(" ");
  },

  // The record's office state, numbers and open comments, for its row.
  badges(path) {
    if (!Trail.office) return [];
    const out = [];
    const state = Trail.stateOf(path);
    const badge = V.el("span", { class: "office-state", "data-state": state }, V.t("state_" + state.replace(/-/g, "_")));
    const returned = state === "tra-lai" && Trail.office.returned[path];
    if (returned) badge.title = V.t("returned_because", { by: returned.by, at: V.when(returned.at), reason: returned.reason });
    out.push(badge);
    const numbers = (Trail.office.numbers || {})[path] || [];
    if (numbers.length) {
      out.push(V.el("span", { class: "numbers" }, numbers.map((n) => n.number_line + " (" + n.date + ")").join("; ")));
    }
    const open = Trail.office.comments[path];
    if (open) out.push(V.el("span", { class: "open-comments" }, V.t("open_comments", { n: String(open) })));
    return out;
  },

  async audit() {
    const form = document.getElementById("audit-filter");
    const query = new URLSearchParams();
    for (const name of ["record", "user", "since"]) if (form.elements[name].value) query.set(name, form.elements[name].value);
    const response = await fetch("/api/audit?" + query);
    const body = await response.json();
    const chain = document.getElementById("audit-chain");
    if (!response.ok) { chain.textContent = body.error; return; }
    chain.textContent = body.chain === true ? V.t("audit_chain_ok", { n: String(body.total) }) : body.chain;
    chain.className = body.chain === true ? "good" : "bad";
    const rows = body.entries.map((e) => V.el("tr", {},
      V.el("td", {}, V.when(e.at)), V.el("td", {}, e.user),
      V.el("td", {}, V.T["action_" + e.action] || e.action), V.el("td", {}, e.target), V.el("td", {}, e.address)));
    document.querySelector("#audit-log tbody").replaceChildren(...rows);
  },
};
