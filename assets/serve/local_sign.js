// Signing with the USB token on this computer, through Ban Cơ yếu's signing tool (the VGCA
// service, `wss://127.0.0.1:8987` unless `serve --signing-service` says otherwise). Its
// protocol has no public specification; what is used here is what public integration code
// shows: one JSON message per connection to `wss://…/<Operation>`, the answer is one text
// message, then the socket closes. `SignMsg` in hash mode is
// `{"HashAlg":"SHA256","HashValue":<base64>,"Encode":"RSA"}` → `{"Status":0,"Signature":
// <base64>,"CertBase64":<base64>}`; `GetCertInfo`'s request and answer are inferred: an
// empty object, and the certificate in `CertBase64` as `SignMsg` gives it. The PIN is typed
// into the tool's own window; it never reaches this page or vanban.
"use strict";
const LocalSign = {
  // One operation: its answer as an object, or a rejection `{ noService }` / `{ badReply }`.
  ask(service, operation, message) {
    return new Promise((resolve, reject) => {
      let socket;
      try {
        socket = new WebSocket(service + "/" + operation);
      } catch (e) {
        reject({ noService: true });
        return;
      }
      let answered = false;
      socket.onopen = () => socket.send(JSON.stringify(message));
      socket.onmessage = (event) => {
        answered = true;
        socket.close();
        try {
          const reply = JSON.parse(event.data);
          if (reply && typeof reply === "object") resolve(reply); else reject({ badReply: operation + ": JSON" });
        } catch (e) {
          reject({ badReply: operation + ": JSON" });
        }
      };
      socket.onerror = () => { if (!answered) reject({ noService: true }); };
      socket.onclose = () => { if (!answered) reject({ noService: true }); };
    });
  },

  // Whether a reply says it went through (`Status` 0); a refusal `{ cancelled }` otherwise.
  checked(reply) {
    if (reply.Status !== undefined && Number(reply.Status) !== 0) throw { cancelled: reply.Status };
    return reply;
  },

  // Signs `request` ({path, as, signer}); says each step with `say(text, done)`; the signed
  // copy's name, or null when it did not go through (said).
  async sign(service, request, say) {
    try {
      say(V.t("sign_local_certificate"));
      const info = LocalSign.checked(await LocalSign.ask(service, "GetCertInfo", {}));
      if (typeof info.CertBase64 !== "string" || !info.CertBase64) throw { badReply: "GetCertInfo: CertBase64" };
      let response = await V.post("/api/sign/prepare", { ...request, certificate: info.CertBase64 });
      const prepared = await response.json();
      if (!response.ok) { say(prepared.error); return null; }
      say(V.t("sign_local_signing"));
      const signed = LocalSign.checked(await LocalSign.ask(service, "SignMsg",
        { HashAlg: "SHA256", HashValue: prepared.digest, Encode: "RSA" }));
      if (typeof signed.Signature !== "string" || !signed.Signature) throw { badReply: "SignMsg: Signature" };
      response = await V.post("/api/sign/finish",
        { id: prepared.id, signature: signed.Signature, certificate: signed.CertBase64 || undefined });
      const finished = await response.json();
      if (!response.ok) { say(finished.error); return null; }
      return finished.file;
    } catch (e) {
      if (e && e.noService) say(V.t("sign_local_no_service", { url: service }));
      else if (e && e.cancelled !== undefined) say(V.t("sign_local_cancelled", { status: e.cancelled }));
      else if (e && e.badReply) say(V.t("sign_local_bad_reply", { what: e.badReply }));
      else say(String(e));
      return null;
    }
  },
};
