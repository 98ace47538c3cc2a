// The office in the records list, when the folder has users: each record's state and open
// comments, and for the lãnh đạo and the quản trị the audit log, filtered by record, person
// and day (the server checks the role again).
"use strict";
const Trail = {
  office: null,

  async init() {
    Trail.me = V.me;
    if (!Trail.me) return;
    Trail.office = await (await fetch("/api/office")).json();
    if (["lanh-dao", "quan-tri"].includes(Trail.me.role)) {
      document.getElementById("audit").hidden = false;
      document.getElementById("audit-filter").addEventListener("submit", (e) => { e.preventDefault(); Trail.audit(); });
      await Trail.audit();
    }
  },

  // The record's office state and open comments, for its row.
  badges(path) {
    if (!Trail.office) return [];
    const out = [];
    const state = Trail.office.states[path] || "du-thao";
    out.push(V.el("span", { class: "office-state", "data-state": state }, V.t("state_" + state.replace(/-/g, "_"))));
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
