// The new-record form: what a clerk knows right after a meeting; the server writes the
// commented scaffold (the same as `vanban new session`) and the editor opens it.
"use strict";
let issuers = [];
const lines = (id) => document.getElementById(id).value.split("\n").map((s) => s.trim()).filter(Boolean);
const value = (id) => document.getElementById(id).value.trim();

function addRow() {
  const row = V.el("div", { class: "attendee" },
    V.el("input", { class: "a-name", placeholder: V.t("name"), "aria-label": V.t("name") }),
    V.el("input", { class: "a-titles", placeholder: V.t("titles"), "aria-label": V.t("titles") }),
    V.el("input", { class: "a-group", placeholder: V.t("group"), "aria-label": V.t("group") }),
    V.el("button", { type: "button", class: "remove", onclick: () => row.remove() }, V.t("remove_row")));
  document.getElementById("attendees").append(row);
}

function suggestName() {
  const slug = value("host").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D")
    .toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  const name = document.getElementById("name");
  if (!name.dataset.touched) name.value = [slug, value("date")].filter(Boolean).join("-") + ".yaml";
}

async function submit(event) {
  event.preventDefault();
  // An issuer offered is taken whole; a name typed in adds a new one (the server fills in
  // what its name tells: system, code, place).
  const typed = value("issuer");
  const fields = {
    issuer: typed === "" ? null : issuers.find((i) => i.name === typed) || { name: typed },
    date: value("date"),
    start: value("start"),
    host: value("host"),
    subject: value("subject"),
    chair: { name: value("chair-name"), titles: lines("chair-titles") },
    attendees: [...document.querySelectorAll(".attendee")].map((row) => ({
      name: row.querySelector(".a-name").value.trim(),
      titles: row.querySelector(".a-titles").value.split(",").map((s) => s.trim()).filter(Boolean),
      group: row.querySelector(".a-group").value.trim(),
    })),
    secretary: { name: value("secretary-name"), titles: lines("secretary-titles") },
  };
  const response = await V.post("/api/new", { kind: "session", name: value("name"), fields });
  const body = await response.json();
  if (response.ok) location.href = "/edit?path=" + encodeURIComponent(body.path);
  else document.getElementById("message").textContent = body.error;
}

V.init().then(async () => {
  issuers = await (await fetch("/api/issuers")).json();
  // The bodies of earlier records and of the people directory; typing another adds it.
  const input = document.getElementById("issuer");
  document.getElementById("issuers").replaceChildren(...issuers.map((issuer) => V.el("option", { value: issuer.name })));
  input.placeholder = V.t(issuers.length ? "issuer_add" : "issuer_placeholder");
  if (issuers.length) input.value = issuers[0].name;
  document.getElementById("date").value = new Date().toISOString().slice(0, 10);
  addRow();
  document.getElementById("add-row").addEventListener("click", addRow);
  for (const id of ["host", "date"]) document.getElementById(id).addEventListener("input", suggestName);
  document.getElementById("name").addEventListener("input", (e) => { e.target.dataset.touched = "1"; });
  document.getElementById("form").addEventListener("submit", submit);
  suggestName();
});
