// Plays a resident in Debian's Chromium on the server's real sign-in pages, with a CDP virtual
// authenticator (WebAuthn.addVirtualAuthenticator) as the device's platform authenticator:
//   1. signs in with the sandbox e-ID and creates a passkey on the offer page;
//   2. signs in again with the passkey alone;
//   3. presents a passkey the server never registered, and reads what the page says.
// Input: one JSON argument {first, second, third, appRedirect, resident}; the three are
// /oauth/authorize URLs. Output: one JSON line with where each sign-in ended and what was seen.
// The app's loopback redirect is answered here, as the app's listener would.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { chromium } from "playwright-core";

const input = JSON.parse(process.argv[2]);
const timeout = 20_000;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
try {
  const context = await browser.newContext({ locale: "vi-VN" });
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  const console_ = [];
  page.on("console", (m) => console_.push(`${m.type()}: ${m.text()}`));

  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });

  let arrived = null;
  await page.route(`${input.appRedirect}**`, (route) => {
    arrived = route.request().url();
    route.fulfill({
      status: 200,
      contentType: "text/html; charset=utf-8",
      body: '<!doctype html><meta charset="utf-8"><title>app</title>',
    });
  });
  const paths = [];
  page.on("request", (r) => paths.push(new URL(r.url()).pathname));
  async function backAtApp() {
    await page.waitForURL((u) => u.href.startsWith(input.appRedirect));
    const url = arrived;
    arrived = null;
    return url;
  }

  // 1. The e-ID, then a passkey on the offer page.
  await page.goto(input.first);
  await page.click("[data-testid=sign-in-eid]");
  await page.click(`[data-testid=sandbox-resident-${input.resident}]`);
  await page.waitForSelector("[data-testid=passkey-create]:visible");
  const offerTitle = await page.title();
  // The inline stylesheet applies under the page's CSP (32rem at 16px is 512px).
  const styledWidth = await page.evaluate(() => getComputedStyle(document.body).maxWidth);
  await page.click("[data-testid=passkey-create]");
  const registered = await backAtApp();
  const stored = (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials;

  // 2. The passkey alone: no e-ID on the way.
  paths.length = 0;
  await page.goto(input.second);
  await page.click("[data-testid=sign-in-passkey]");
  const passkeySignIn = await backAtApp();
  const eidVisited = paths.some((p) => p.startsWith("/oauth/eid") || p.startsWith("/sandbox/eid"));

  // 3. A passkey for this site that the server never registered (another database, a deleted
  // account): the page must say so in the resident's language and let them retry.
  await cdp.send("WebAuthn.clearCredentials", { authenticatorId });
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  await cdp.send("WebAuthn.addCredential", {
    authenticatorId,
    credential: {
      credentialId: randomBytes(16).toString("base64"),
      isResidentCredential: true,
      rpId: new URL(input.third).hostname,
      privateKey: privateKey.export({ format: "der", type: "pkcs8" }).toString("base64"),
      userHandle: randomBytes(16).toString("base64"),
      signCount: 0,
    },
  });
  await page.goto(input.third);
  await page.click("[data-testid=sign-in-passkey]");
  const message = page.locator("[data-testid=passkey-message]");
  await message.waitFor({ state: "visible" });
  const unknownMessage = await message.textContent();
  const retryEnabled = await page.locator("[data-testid=sign-in-passkey]").isEnabled();

  console.log(
    JSON.stringify({
      registered,
      passkeySignIn,
      eidVisited,
      storedCredentials: stored.length,
      residentCredential: stored.every((c) => c.isResidentCredential),
      offerTitle,
      styledWidth,
      unknownMessage,
      retryEnabled,
      console: console_,
    }),
  );
} finally {
  await browser.close();
}
