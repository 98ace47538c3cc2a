// Shared by every page: the interface's words, JSON requests, and changes on disk.
"use strict";
const V = {
  T: {},
  me: null,
  ready: null,
  // Every script of a page may wait on this; the words and the user are fetched once.
  init() {
    if (!V.ready) V.ready = V.load();
    return V.ready;
  },
  async load() {
    V.T = await (await fetch("/api/text")).json();
    document.querySelectorAll("[data-t]").forEach((e) => { e.textContent = V.t(e.dataset.t); });
    document.querySelectorAll("[data-tp]").forEach((e) => { e.placeholder = V.t(e.dataset.tp); });
    document.title = V.t("app");
    // Who is logged in, with a way out (only when the folder has users).
    const me = await (await fetch("/api/me")).json();
    V.me = me;
    const bar = document.querySelector(".bar");
    if (me && bar) {
      const out = V.el("button", { type: "button", id: "logout" }, V.t("logout"));
      out.addEventListener("click", async () => { await V.post("/api/logout", {}); location.href = "/login"; });
      bar.append(V.el("span", { id: "me" }, me.name + " (" + V.t("role_" + me.role.replace(/-/g, "_")) + ")"), out);
    }
  },
  t(key, vars) {
    let s = V.T[key] || key;
    for (const [k, v] of Object.entries(vars || {})) s = s.replace("{" + k + "}", v);
    return s;
  },
  // A moment the server keeps in UTC (`2026-12-02T05:47:15Z`), in this computer's time as
  // offices write it: 12:47 ngày 02/12/2026.
  when(at) {
    const d = new Date(at);
    if (isNaN(d)) return at || "";
    const two = (n) => String(n).padStart(2, "0");
    return V.t("when", { time: two(d.getHours()) + ":" + two(d.getMinutes()),
      date: two(d.getDate()) + "/" + two(d.getMonth() + 1) + "/" + d.getFullYear() });
  },
  post(url, body) {
    return fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  },
  el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c);
    return e;
  },
  // Calls onChange(paths) each time records change on disk (the server's watcher).
  async watchChanges(onChange) {
    let since = (await (await fetch("/api/changes")).json()).generation;
    for (;;) {
      try {
        const now = await (await fetch("/api/changes?since=" + since)).json();
        if (now.generation > since) { since = now.generation; onChange(now.paths); }
      } catch (e) {
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
  },
};
