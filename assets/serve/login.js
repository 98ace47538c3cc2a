// The login page: name and password to `/api/login`; the session cookie it sets is HttpOnly.
"use strict";
V.init().then(() => {
  document.getElementById("login").addEventListener("submit", async (event) => {
    event.preventDefault();
    const response = await V.post("/api/login", {
      name: document.getElementById("name").value.trim(),
      password: document.getElementById("password").value,
    });
    const body = await response.json();
    if (response.ok) location.href = "/";
    else document.getElementById("message").textContent = body.error;
  });
});
