// Injected before the app's UI loads (Playwright's addInitScript): the part of Tauri v2's
// `window.__TAURI_INTERNALS__` that @tauri-apps/api's `invoke` and `listen` use, carried over HTTP
// to the test's IPC bridge (tests/src/ipc_bridge.rs) on the same origin. The UI's code is the
// app's, unchanged: a command posts to /ipc/<command>; a rejected one rejects with what the
// bridge answered (the shell's ErrorBody, or a message for a command it does not know).
// `window.__ipcPending` counts the commands under way, so a test knows when a screen has its data.
(() => {
  const WAITS = new Set(["kiosk_hand_off_wait", "assist_wait"]);
  const callbacks = new Map();
  let nextId = 1;
  const listeners = new Map(); // event id -> {event, handler}

  function transformCallback(callback, once = false) {
    const id = nextId++;
    callbacks.set(id, (payload) => {
      if (once) callbacks.delete(id);
      return callback && callback(payload);
    });
    return id;
  }

  function runCallback(id, payload) {
    const callback = callbacks.get(id);
    if (callback) callback(payload);
  }

  // The shell's events, as the bridge's long poll hands them out.
  let polling = false;
  async function pollEvents() {
    if (polling) return;
    polling = true;
    let after = null; // the first request hears only what is announced from now on
    for (;;) {
      try {
        const res = await fetch(after === null ? "/bridge/events" : `/bridge/events?after=${after}`);
        if (!res.ok) break;
        const { count, status } = await res.json();
        after = count;
        for (const [id, { event, handler }] of listeners) {
          if (event === "status-changed") runCallback(handler, { event, id, payload: status });
        }
      } catch {
        break; // the page is going away
      }
    }
    polling = false;
  }

  async function invoke(cmd, args = {}, options) {
    if (cmd === "plugin:event|listen") {
      const id = nextId++;
      listeners.set(id, { event: args.event, handler: args.handler });
      void pollEvents();
      return id;
    }
    if (cmd === "plugin:event|unlisten") {
      listeners.delete(args.eventId);
      return null;
    }
    // A wait for the resident's phone is the screen's steady state, not data still on its way.
    if (WAITS.has(cmd)) return post(cmd, args, options);
    window.__ipcPending = (window.__ipcPending || 0) + 1;
    try {
      return await post(cmd, args, options);
    } finally {
      window.__ipcPending -= 1;
    }
  }

  async function post(cmd, args, options) {
    const raw = args instanceof Uint8Array || args instanceof ArrayBuffer;
    const headers = { ...(options && options.headers) };
    if (!raw) headers["content-type"] = "application/json";
    const res = await fetch(`/ipc/${encodeURIComponent(cmd)}`, {
      method: "POST",
      headers,
      body: raw ? args : JSON.stringify(args),
    });
    const text = await res.text();
    if (res.ok) return text ? JSON.parse(text) : null;
    // Tauri rejects with the command's error value: the ErrorBody, or a string.
    let error = text;
    try {
      error = JSON.parse(text);
    } catch {
      // a plain message
    }
    throw error;
  }

  window.__TAURI_INTERNALS__ = {
    invoke,
    transformCallback,
    unregisterCallback: (id) => callbacks.delete(id),
    runCallback,
    callbacks,
    convertFileSrc: (path) => path,
    metadata: { currentWindow: { label: "main" }, currentWebview: { windowLabel: "main", label: "main" } },
  };
  window.__TAURI_EVENT_PLUGIN_INTERNALS__ = {
    unregisterListener: (_event, id) => listeners.delete(id),
  };
})();
