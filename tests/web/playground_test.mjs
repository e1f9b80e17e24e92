// The playground page in a real browser: `node playground_test.mjs GAVEL ROOT BUILD TEST`.
// Each test starts its own `gavel serve rules/flexis.gavel` and headless Chromium.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import {
  withPlayground, screenshot, check, fail, setToday, setConsent, setDate, applyFacts,
  askProcessing, askRight, answer,
} from "./harness.mjs";

const [gavel, root, build, name] = process.argv.slice(2);
const env = { gavel, root, build };
const NEWSLETTER = { action: "communicate", data: ["identity", "contact_details"], purpose: "newsletter" };

// The walkthrough's person: consent given 2024-01-10, last contact 2025-05-01, today 2026-11-26.
async function walkthroughPerson(page) {
  await setToday(page, "2026-11-26");
  await setConsent(page, "newsletter", { given: "2024-01-10" });
  await setDate(page, "last_contact", "2025-05-01");
  await applyFacts(page);
}

async function withdrawConsent(page) {
  await setConsent(page, "newsletter", { withdrawn: "2026-03-01" });
  await applyFacts(page);
}

// The why-not of question i, and its ways.
async function whyNot(page, i) {
  const card = page.locator(`.answer[data-question="${i}"]`);
  await card.getByRole("button", { name: /^Why not/ }).click();
  const panel = card.locator(".why-not");
  await panel.locator(".ways li").first().waitFor();
  return panel;
}

