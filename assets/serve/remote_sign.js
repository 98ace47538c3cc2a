// Signing through the remote signing service (`serve --csc`, CSC API v2): the PIN/OTP goes
// once to `POST /api/sign/remote`, which answers a job id as soon as the service accepted
// it; the signer then approves on their phone, and the page asks `GET /api/sign/remote?id=`
// every two seconds until the signed copy is filed, it failed, or the person cancels
// (`POST /api/sign/remote/cancel`: nothing is filed, even if the phone approves later).
"use strict";
const RemoteSign = {
  // Signs as `request` says; the signed copy's name, or null (what happened is said).
  async sign(request, say) {
    const go = document.getElementById("sign-remote-go");
    const cancel = document.getElementById("sign-remote-cancel");
    go.disabled = true;
    try {
      say(V.t("sign_working"));
      const response = await V.post("/api/sign/remote", request);
      const body = await response.json();
      if (response.status === 409 && body.error === V.t("err_pin_confirm")) RemoteSign.confirmBox();
      if (!response.ok) { say(body.error); return null; }
      const ticked = document.getElementById("sign-confirm");
      if (ticked) ticked.closest("label").remove();
      say(V.t("sign_remote_waiting"));
      let stop = false;
      cancel.hidden = false;
      cancel.onclick = async () => {
        stop = true;
        await V.post("/api/sign/remote/cancel", { id: body.id });
      };
      for (;;) {
        await new Promise((r) => setTimeout(r, 2000));
        const now = await (await fetch("/api/sign/remote?id=" + encodeURIComponent(body.id))).json();
        if (now.state === "done") return now.file;
        if (now.state === "failed") { say(now.error); return null; }
        if (now.state === "cancelled" || stop) { say(V.t("sign_remote_cancelled")); return null; }
      }
    } finally {
      go.disabled = false;
      cancel.hidden = true;
    }
  },
  // After a wrong PIN: the box to tick before the service is asked again.
  confirmBox() {
    if (document.getElementById("sign-confirm")) return;
    const box = V.el("input", { type: "checkbox", id: "sign-confirm" });
    document.getElementById("sign-remote").append(V.el("label", { class: "confirm" }, box, " ", V.t("sign_remote_confirm")));
  },
};
