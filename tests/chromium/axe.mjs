// Every screen of the app in Debian's Chromium, checked for accessibility. The UI is the app's
// built UI served by the IPC bridge (tests/src/ipc_bridge.rs) over a real core and server; the
// bridge's tauri-bridge.js stands in for the Tauri runtime. For each route in ROUTES, at phone
// (390×844) and desktop (1280×800) sizes, signed in (with the content the Rust test made) and
// signed out, and at phone size with large text on:
//   - axe-core (WCAG 2 A and AA rules): every violation is reported, serious and critical ones
//     fail the test;
//   - keyboard: Tab from the top of the page reaches every visible control, and each one shows a
//     focus indicator (its outline, shadow, border or background differs from before it had focus,
//     or its label's does for a visually hidden input);
//   - images: every <img> has an alt attribute and every <svg> is hidden from assistive
//     technology or is role="img" with a name.
// On the way the resident turns large text on with the switch (it must survive a reload), signs
// out and signs in again through the UI.
// Input: one JSON argument {url, procedureId, resident, screens}; `screens`, when set, is a
// directory for phone-size screenshots of the routes marked `screenshot`. Output: one JSON line
// (also written, indented, to the file named by AXE_RESULT when set, to read every violation).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { chromium } from "playwright-core";

const input = JSON.parse(process.argv[2]);
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const bridgeSource = readFileSync(new URL("./tauri-bridge.js", import.meta.url), "utf8");
const timeout = 20_000;

const SIGNED_IN = "signed-in";
const SIGNED_OUT = "signed-out";
const LARGE_TEXT = "large-text";
// A kiosk (the bridge's core opened with an idle timeout): signed out, the account screen is the
// QR hand-off. Run when the input says `kiosk`, and only then.
const KIOSK = "kiosk";
const signInNeeded = "[data-testid=sign-in-needed]";

// Every screen of the app (ui/src/lib/routes.ts). To add one, add a line: `hash` builds its URL
// from the input (ids of what the Rust test created); `ready` is what shows once its data is
// there, per state or for both; `states` limits it to some states (default: both);
// `screenshot` puts it in docs/screens; `largeText` checks it again with large text on.
export const ROUTES = [
  { name: "home", hash: () => "#/", ready: "[data-testid=nav-catalog]", screenshot: true, largeText: true },
  { name: "catalog", hash: () => "#/catalog", ready: "[data-testid=catalog-result]", screenshot: true, largeText: true },
  {
    name: "procedure",
    hash: (i) => `#/procedure/${encodeURIComponent(i.procedureId)}`,
    ready: "[data-testid=procedure-title]",
    screenshot: true,
  },
  {
    name: "apply",
    hash: (i) => `#/apply/${encodeURIComponent(i.procedureId)}`,
    ready: { [SIGNED_IN]: "[data-testid=dossier-submit]", [SIGNED_OUT]: signInNeeded },
    screenshot: true,
    largeText: true,
  },
  {
    name: "dossiers",
    hash: () => "#/dossiers",
    ready: { [SIGNED_IN]: "[data-testid=dossier]", [SIGNED_OUT]: signInNeeded },
    screenshot: true,
    largeText: true,
  },
  {
    name: "payments",
    hash: () => "#/payments",
    ready: { [SIGNED_IN]: "[data-testid=payment-dossier]", [SIGNED_OUT]: signInNeeded },
    screenshot: true,
  },
  {
    name: "notifications",
    hash: () => "#/notifications",
    ready: { [SIGNED_IN]: "[data-testid=notification]", [SIGNED_OUT]: signInNeeded },
    screenshot: true,
  },
  {
    name: "reports",
    hash: () => "#/reports",
    ready: { [SIGNED_IN]: "[data-testid=report]", [SIGNED_OUT]: signInNeeded },
    screenshot: true,
  },
  {
    name: "report-new",
    hash: () => "#/reports/new",
    ready: { [SIGNED_IN]: "[data-testid=report-category]", [SIGNED_OUT]: signInNeeded },
    screenshot: true,
  },
  {
    name: "public-reports",
    hash: () => "#/reports/public",
    ready: "[data-testid=public-feed-item], [data-testid=public-feed-empty]",
    screenshot: true,
  },
  {
    name: "assist",
    hash: () => "#/assist",
    ready: { [SIGNED_IN]: "[data-testid=assist-start]", [SIGNED_OUT]: signInNeeded },
  },
  {
    name: "audit",
    hash: () => "#/audit",
    ready: { [SIGNED_IN]: "[data-testid=audit-log-item], [data-testid=audit-empty]", [SIGNED_OUT]: signInNeeded },
  },
  { name: "kiosk-sign-in", hash: () => "#/profile", ready: "[data-testid=kiosk-qr]", states: [KIOSK] },
  {
    name: "profile",
    hash: () => "#/profile",
    ready: { [SIGNED_IN]: "[data-testid=profile-name]", [SIGNED_OUT]: "[data-testid=sign-in]" },
    screenshot: true,
    largeText: true,
  },
];