const tests = {
  async the_page_loads_with_the_policy_and_its_vocabulary() {
    await withPlayground(env, async ({ page }) => {
      const served = readFileSync(join(root, "rules/flexis.gavel"), "utf8");
      const firstLine = served.split("\n")[0];
      check((await page.locator(".cm-line").first().textContent()) === firstLine, "the editor does not show the served policy");
      // The form is the policy's: one consent row per purpose it declares.
      const purposes = [...served.matchAll(/^purpose ([a-z_]+)/gm)].map((m) => m[1]);
      const rows = await page.locator(".consent-row").evaluateAll((els) => els.map((e) => e.dataset.purpose));
      check(JSON.stringify(rows) === JSON.stringify(purposes), `consent rows ${rows} are not the policy's purposes ${purposes}`);
      await page.locator("#diagnostics li.none").waitFor();
      // gavel's highlighting: keywords, texts, comments, numbers and the fixed vocabulary.
      const controllerLine = page.locator(".cm-line", { hasText: /^controller / }).first();
      for (const [cls, text] of [["tok-keyword", "controller"], ["tok-string", '"FLEXIS SAS"']]) {
        check((await controllerLine.locator(`.${cls}`).first().textContent()) === text, `\`${text}\` is not highlighted as ${cls}`);
      }
      check((await page.locator(".cm-line").first().locator(".tok-comment").count()) === 1, "the first line is not a comment");
      const holiday = page.locator(".cm-line", { hasText: "New Year's Day" }).first();
      check((await holiday.locator(".tok-atom").textContent()) === "January", "a month is not highlighted");
      check((await holiday.locator(".tok-number").textContent()) === "1", "a number is not highlighted");
      // Keyboard: the editor lets Tab move the focus on rather than trapping it.
      await page.locator(".cm-content").focus();
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
      check(focused !== "editor", "Tab does not leave the editor");
    });
  },

  async every_control_is_labelled_and_the_page_reads_at_200_percent_zoom() {
    await withPlayground(env, async ({ page }) => {
      const unlabelled = await page.evaluate(() => [...document.querySelectorAll("input, select, button, textarea")]
        .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute("aria-label") && !(el.tagName === "BUTTON" && el.textContent.trim()))
        .map((el) => el.outerHTML.slice(0, 120)));
      check(unlabelled.length === 0, `controls without a label:\n${unlabelled.join("\n")}`);
      check((await page.locator(".cm-content").getAttribute("aria-label")) === "The policy's rule file", "the editor has no label");
      // 200% zoom of a 1280-pixel window: 640 CSS pixels, and nothing wider than the window.
      await page.setViewportSize({ width: 640, height: 1000 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      check(overflow <= 0, `at 200% zoom the page scrolls sideways by ${overflow} pixels`);
      await screenshot(page, env, "zoom-200");
    });
  },

  async a_typo_in_the_policy_is_shown_at_its_line() {
    await withPlayground(env, async ({ page }) => {
      const lines = readFileSync(join(root, "rules/flexis.gavel"), "utf8").split("\n");
      const line = lines.findIndex((l) => l.startsWith("controller ")) + 1;
      const word = page.locator(".cm-line", { hasText: /^controller / }).first();
      await word.click();
      await page.keyboard.press("Home");
      await page.keyboard.press("Delete");  // `controller` becomes `ontroller`
      const diagnostic = page.locator("#diagnostics li.error").first();
      await diagnostic.waitFor();
      const text = await diagnostic.textContent();
      check(text.startsWith(`flexis.gavel:${line}:1 error:`), `the diagnostic is not at line ${line}: ${text}`);
      check(text.includes("ontroller"), `the diagnostic does not quote the typo: ${text}`);
      // The lint mark sits on that line of the editor.
      const marked = page.locator(".cm-line", { has: page.locator(".cm-lintRange-error") }).first();
      await marked.waitFor();
      check((await marked.textContent()).startsWith("ontroller "), "the lint mark is not on the line of the typo");
      await screenshot(page, env, "diagnostic", page.locator("#policy"));
      // The edited text is what "Download the policy" saves.
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download the policy" }).click()]);
      check(download.suggestedFilename() === "flexis.gavel", `the policy downloads as ${download.suggestedFilename()}`);
      const saved = readFileSync(await download.path(), "utf8");
      check(saved.split("\n")[line - 1].startsWith("ontroller "), "the downloaded policy is not the edited text");
      // Fixing it clears the diagnostic.
      await page.locator(".cm-line", { hasText: /^ontroller / }).first().click();
      await page.keyboard.press("Home");
      await page.keyboard.type("c");
      await page.locator("#diagnostics li.none").waitFor();
    });
  },

  async a_bundled_policy_loads_with_a_form_of_its_own() {
    await withPlayground(env, async ({ page }) => {
      const text = readFileSync(join(root, "rules/tilleuls.gavel"), "utf8");
      const purposes = [...text.matchAll(/^purpose ([a-z_]+)/gm)].map((m) => m[1]);
      const choice = page.getByLabel("Policy", { exact: true });
      const option = await choice.locator("option", { hasText: /^tilleuls\.gavel/ }).getAttribute("value");
      await choice.selectOption(option);
      await page.getByRole("button", { name: "Load", exact: true }).click();
      await page.waitForFunction((names) => JSON.stringify([...document.querySelectorAll(".consent-row")]
        .map((e) => e.dataset.purpose)) === JSON.stringify(names), purposes);
      check((await page.getByLabel("Scenario's policy file").inputValue()) === "rules/tilleuls.gavel", "the scenario does not name the loaded policy");
      await page.locator("#diagnostics li.none").waitFor();
    });
  },

  async a_withdrawn_consent_flips_the_decision_with_its_reason() {
    await withPlayground(env, async ({ page }) => {
      await walkthroughPerson(page);
      await askProcessing(page, NEWSLETTER);
      let a = await answer(page, 0);
      check(a.decision === "allow", `given consent: ${a.decision}`);
      check(a.reason.startsWith("allow by newsletter.consent:"), `given consent: ${a.reason}`);
      await withdrawConsent(page);
      a = await answer(page, 0);
      check(a.decision === "deny", `withdrawn consent: ${a.decision}`);
      check(a.reason.startsWith("deny by retention-over:") && a.reason.includes("2026-03-01"), `withdrawn consent: ${a.reason}`);
      await a.card.getByRole("button", { name: /^Show the trace/ }).click();
      await a.card.locator(".trace-table").waitFor();
      check(await a.card.locator(".trace-table td code", { hasText: "retention-over" }).count() > 0, "the trace does not name retention-over");
      await screenshot(page, env, "answers", page.locator("#questions"));
    });
  },

  async a_why_not_leads_to_a_what_if_that_allows() {
    await withPlayground(env, async ({ page }) => {
      await walkthroughPerson(page);
      await askProcessing(page, NEWSLETTER);
      await withdrawConsent(page);
      const panel = await whyNot(page, 0);
      const way = panel.locator(".ways li").first();
      check((await way.locator("code").first().textContent()) === "consent given newsletter 2026-11-26", "the first way is not the REPL's");
      await way.getByRole("button", { name: /^Try as a what-if/ }).click();
      const row = page.locator("#what-if tbody tr").first();
      await row.waitFor();
      const cells = await row.locator("th, td").allTextContents();
      check(cells[1] === "deny" && cells[2] === "allow", `the what-if row: ${cells}`);
      check(cells[3].includes("retention-over no longer decides"), `the what-if names no difference: ${cells[3]}`);
      await screenshot(page, env, "why-not-what-if", page.locator("#questions"));
      // Adopting the change makes it the person's facts.
      await page.getByRole("button", { name: "Adopt this change" }).click();
      await page.locator('.answer[data-question="0"].allowed').waitFor();
    });
  },

  async pending_form_edits_are_tried_as_a_what_if_before_adopting_them() {
    await withPlayground(env, async ({ page }) => {
      await walkthroughPerson(page);
      await askProcessing(page, NEWSLETTER);
      await setConsent(page, "newsletter", { withdrawn: "2026-03-01" });
      await page.getByRole("button", { name: "Try the edits as a what-if" }).click();
      const row = page.locator("#what-if tbody tr").first();
      await row.waitFor();
      const cells = await row.locator("th, td").allTextContents();
      check(cells[1] === "allow" && cells[2] === "deny", `the what-if of the edits: ${cells}`);
      check((await answer(page, 0)).decision === "allow", "trying the edits changed the answers");
    });
  },

  async a_saved_scenario_replays_with_gavel_test() {
    const dir = join(build, "tests", "web", "scenario");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const file = join(dir, "newsletter-session.json");
    await withPlayground(env, async ({ page }) => {
      await walkthroughPerson(page);
      await askProcessing(page, NEWSLETTER);
      await withdrawConsent(page);
      await askRight(page, { right: "erasure", purpose: "newsletter" });
      // The scenario names the policy by its path from where it is replayed.
      await page.getByLabel("Scenario's policy file").fill(join(root, "rules/flexis.gavel"));
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Save scenario" }).click()]);
      check(download.suggestedFilename() === "scenario.json", `the file is named ${download.suggestedFilename()}`);
      await download.saveAs(file);
    });
    const scenario = JSON.parse(readFileSync(file, "utf8"));
    check(scenario.cases.length === 2, `the scenario has ${scenario.cases.length} cases`);
    const run = spawnSync(gavel, ["test", file], { encoding: "utf8" });
    check(run.status === 0 && run.stdout.trim().endsWith("2 passed, 0 failed"), `gavel test: exit ${run.status}\n${run.stdout}${run.stderr}`);
  },

  // The README's walkthrough (tests/playground/sessions/walkthrough.txt) done in the page gives
  // the REPL's answers (tests/playground/sessions/walkthrough.expected).
  async the_readme_walkthrough_gives_the_repl_answers() {
    const repl = readFileSync(join(root, "tests/playground/sessions/walkthrough.expected"), "utf8").split("\n");
    const replLine = (prefix) => repl.find((l) => l.startsWith(prefix)) || fail(`the REPL transcript has no line ${prefix}`);
    await withPlayground(env, async ({ page }) => {
      await walkthroughPerson(page);
      await askProcessing(page, NEWSLETTER);
      let a = await answer(page, 0);
      check(`${a.label.split(" ")[0]} ${a.reason}` === replLine("q1 allow"), `q1: ${a.reason}`);
      await withdrawConsent(page);
      a = await answer(page, 0);
      check(`  q1 now ${a.reason}` === replLine("  q1 now"), `q1 now: ${a.reason}`);
      const panel = await whyNot(page, 0);
      const whyNotLine = replLine("q1 deny by");
      check((await panel.locator("p").first().textContent()) === whyNotLine.slice(3), "why not: the reason differs from the REPL's");
      await panel.locator(".ways li").first().getByRole("button", { name: /^Try as a what-if/ }).click();
      const row = page.locator("#what-if tbody tr").first();
      await row.waitFor();
      const cells = await row.locator("th, td").allTextContents();
      const replRow = replLine("  q1 may communicate");
      check(replRow.includes(cells[0]) && replRow.trim().endsWith(cells[3]), `what if: ${cells}`);
      await page.getByRole("button", { name: "Close" }).click();
      await askRight(page, { right: "erasure", purpose: "newsletter" });
      const q2 = await answer(page, 1);
      check(`q2 ${q2.reason}` === replLine("q2 "), `q2: ${q2.reason}`);
      // The page at the end of the walkthrough, as docs/playground.md shows it first.
      await page.evaluate(() => document.activeElement && document.activeElement.blur());
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, env, "overview");
    });
  },
};

if (!tests[name]) {
  console.error(`playground_test.mjs: no test \`${name}\`\nhelp: one of ${Object.keys(tests).join(", ")}`);
  process.exit(2);
}
tests[name]().then(() => console.log(`ok: ${name}`), (error) => { console.error(error.stack || String(error)); process.exit(1); });
