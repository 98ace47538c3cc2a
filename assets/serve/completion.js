// Completion of keys from the record schema (/api/schema, generated from the parser's own
// types): the keys allowed where the cursor is, found from the indentation above it.
"use strict";
const Completion = {
  schema: null,
  async attach(cm) {
    Completion.schema = await (await fetch("/api/schema")).json();
    cm.setOption("hintOptions", { hint: Completion.hint, completeSingle: false });
    cm.on("inputRead", (c, change) => {
      if (change.origin !== "+input" || !/^[a-z_]$/.test(change.text[0])) return;
      const line = c.getLine(change.from.line).slice(0, change.to.ch + 1);
      if (/^\s*(- )?[a-z_]+$/.test(line)) c.showHint();
    });
  },
  deref(s) {
    let guard = 0;
    while (s && s.$ref && guard++ < 20) s = Completion.schema.$defs[s.$ref.split("/").pop()];
    return s;
  },
  // The object schema inside s: through references, optional wrappers and arrays.
  object(s) {
    for (let i = 0; i < 10 && s; i++) {
      s = Completion.deref(s);
      if (!s) return null;
      if (s.properties) return s;
      if (s.items) { s = s.items; continue; }
      const branches = s.anyOf || s.oneOf;
      if (!branches) return null;
      s = branches.map(Completion.deref).find((b) => b && (b.properties || b.items || b.$ref)) || null;
    }
    return null;
  },
  // Keys of the mappings enclosing line `at`, outermost first.
  parents(cm, at, indent) {
    const path = [];
    for (let l = at - 1; l >= 0 && indent > 0; l--) {
      const m = /^(\s*)(- )?([A-Za-z_]+):/.exec(cm.getLine(l));
      if (!m) continue;
      const ownIndent = m[1].length + (m[2] ? 2 : 0);
      if (ownIndent < indent) { path.unshift(m[3]); indent = m[2] ? m[1].length : ownIndent; }
    }
    return path;
  },
  keysAt(cm, line, indent) {
    const kind = /^kind:\s*(\w+)/m.exec(cm.getValue());
    const root = kind && kind[1] === "assessment" ? "Assessment" : "WorkingSession";
    let s = Completion.object({ $ref: "#/$defs/" + root });
    for (const key of Completion.parents(cm, line, indent)) {
      s = s && s.properties ? Completion.object(s.properties[key]) : null;
    }
    return s && s.properties ? Object.keys(s.properties) : [];
  },
  hint(cm) {
    const cursor = cm.getCursor();
    const text = cm.getLine(cursor.line).slice(0, cursor.ch);
    const m = /^(\s*)(- )?([A-Za-z_]*)$/.exec(text);
    if (!m) return null;
    const indent = m[1].length + (m[2] ? 2 : 0);
    const keys = Completion.keysAt(cm, cursor.line, indent).filter((k) => k.startsWith(m[3]));
    return {
      list: keys.map((k) => ({ text: k + ": ", displayText: k })),
      from: CodeMirror.Pos(cursor.line, cursor.ch - m[3].length),
      to: CodeMirror.Pos(cursor.line, cursor.ch),
    };
  },
};
