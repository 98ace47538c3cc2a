// The search box on the records page: words (with or without marks) and a task filter,
// answered by /api/search from the folder's records and the archive. The words found come
// back «marked»; they are shown with <mark>, built as elements (never as HTML).
"use strict";

function marked(text) {
  const out = V.el("span", { class: "snippet" });
  text.split(/(«[^»]*»)/).forEach((part) => {
    if (part.startsWith("«") && part.endsWith("»")) out.append(V.el("mark", {}, part.slice(1, -1)));
    else if (part) out.append(part);
  });
  return out;
}

function taskLine(tasks) {
  return tasks.length ? V.el("div", { class: "tasks" }, V.t("search_tasks") + tasks.join("; ")) : "";
}

function recordItem(found) {
  const link = V.el("a", { href: "/edit?path=" + encodeURIComponent(found.path) }, found.path);
  return V.el("li", {}, link, found.snippet ? V.el("br") : "", marked(found.snippet), taskLine(found.tasks));
}

// 2026-02-05 as offices write it: 05/02/2026.
function day(iso) {
  const [y, m, d] = iso.split("-");
  return d ? d + "/" + m + "/" + y : iso;
}

function entryItem(found) {
  const head = [found.numbers || "", day(found.date), V.t("kind_" + found.kind), found.unit].filter(Boolean).join(" · ");
  const docs = V.el("div", { class: "docs" });
  for (const url of found.documents) {
    docs.append(V.el("a", { href: url, target: "_blank", rel: "noopener" }, url.split("/").pop()));
  }
  docs.append(V.el("a", { class: "issued", href: "/issued?entry=" + encodeURIComponent(found.entry) }, V.t("issued_open")));
  return V.el("li", { "data-entry": found.entry }, V.el("strong", {}, head), V.el("br"),
    marked(found.snippet), taskLine(found.tasks), docs);
}

function list(title, items, make) {
  return [V.el("h3", {}, title), items.length ? V.el("ol", {}, ...items.map(make)) : V.el("p", {}, V.t("search_none"))];
}

async function runSearch(params) {
  const message = document.getElementById("search-message");
  const results = document.getElementById("search-results");
  const response = await fetch("/api/search?" + params.toString());
  const body = await response.json();
  results.replaceChildren();
  if (!response.ok) {
    message.textContent = body.error;
    if (body.field) document.querySelector('#search-form [name="' + body.field + '"]').focus();
    return;
  }
  message.textContent = "";
  results.append(...list(V.t("search_records", { n: body.records.length }), body.records, recordItem));
  if (body.archive_on) {
    results.append(...list(V.t("search_archive", { n: body.archive.length }), body.archive, entryItem));
  } else {
    results.append(V.el("p", {}, V.t("search_no_archive")));
  }
}

V.init().then(() => {
  const form = document.getElementById("search-form");
  const asked = new URLSearchParams(location.search);
  for (const field of form.elements) {
    if (field.name && asked.has(field.name)) field.value = asked.get(field.name);
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const field of form.elements) {
      if (field.name && field.value.trim()) params.set(field.name, field.value.trim());
    }
    history.replaceState(null, "", "?" + params.toString());
    runSearch(params);
  });
  if ([...asked.keys()].length) runSearch(asked);
});
