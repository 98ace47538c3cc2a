// An issued document's page: the archive entry's PDFs, what verification says of each, and
// signing: with the USB token on this computer through its signing tool (local_sign.js), or
// with the token plugged into the machine that runs vanban, or through the remote signing
// service, the signer approving on their phone (remote_sign.js); a PIN is sent once, over
// loopback or HTTPS, and its field is cleared.
"use strict";
const entry = new URLSearchParams(location.search).get("entry") || "";
const message = document.getElementById("message");
let service = null;

function say(text, done) {
  message.textContent = text;
  message.classList.toggle("done", !!done);
}

async function verify(file) {
  const section = document.getElementById("verified");
  const response = await fetch("/api/verify?entry=" + encodeURIComponent(entry) + "&file=" + encodeURIComponent(file));
  const body = await response.json();
  section.hidden = false;
  document.getElementById("verified-title").textContent = V.t("verify_title", { file });
  document.getElementById("verified-lines").textContent = response.ok ? body.lines.join("\n\n") : body.error;
}

async function load() {
  await V.init();
  document.getElementById("entry").textContent = entry;
  const response = await fetch("/api/issued?entry=" + encodeURIComponent(entry));
  const body = await response.json();
  if (!response.ok) { say(body.error); return; }
  const rows = document.querySelector("#issued tbody");
  const files = document.getElementById("sign-file");
  rows.replaceChildren();
  files.replaceChildren();
  for (const f of body.files) {
    const href = "/archive/" + encodeURIComponent(entry) + "/" + encodeURIComponent(f.file);
    const check = V.el("button", { type: "button", class: "verify" }, V.t("verify_button"));
    check.addEventListener("click", () => verify(f.file));
    rows.append(V.el("tr", {},
      V.el("td", {}, V.el("a", { href, target: "_blank" }, f.file)),
      V.el("td", {}, V.t(f.signed ? "issued_signed" : "issued_unsigned")),
      V.el("td", {}, f.signed ? check : "")));
    // Once signed, a document is signed again on its copy, which keeps every signature.
    const copy = f.file.replace(/\.pdf$/, "-da-ky.pdf");
    if (f.signed || !body.files.some((g) => g.file === copy)) files.append(V.el("option", { value: f.file }, f.file));
  }
  // Sign the signed copy when there is one: signatures add up on it.
  const signed = body.files.find((f) => f.signed);
  if (signed) files.value = signed.file;
  const as = document.getElementById("sign-as");
  as.replaceChildren(...body.as.map((a) => V.el("option", { value: a }, V.t("sign_as_" + a))));
  service = body.local;
  const any = body.signing || !!service || body.remote;
  document.getElementById("sign").hidden = !any || body.as.length === 0;
  document.getElementById("sign-server").hidden = !body.signing;
  document.getElementById("sign-local").hidden = !service;
  document.getElementById("sign-remote").hidden = !body.remote;
  const hint = document.getElementById("sign-local-hint");
  hint.hidden = !service;
  if (service) hint.textContent = V.t("sign_local_hint", { url: service });
  titled();
  if (any && body.as.length === 0) say(V.t("sign_not_yours"));
}

// "Ký số" for the lãnh đạo, "Đóng dấu" for the văn thư.
function titled() {
  const as = document.getElementById("sign-as").value;
  if (as) document.getElementById("sign-title").textContent = V.t("sign_title_" + as);
}
document.getElementById("sign-as").addEventListener("change", titled);

// Signed (by either route): the list again, what was done, and what verification says.
async function signed(file) {
  await load();
  say(V.t("sign_done", { file }), true);
  await verify(file);
}

document.getElementById("sign-local").addEventListener("click", async () => {
  const button = document.getElementById("sign-local");
  const request = {
    path: entry + "/" + document.getElementById("sign-file").value,
    as: document.getElementById("sign-as").value,
    signer: document.getElementById("sign-place").value,
  };
  button.disabled = true;
  try {
    const file = await LocalSign.sign(service, request, say);
    if (file) await signed(file);
  } finally {
    button.disabled = false;
  }
});

document.getElementById("sign-remote-go").addEventListener("click", async () => {
  const pin = document.getElementById("sign-remote-pin");
  const request = {
    path: entry + "/" + document.getElementById("sign-file").value,
    as: document.getElementById("sign-as").value,
    signer: document.getElementById("sign-place").value,
    pin: pin.value,
    confirm: !!(document.getElementById("sign-confirm") || {}).checked,
  };
  pin.value = "";
  const file = await RemoteSign.sign(request, say);
  if (file) await signed(file);
});

document.getElementById("sign").addEventListener("submit", async (event) => {
  event.preventDefault();
  const pin = document.getElementById("sign-pin");
  const file = document.getElementById("sign-file").value;
  const request = {
    path: entry + "/" + file,
    as: document.getElementById("sign-as").value,
    signer: document.getElementById("sign-place").value,
    pin: pin.value,
    // After a wrong PIN the next try is the person's own decision (the token locks itself).
    confirm: !!(document.getElementById("sign-confirm") || {}).checked,
  };
  // The PIN leaves the page once: the field is emptied before the answer comes.
  pin.value = "";
  say(V.t("sign_working"));
  const response = await V.post("/api/sign", request);
  const body = await response.json();
  if (response.status === 409 && !document.getElementById("sign-confirm")) {
    // The last PIN was wrong: a box to tick before the token is tried again.
    const box = V.el("input", { type: "checkbox", id: "sign-confirm" });
    document.getElementById("sign").append(V.el("label", { class: "confirm" }, box, " ", V.t("sign_confirm")));
  }
  if (!response.ok) { say(body.error); return; }
  const ticked = document.getElementById("sign-confirm");
  if (ticked) ticked.closest("label").remove();
  await signed(body.file);
});

load();
