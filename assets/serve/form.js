// The record as a form, generated from the record schema (`/api/schema`): every key of the
// record format in its order, lists with add / remove / move, dates and times with pickers,
// paragraphs in text areas, people completed from the directory (danh bạ). The form edits
// a value; the server writes it into the file's text changing only what changed, and the
// page's one text (the YAML tab's) follows.
"use strict";
const Form = {
  schema: null,
  value: null,
  directory: [],
  onChange: null,
  // An issued record: every control is disabled.
  readOnly: false,
  // Text fields that hold paragraphs, and lists whose items are paragraphs.
  PARAGRAPHS: ["summary", "acknowledgements", "on_proposals", "content", "task", "evidence", "note",
    "shortcomings", "directives", "difficulties", "proposals", "purposes", "requirements", "organisation", "closing"],

  async init(onChange) {
    Form.onChange = onChange;
    Form.schema = await (await fetch("/api/schema")).json();
    await Form.loadDirectory();
  },

  async loadDirectory() {
    const body = await (await fetch("/api/directory")).json();
    Form.directory = body.people || [];
    let list = document.getElementById("directory");
    if (!list) { list = V.el("datalist", { id: "directory" }); document.body.append(list); }
    list.replaceChildren(...Form.directory.map((p) => V.el("option", { value: p.name }, (p.titles || []).join(", "))));
  },

  resolve(node) {
    for (let i = 0; node && i < 8; i++) {
      if (node.$ref) node = Form.schema.$defs[node.$ref.split("/").pop()];
      else if (node.anyOf) node = node.anyOf.find((o) => o.type !== "null") || {};
      else break;
    }
    return node || {};
  },

  typeOf(node) {
    const t = node.type;
    if (Array.isArray(t)) return t.find((x) => x !== "null");
    if (t) return t;
    if (node.enum || node.oneOf) return "enum";
    return node.properties ? "object" : "string";
  },

  // A field's label: the one for its place (`/issuer/name`), else for its key, else the
  // schema's description.
  label(key, node, pointer) {
    const place = (pointer || "").replace(/\/\d+/g, "");
    return V.T["f_" + place] || V.T["f_" + key] || node.description || key;
  },

  // Renders the whole record into `root`.
  render(root, value) {
    Form.value = value;
    const kinds = { assessment: "Assessment", task_report: "TaskReport", reminder: "Reminder" };
    const kind = kinds[value.kind] || "WorkingSession";
    const shape = Form.schema.$defs[kind];
    const focused = document.activeElement && document.activeElement.id;
    root.replaceChildren(...Form.objectFields(shape, value, ""));
    Form.lock(root);
    if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
  },

  changed() { if (Form.onChange && !Form.readOnly) Form.onChange(Form.value); },

  setReadOnly(on) {
    const was = Form.readOnly;
    Form.readOnly = on;
    const root = document.getElementById("form");
    root.classList.toggle("read-only", on);
    if (on) Form.lock(root);
    else if (was && Form.value) Form.rerender();
  },

  // Disables the controls under `root` when the record is read-only (the board's rows come
  // later, once its set is fetched, and are locked then).
  lock(root) {
    if (!Form.readOnly) return;
    root.querySelectorAll("input, select, textarea, button").forEach((c) => { c.disabled = true; });
  },

  objectFields(shape, object, pointer) {
    const out = [];
    const required = shape.required || [];
    for (const [key, raw] of Object.entries(shape.properties || {})) {
      if (key === "kind") continue;
      out.push(Form.field(key, raw, object, pointer + "/" + key, required.includes(key)));
    }
    return out;
  },

  // A new block: an object with the blocks it cannot be without.
  skeleton(node) {
    const out = {};
    for (const key of node.required || []) {
      const child = Form.resolve((node.properties || {})[key] || {});
      if (Form.typeOf(child) === "object") out[key] = Form.skeleton(child);
    }
    return out;
  },

  // One key of `object`: a control, a fieldset, or a button that adds the block.
  field(key, raw, object, pointer, required) {
    const node = Form.resolve(raw);
    const type = Form.typeOf(node);
    const label = Form.label(key, node, pointer);
    if (type === "object" && object[key] == null) {
      const wrap = V.el("div", { class: "absent", "data-pointer": pointer });
      const add = V.el("button", { type: "button", class: "add-block" }, V.t("add_block", { label }));
      add.addEventListener("click", () => { object[key] = Form.skeleton(node); Form.rerender(); Form.changed(); });
      wrap.append(add);
      return wrap;
    }
    if (type === "object") {
      const set = V.el("fieldset", { "data-pointer": pointer });
      const legend = V.el("legend", {}, label);
      set.append(legend);
      const optional = !required;
      set.append(...Form.objectFields(node, object[key], pointer));
      Form.directoryButton(set, node, object[key], pointer);
      if (optional) {
        const drop = V.el("button", { type: "button", class: "drop-block" }, V.t("remove_block", { label }));
        drop.addEventListener("click", () => { delete object[key]; Form.rerender(); Form.changed(); });
        set.append(drop);
      }
      return set;
    }
    if (key === "results" && object.kind === "assessment") return Form.board(object, pointer, label);
    if (type === "array") return Form.list(key, node, object, pointer, label);
    return Form.control(key, node, type, label, object, key, pointer);
  },

  // A labelled input for a scalar; `holder[slot]` is the value.
  control(key, node, type, label, holder, slot, pointer) {
    const id = "f" + pointer.replace(/[^A-Za-z0-9_]/g, "-");
    const current = holder[slot];
    let input;
    if (type === "enum") {
      input = V.el("select", { id });
      const options = node.enum || (node.oneOf || []).map((o) => o.const).filter((x) => x !== undefined);
      input.append(V.el("option", { value: "" }, V.t("choose")));
      for (const o of options) input.append(V.el("option", { value: String(o) }, V.T["v_" + o] || String(o)));
      input.value = current == null ? "" : String(current);
    } else if (type === "boolean") {
      input = V.el("input", { id, type: "checkbox" });
      input.checked = !!current;
    } else if (type === "integer" || type === "number") {
      input = V.el("input", { id, type: "number", min: node.minimum == null ? "" : String(node.minimum) });
      input.value = current == null ? "" : String(current);
    } else if (Form.PARAGRAPHS.includes(key)) {
      input = V.el("textarea", { id, rows: "3" });
      input.value = current == null ? "" : String(current);
    } else {
      const pattern = node.pattern || "";
      const kind = pattern.startsWith("^[0-9]{4}-") ? "date" : pattern.startsWith("^[0-9]{1,2}:") ? "time" : "text";
      input = V.el("input", { id, type: kind });
      if (key === "name") input.setAttribute("list", "directory");
      if (key === "criteria_set") { input.setAttribute("list", "sets"); Form.loadSets(); }
      input.value = current == null ? "" : String(current);
    }
    const update = () => {
      let v;
      if (type === "boolean") v = input.checked;
      else if (type === "integer" || type === "number") v = input.value === "" ? null : Number(input.value);
      else v = input.value === "" ? null : input.value;
      if (v === null) delete holder[slot]; else holder[slot] = v;
      if (key === "name" && !Array.isArray(holder)) Form.fromDirectory(holder, input.value);
      Form.changed();
    };
    input.addEventListener(type === "boolean" || type === "enum" ? "change" : "input", update);
    // A set chosen: its criteria board is drawn again.
    if (key === "criteria_set") {
      input.addEventListener("change", () => {
        const old = document.querySelector('#form [data-pointer="/results"]');
        if (old) old.replaceWith(Form.board(Form.value, "/results", Form.label("results", {})));
      });
    }
    input.dataset.pointer = pointer;
    const wrap = V.el("label", { class: "field", for: id, "data-pointer": pointer }, V.el("span", {}, label), input);
    return wrap;
  },

  boards: {},

  async loadSets() {
    if (document.getElementById("sets")) return;
    const list = V.el("datalist", { id: "sets" });
    document.body.append(list);
    const body = await (await fetch("/api/criteria")).json();
    list.replaceChildren(...(body.sets || []).map((s) => V.el("option", { value: s.id }, s.name)));
  },

  // An assessment's results as a board: each criterion (and each indicator the set lists)
  // ticked when met; a criterion whose set gives only a count takes how many are unmet. The
  // tally follows the boxes.
  board(object, pointer, label) {
    const set = V.el("fieldset", { class: "board", "data-pointer": pointer }, V.el("legend", {}, label));
    const tally = V.el("p", { class: "tally", "aria-live": "polite" });
    const table = V.el("div", { class: "rows" });
    set.append(tally, table);
    const reference = object.criteria_set;
    if (!reference) return set;
    const draw = (board) => {
      const results = () => (Array.isArray(object.results) ? object.results : (object.results = []));
      const entry = (no) => results().find((r) => r.criterion === no);
      const unmetOf = (no) => { const e = entry(no); return e ? e.unmet : undefined; };
      const setUnmet = (no, unmet) => {
        let e = entry(no);
        const empty = unmet === undefined || unmet === 0 || (Array.isArray(unmet) && unmet.length === 0);
        if (empty) { if (e) { delete e.unmet; if (Object.keys(e).length === 1) object.results = results().filter((r) => r !== e); } }
        else { if (!e) { e = { criterion: no }; results().push(e); results().sort((a, b) => a.criterion - b.criterion); } e.unmet = unmet; }
        showTally();
        Form.changed();
      };
      const showTally = () => {
        let criteriaMet = 0, unmetTotal = 0;
        for (const row of board.criteria) {
          const u = unmetOf(row.no);
          const n = Array.isArray(u) ? u.length : (u || 0);
          if (n === 0) criteriaMet += 1;
          unmetTotal += n;
        }
        const total = board.indicator_total;
        tally.textContent = V.t("tally", { met: criteriaMet, criteria: board.criteria.length,
          indicators: total == null ? "?" : total - unmetTotal, total: total == null ? "?" : total });
      };
      for (const row of board.criteria) {
        const at = pointer + "/c" + row.no;
        const line = V.el("div", { class: "criterion", "data-pointer": at });
        const name = V.el("strong", {}, row.no + ". " + row.name);
        line.append(name);
        const unmet = unmetOf(row.no);
        if (row.indicators.length) {
          for (const ind of row.indicators) {
            const id = "f" + (at + "-" + ind.id).replace(/[^A-Za-z0-9_]/g, "-");
            const box = V.el("input", { id, type: "checkbox" });
            box.checked = !(Array.isArray(unmet) && unmet.includes(ind.id));
            box.addEventListener("change", () => {
              const now = new Set(Array.isArray(unmetOf(row.no)) ? unmetOf(row.no) : []);
              if (box.checked) now.delete(ind.id); else now.add(ind.id);
              setUnmet(row.no, row.indicators.map((i) => i.id).filter((i) => now.has(i)));
            });
            line.append(V.el("label", { class: "tick", for: id }, box, " " + ind.id + (ind.name ? " " + ind.name : "") + " — " + V.t("met")));
          }
        } else {
          const id = "f" + at.replace(/[^A-Za-z0-9_]/g, "-");
          const box = V.el("input", { id, type: "checkbox" });
          const count = V.el("input", { id: id + "-n", type: "number", min: "1", max: row.count == null ? "" : String(row.count) });
          const n = typeof unmet === "number" ? unmet : Array.isArray(unmet) ? unmet.length : 0;
          box.checked = n === 0;
          count.value = n ? String(n) : "";
          count.disabled = box.checked;
          box.addEventListener("change", () => {
            count.disabled = box.checked;
            if (!box.checked && !count.value) count.value = "1";
            setUnmet(row.no, box.checked ? 0 : Number(count.value || 1));
          });
          count.addEventListener("input", () => setUnmet(row.no, Number(count.value || 0)));
          line.append(V.el("label", { class: "tick", for: id }, box, " " + V.t("met")),
            V.el("label", { class: "tick", for: id + "-n" }, V.t("unmet_count") + " ", count));
        }
        table.append(line);
      }
      Form.lock(table);
      showTally();
    };
    const key = reference + "|" + (new URLSearchParams(location.search).get("path") || "");
    if (Form.boards[key]) draw(Form.boards[key]);
    else {
      fetch("/api/criteria?set=" + encodeURIComponent(reference) + "&path=" + encodeURIComponent(new URLSearchParams(location.search).get("path") || ""))
        .then((r) => r.json()).then((body) => { if (body.board) { Form.boards[key] = body.board; draw(body.board); } });
    }
    return set;
  },

  // Choosing a name from the directory fills the person's titles, when the form has none.
  fromDirectory(holder, name) {
    const person = Form.directory.find((p) => p.name === name);
    if (!person || (holder.titles || []).length || !(person.titles || []).length) return;
    holder.titles = person.titles.slice();
    Form.rerender();
  },

  // A person's fieldset gets "Thêm vào danh bạ" when the name is not listed yet.
  directoryButton(set, node, person, pointer) {
    if (!node.properties || !node.properties.name || !node.properties.titles || !person) return;
    const listed = Form.directory.some((p) => p.name === person.name);
    const button = V.el("button", { type: "button", class: "to-directory" }, V.t(listed ? "in_directory" : "add_to_directory"));
    button.disabled = listed || !person.name;
    button.addEventListener("click", async () => {
      await V.post("/api/directory", { name: person.name, titles: person.titles || [] });
      await Form.loadDirectory();
      Form.rerender();
    });
    set.append(button);
  },

  // A list: each item with move up / move down / remove, and an add button; Enter in an
  // item's one-line field adds the next item.
  list(key, node, object, pointer, label) {
    const items = Array.isArray(object[key]) ? object[key] : [];
    const itemNode = Form.resolve(node.items || {});
    const itemType = Form.typeOf(itemNode);
    const set = V.el("fieldset", { class: "list", "data-pointer": pointer }, V.el("legend", {}, label));
    const ol = V.el("ol", {});
    items.forEach((item, i) => {
      const at = pointer + "/" + i;
      const li = V.el("li", { "data-pointer": at });
      if (itemType === "object") {
        const sub = V.el("fieldset", { "data-pointer": at }, V.el("legend", {}, label + " " + (i + 1)));
        sub.append(...Form.objectFields(itemNode, item, at));
        Form.directoryButton(sub, itemNode, item, at);
        li.append(sub);
      } else {
        li.append(Form.control(key, itemNode, itemType, label + " " + (i + 1), items, i, at));
        const input = li.querySelector("input");
        if (input) input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); Form.addItem(object, key, itemType, i + 1, pointer); } });
      }
      const n = String(i + 1);
      const up = V.el("button", { type: "button", "aria-label": V.t("up_item", { n }) }, "↑");
      const down = V.el("button", { type: "button", "aria-label": V.t("down_item", { n }) }, "↓");
      const remove = V.el("button", { type: "button", "aria-label": V.t("remove_item", { n }) }, "✕");
      up.disabled = i === 0;
      down.disabled = i === items.length - 1;
      up.addEventListener("click", () => Form.move(items, i, i - 1));
      down.addEventListener("click", () => Form.move(items, i, i + 1));
      remove.addEventListener("click", () => { items.splice(i, 1); Form.rerender(); Form.changed(); });
      li.append(V.el("span", { class: "item-buttons" }, up, down, remove));
      ol.append(li);
    });
    set.append(ol);
    const add = V.el("button", { type: "button", class: "add-item" }, V.t("add_item", { label: label.toLowerCase() }));
    add.addEventListener("click", () => Form.addItem(object, key, itemType, items.length, pointer));
    set.append(add);
    return set;
  },

  addItem(object, key, itemType, at, pointer) {
    if (!Array.isArray(object[key])) object[key] = [];
    object[key].splice(at, 0, itemType === "object" ? {} : "");
    Form.rerender();
    const first = document.querySelector(`[data-pointer="${pointer}/${at}"] input, [data-pointer="${pointer}/${at}"] textarea, [data-pointer="${pointer}/${at}"] select`);
    if (first) first.focus();
    Form.changed();
  },

  move(items, from, to) {
    const [item] = items.splice(from, 1);
    items.splice(to, 0, item);
    Form.rerender();
    Form.changed();
  },

  rerender() { Form.render(document.getElementById("form"), Form.value); Form.showNotes(Form.notes || []); },
};
