// The office's steps in the editor, when the folder has users: where the record stands,
// the steps this person's role may take (the server checks again), and for a returned
// draft the leader's reason and what changed since the return.
"use strict";
const Workflow = {
  me: null,
  steps: {
    "du-thao": [["submit", ["soan-thao", "quan-tri"]]],
    "cho-duyet": [["return", ["lanh-dao", "quan-tri"]], ["approve", ["lanh-dao", "quan-tri"]]],
  },

  async init(path) {
    Workflow.path = path;
    Workflow.me = V.me;
    if (!Workflow.me) return;
    await Workflow.show();
  },

  async show() {
    const standing = await (await fetch("/api/workflow?path=" + encodeURIComponent(Workflow.path))).json();
    if (!standing) return;
    const box = document.getElementById("workflow");
    box.hidden = false;
    const parts = [V.el("strong", { id: "state", "data-state": standing.state }, V.t("state_" + standing.state.replace(/-/g, "_")))];
    for (const [step, roles] of Workflow.steps[standing.state] || []) {
      if (!roles.includes(Workflow.me.role)) continue;
      const button = V.el("button", { type: "button", id: "step-" + step }, V.t("step_" + step));
      button.addEventListener("click", () => Workflow.take(step));
      parts.push(button);
    }
    box.replaceChildren(...parts);
    const returned = document.getElementById("returned");
    if (standing.state === "du-thao" && standing.reason) {
      returned.hidden = false;
      returned.replaceChildren(V.el("p", {}, V.t("returned", { by: standing.by, at: V.when(standing.at), reason: standing.reason })));
      Workflow.changesSince(standing.version, returned);
    } else returned.hidden = true;
  },

  async take(step) {
    let reason = "";
    if (step === "return") {
      reason = prompt(V.t("return_reason"), "") || "";
      if (!reason.trim()) return;
    }
    const response = await V.post("/api/workflow", { path: Workflow.path, step, reason });
    const body = await response.json();
    if (!response.ok) notice(body.error);
    await Workflow.show();
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