/** The kiosk's pass is over: not an error. */
class Done extends Error {}

const SIZES = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const runs = [];
const consoleErrors = [];
const result = { routes: [], runs, largeText: {}, signedInAgain: false, consoleErrors };
try {
  const context = await browser.newContext({ locale: "vi-VN", viewport: SIZES.phone, reducedMotion: "reduce" });
  await context.addInitScript({ content: bridgeSource });
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));

  /** Opens a route afresh and waits until its data is on screen and no command is under way. */
  async function open(route, state) {
    // A fresh load each time (from one hash to another would only be a hash change), so that
    // every screen is checked as it first appears, whatever was open before.
    await page.goto("about:blank");
    await page.goto(`${input.url}/${route.hash(input)}`);
    const ready = typeof route.ready === "string" ? route.ready : route.ready[state === LARGE_TEXT ? SIGNED_IN : state];
    if (ready) await page.locator(ready).first().waitFor();
    // Settled: no command under way, nothing busy, every image loaded, for ten frames in a row
    // (a status that arrives can start another search).
    await page.waitForFunction(() => {
      const idle =
        window.__ipcPending === 0 &&
        !document.querySelector('[aria-busy="true"]') &&
        [...document.images].every((i) => i.complete);
      window.__a11yIdleFrames = idle ? (window.__a11yIdleFrames ?? 0) + 1 : 0;
      return window.__a11yIdleFrames >= 10;
    });
  }

  async function check(route, size, state) {
    await page.setViewportSize(SIZES[size]);
    await open(route, state);
    if (input.screens && route.screenshot && size === "phone" && state === SIGNED_IN) {
      mkdirSync(input.screens, { recursive: true });
      await page.screenshot({ path: join(input.screens, `${route.name}.png`) });
    }
    const axe = await runAxe();
    const keyboard = await keyboardReach();
    const images = await page.evaluate(imagesWithoutText);
    const run = {
      route: route.name,
      size,
      state,
      violations: axe.map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`),
      serious: axe
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary}`) })),
      tabStops: keyboard.stops,
      keyboard: keyboard.problems,
      images,
    };
    runs.push(run);
    process.stderr.write(
      `${route.name} ${size} ${state}: axe ${run.violations.join(", ") || "none"}; ` +
        `tab stops ${run.tabStops}; keyboard problems ${run.keyboard.length}; images ${images.length}\n`,
    );
  }

  async function runAxe() {
    if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axeSource });
    return page.evaluate(async () => {
      const r = await window.axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        resultTypes: ["violations"],
      });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      }));
    });
  }

  /** Tabs through the page from the top; what was not reached, or reached without a visible focus. */
  async function keyboardReach() {
    const expected = await page.evaluate(() => {
      const selector =
        'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex], [contenteditable="true"], iframe';
      const visible = (el) => {
        const s = getComputedStyle(el);
        return el.getClientRects().length > 0 && s.visibility !== "hidden" && !el.closest("[inert]");
      };
      const looks = (el) => {
        const s = getComputedStyle(el);
        return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.borderColor, s.backgroundColor, s.textDecorationLine].join("|");
      };
      document.activeElement?.blur?.();
      const found = [];
      let n = 0;
      const seenGroups = new Set();
      for (const el of document.querySelectorAll(selector)) {
        if (el.tabIndex < 0 || el.disabled || !visible(el)) continue;
        if (el.type === "radio" && el.name) {
          // A radio group is one tab stop.
          const group = `${el.form?.id ?? ""}/${el.name}`;
          if (seenGroups.has(group)) continue;
          seenGroups.add(group);
          el.dataset.a11yGroup = group;
        }
        el.dataset.a11yId = String(++n);
        // How the element and its two nearest ancestors look without focus.
        el.dataset.a11yLooks = JSON.stringify([el, el.parentElement, el.parentElement?.parentElement].map((e) => (e ? looks(e) : "")));
        found.push({ id: String(n), what: describe(el) });
      }
      function describe(el) {
        const name = el.getAttribute("aria-label") || el.textContent?.trim().slice(0, 40) || el.getAttribute("name") || "";
        return `${el.tagName.toLowerCase()}${el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : ""} "${name}"`;
      }
      return found;
    });
    // Start before the first element of the page, as after loading it.
    await page.evaluate(() => {
      const start = document.createElement("div");
      start.id = "a11y-start";
      start.tabIndex = -1;
      document.body.prepend(start);
      start.focus();
      window.scrollTo(0, 0);
    });
    const reached = new Map();
    const problems = [];
    let stops = 0;
    let outside = 0;
    let last = null;
    for (let i = 0; i < 3 * expected.length + 10; i++) {
      await page.keyboard.press("Tab");
      const focus = await page.evaluate(() => {
        document.getElementById("a11y-start")?.remove();
        let el = document.activeElement;
        if (!el || el === document.body) return null;
        if (el.type === "radio" && el.name) {
          const group = `${el.form?.id ?? ""}/${el.name}`;
          el = [...document.querySelectorAll("[data-a11y-group]")].find((r) => r.dataset.a11yGroup === group) ?? el;
        }
        const looks = (e) => {
          const s = getComputedStyle(e);
          return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.borderColor, s.backgroundColor, s.textDecorationLine].join("|");
        };
        const target = document.activeElement;
        const before = JSON.parse(el.dataset.a11yLooks ?? "[]");
        const now = [target, target.parentElement, target.parentElement?.parentElement].map((e) => (e ? looks(e) : ""));
        const rect = target.getBoundingClientRect();
        const tiny = rect.width < 4 || rect.height < 4;
        const s = getComputedStyle(target);
        const outlined = !tiny && s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
        const changed = (k) => before[k] !== undefined && before[k] !== now[k];
        // The element's own outline or look, or its container's (:focus-within, a label around
        // a visually hidden input).
        const indicator = outlined || (!tiny && changed(0)) || changed(1) || changed(2);
        return {
          id: el.dataset.a11yId ?? null,
          what: `${target.tagName.toLowerCase()}${target.dataset.testid ? `[data-testid=${target.dataset.testid}]` : ""}`,
          indicator,
        };
      });
      if (!focus) {
        // Past the end of the page (the browser's own UI); the next Tab starts at the top.
        if (++outside > 2) break;
        continue;
      }
      outside = 0;
      // A date input's day, month and year are stops of one element.
      if (focus.id && focus.id === last) continue;
      if (focus.id && reached.has(focus.id)) break; // round again
      last = focus.id;
      stops++;
      if (focus.id) reached.set(focus.id, focus);
      if (!focus.indicator) problems.push(`no visible focus indicator on ${focus.what}`);
    }
    for (const e of expected) if (!reached.has(e.id)) problems.push(`not reached by Tab: ${e.what}`);
    return { stops, problems };
  }

  function imagesWithoutText() {
    const problems = [];
    for (const img of document.querySelectorAll("img")) {
      if (!img.hasAttribute("alt")) problems.push(`img without alt: ${img.outerHTML.slice(0, 120)}`);
    }
    for (const svg of document.querySelectorAll("svg")) {
      if (svg.closest('[aria-hidden="true"]')) continue;
      const named = svg.getAttribute("role") === "img" && (svg.getAttribute("aria-label") || svg.getAttribute("aria-labelledby") || svg.querySelector("title"));
      if (!named) problems.push(`svg neither hidden nor named: ${svg.outerHTML.slice(0, 120)}`);
    }
    return problems;
  }

  async function everyRoute(state) {
    for (const size of Object.keys(SIZES)) {
      for (const route of ROUTES) {
        if ((route.states ?? [SIGNED_IN, SIGNED_OUT]).includes(state)) await check(route, size, state);
      }
    }
  }

  result.routes = ROUTES.map((r) => ({ name: r.name, states: r.states ?? [SIGNED_IN, SIGNED_OUT] }));

  if (input.kiosk) {
    await everyRoute(KIOSK);
    throw new Done();
  }

  // 1. Signed in, with a dossier, its invoice, a report and notifications.
  await everyRoute(SIGNED_IN);

  // 2. Large text: the switch on the status bar, remembered across a reload.
  await page.setViewportSize(SIZES.phone);
  await open(ROUTES[0], SIGNED_IN);
  const rootSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  // The root size once the switch's change has rendered. With reduced motion (this context asks
  // for it) app.css gives every element a 0.01 ms transition, so in the instant after the class
  // changes the computed size is still the old one, and only the next frames show the new.
  // Waits up to 5 s for the class to match `wanted`, then two frames, then reads the size, so a
  // switch that never changes the size still fails below.
  const settledRootSize = async (wanted) => {
    await page
      .waitForFunction((large) => document.documentElement.classList.contains("text-large") === large, wanted, {
        timeout: 5000,
      })
      .catch(() => {
        result.largeText.unsettled = (result.largeText.unsettled ?? 0) + 1;
      });
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
    );
    return rootSize();
  };
  const switch_ = page.locator("[data-testid=text-size-switch]");
  result.largeText.normal = await rootSize();
  result.largeText.pressedBefore = await switch_.getAttribute("aria-pressed");
  await switch_.click();
  await page.locator('[data-testid=text-size-switch][aria-pressed="true"]').waitFor();
  result.largeText.large = await settledRootSize(true);
  await page.reload();
  await page.locator("[data-testid=text-size-switch]").waitFor();
  result.largeText.afterReload = await settledRootSize(true);
  result.largeText.pressedAfter = await switch_.getAttribute("aria-pressed");
  result.largeText.remembered =
    result.largeText.large >= result.largeText.normal * 1.3 &&
    result.largeText.afterReload === result.largeText.large &&
    result.largeText.pressedBefore === "false" &&
    result.largeText.pressedAfter === "true";
  for (const route of ROUTES.filter((r) => r.largeText)) await check(route, "phone", LARGE_TEXT);
  await page.setViewportSize(SIZES.phone);
  await open(ROUTES[0], SIGNED_IN);
  await switch_.click();
  await page.locator('[data-testid=text-size-switch][aria-pressed="false"]').waitFor();
  result.largeText.offAgain = await settledRootSize(false);

  // 3. Signed out through the profile screen, then every route again.
  const profile = ROUTES.find((r) => r.name === "profile");
  await open(profile, SIGNED_IN);
  await page.click("[data-testid=sign-out]");
  await page.locator("[data-testid=sign-in]").waitFor();
  await everyRoute(SIGNED_OUT);

  // 4. Signed in again through the UI: the bridge's browser plays the sandbox e-ID.
  await open(profile, SIGNED_OUT);
  await page.click("[data-testid=sign-in]");
  await page.locator("[data-testid=profile-name]").waitFor();
  result.signedInAgain = (await page.locator("[data-testid=account]").textContent()).trim() === input.resident;
} catch (e) {
  if (!(e instanceof Done)) {
    // What was checked so far still goes out, with where it stopped.
    result.error = String(e.stack ?? e);
    process.exitCode = 1;
  }
} finally {
  await browser.close();
}
if (process.env.AXE_RESULT) writeFileSync(process.env.AXE_RESULT, JSON.stringify(result, null, 2));
console.log(JSON.stringify(result));
