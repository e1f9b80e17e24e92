// What every browser test of the playground shares: a `gavel serve` of its own on a free
// loopback port (the address read from its first stdout line), headless Chromium driven by
// playwright-core, and the steps a user takes on the page.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";

export const WAIT_MS = 30000;  // how long an element may take to appear; not a timed assertion

export function fail(message) {
  throw new Error(message);
}

export function check(condition, message) {
  if (!condition) fail(message);
}

// Starts `gavel serve POLICY --listen 127.0.0.1:0`; resolves with its address and a stop().
export function serve(gavel, policy, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(gavel, ["serve", policy, "--listen", "127.0.0.1:0"], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => { stderr += chunk; });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`gavel serve exited ${code} before listening:\n${stderr}`)));
    createInterface({ input: child.stdout }).once("line", (line) => {
      child.removeAllListeners("exit");
      const stop = () => new Promise((done) => {
        if (child.exitCode !== null) return done(child.exitCode);
        child.once("exit", (code) => done(code));
        child.kill("SIGTERM");
      });
      resolve({ url: `http://${line.trim()}/`, stop, stderr: () => stderr });
    });
  });
}

// Runs `body({page, root, build, ...})` against a fresh server and browser, always stopping both.
export async function withPlayground({ root, build, gavel }, body) {
  const require = createRequire(join(root, "web", "package.json"));
  const { chromium } = require("playwright-core");
  const server = await serve(gavel, "rules/flexis.gavel", root);
  const browser = await chromium.launch({
    executablePath: process.env.GAVEL_CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  const problems = [];
  try {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    // A CSP violation, a failed script or an uncaught error is a failure of the page.
    page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    await page.goto(server.url);
    await page.locator(".cm-content").waitFor();
    await page.locator(".consent-row").first().waitFor();
    await body({ page, context, server, problems });
    check(problems.length === 0, `the page reported problems:\n${problems.join("\n")}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

// Screenshots of the main views: rewritten in docs/playground/ only with
// GAVEL_UPDATE_SCREENSHOTS=1, otherwise beside the test's build files for a look.
export async function screenshot(page, { root, build }, name, locator) {
  const update = process.env.GAVEL_UPDATE_SCREENSHOTS === "1";
  const dir = update ? join(root, "docs", "playground") : join(build, "tests", "web", "screenshots");
  mkdirSync(dir, { recursive: true });
  const target = locator || page;
  await target.screenshot({ path: join(dir, `${name}.png`), ...(locator ? {} : { fullPage: false }) });
}

// ---- a user's steps --------------------------------------------------------------------

export async function setToday(page, day) {
  await page.getByLabel("Today's date", { exact: true }).fill(day);
}

export async function setConsent(page, purpose, { given, withdrawn }) {
  await page.getByLabel(`Consent to ${purpose}`, { exact: true }).selectOption("given");
  if (given !== undefined) await page.getByLabel(`Consent to ${purpose} given on`, { exact: true }).fill(given);
  if (withdrawn !== undefined) await page.getByLabel(`Consent to ${purpose} withdrawn on`, { exact: true }).fill(withdrawn);
}

export async function setDate(page, name, day) {
  await page.getByLabel(`${name}: the day`, { exact: true }).fill(day);
}

// Applies the form's facts and waits for the answers asked again.
export async function applyFacts(page) {
  const before = await answersVersion(page);
  await page.getByRole("button", { name: "Apply the facts" }).click();
  await waitForNewAnswers(page, before);
}

export async function askProcessing(page, { action, data, purpose }) {
  const form = page.getByRole("form", { name: "Ask a question" });
  await form.getByLabel("Question", { exact: true }).selectOption("processing");
  await form.getByLabel("Purpose", { exact: true }).selectOption(purpose);
  await form.getByLabel("Action", { exact: true }).selectOption(action);
  for (const d of data) await form.getByLabel(d, { exact: true }).check();
  const before = await answersVersion(page);
  await form.getByRole("button", { name: "Ask" }).click();
  await waitForNewAnswers(page, before);
}

export async function askRight(page, { right, purpose }) {
  const form = page.getByRole("form", { name: "Ask a question" });
  await form.getByLabel("Question", { exact: true }).selectOption("request");
  await form.getByLabel("Purpose", { exact: true }).selectOption(purpose);
  await form.getByLabel("Right", { exact: true }).selectOption(right);
  const before = await answersVersion(page);
  await form.getByRole("button", { name: "Ask" }).click();
  await waitForNewAnswers(page, before);
}

const answersVersion = (page) => page.locator("#answers").getAttribute("data-version");
async function waitForNewAnswers(page, before) {
  await page.waitForFunction((v) => {
    const el = document.getElementById("answers");
    return el.dataset.version && el.dataset.version !== v;
  }, before);
}

// The answer card of question i (0-based): its decision and reason.
export async function answer(page, i) {
  const card = page.locator(`.answer[data-question="${i}"]`);
  await card.waitFor();
  return {
    card,
    decision: (await card.locator(".decision").first().textContent()).trim(),
    reason: (await card.locator(".reason").textContent()).trim(),
    label: (await card.locator("h3").textContent()).trim(),
  };
}
