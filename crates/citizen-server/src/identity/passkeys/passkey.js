// The WebAuthn ceremony a sign-in page asks for (data-mode "register" or "sign-in"), run in the
// resident's own browser. The server sends webauthn-rs JSON (binary fields in base64url) and takes
// back the credential in the WebAuthn Level 3 JSON form; this script only converts between the two
// and the browser's ArrayBuffers, so it works on browsers without parseCreationOptionsFromJSON.
(function () {
  "use strict";
  var box = document.querySelector("[data-passkey]");
  if (!box) return;
  var button = box.querySelector("[data-passkey-start]");
  var status = box.querySelector("[role=status]");
  var alert = box.querySelector("[role=alert]");
  var data = box.dataset;

  function show(message) {
    status.textContent = "";
    alert.textContent = message;
    alert.hidden = false;
  }

  // A passkey is bound to the server's public origin; on any other origin (or without WebAuthn)
  // the button would only fail, so it stays hidden.
  var supported =
    window.PublicKeyCredential && navigator.credentials && location.origin === data.origin;
  if (!supported) {
    if (data.mode === "register") show(data.msgUnsupported);
    return;
  }
  button.hidden = false;

  function fromB64u(s) {
    s = s.replace(/-/g, "+").replace(/_/g, "/");
    while (s.length % 4) s += "=";
    return Uint8Array.from(atob(s), function (c) { return c.charCodeAt(0); }).buffer;
  }
  function toB64u(buffer) {
    var s = "";
    new Uint8Array(buffer).forEach(function (b) { s += String.fromCharCode(b); });
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function ids(list) {
    (list || []).forEach(function (c) { c.id = fromB64u(c.id); });
  }

  // A refusal from the server carries a message already in the resident's language.
  function Refused(message) { this.message = message; }

  async function post(url, body) {
    var response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body || {}),
      credentials: "same-origin",
    });
    var json = null;
    try { json = await response.json(); } catch (_) { /* not JSON: a proxy's error page */ }
    if (!response.ok) throw new Refused((json && json.message) || data.msgFailed);
    return json;
  }

  // The credential in WebAuthn Level 3 JSON, with `response` holding the named binary fields.
  function asJSON(credential, fields, extra) {
    var response = Object.assign({}, extra);
    fields.forEach(function (f) { response[f] = toB64u(credential.response[f]); });
    return {
      id: credential.id,
      rawId: toB64u(credential.rawId),
      type: credential.type,
      response: response,
      clientExtensionResults: credential.getClientExtensionResults(),
    };
  }

  async function register() {
    var options = (await post(data.options)).publicKey;
    options.challenge = fromB64u(options.challenge);
    options.user.id = fromB64u(options.user.id);
    ids(options.excludeCredentials);
    var credential = await navigator.credentials.create({ publicKey: options });
    var r = credential.response;
    return asJSON(credential, ["attestationObject", "clientDataJSON"], {
      transports: r.getTransports ? r.getTransports() : undefined,
    });
  }

  async function signIn() {
    var options = (await post(data.options)).publicKey;
    options.challenge = fromB64u(options.challenge);
    ids(options.allowCredentials);
    var credential = await navigator.credentials.get({ publicKey: options });
    var handle = credential.response.userHandle;
    return asJSON(credential, ["authenticatorData", "clientDataJSON", "signature"], {
      userHandle: handle ? toB64u(handle) : null,
    });
  }

  button.addEventListener("click", async function () {
    button.disabled = true;
    alert.hidden = true;
    status.textContent = data.msgWorking;
    try {
      var credential = data.mode === "register" ? await register() : await signIn();
      var finished = await post(data.finish, credential);
      location.assign(finished.redirect);
    } catch (e) {
      // NotAllowedError: the resident cancelled, or the device timed out.
      if (e instanceof Refused) show(e.message);
      else if (e && e.name === "NotAllowedError") show(data.msgCancelled);
      else show(data.msgFailed);
      button.disabled = false;
    }
  });
})();
