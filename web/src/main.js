// The playground page: the editor, the person's facts and the questions, kept in one state
// ({today, subject, context, questions}, the service's playground state) that every call to
// the API carries with the edited policy text.
import { api, download } from "./api.js";
import { h, clear, prose } from "./dom.js";
import { createEditor } from "./editor.js";
import { renderPersonForm } from "./person.js";
import { renderQuestionForm, renderAnswer, renderTrace } from "./questions.js";
import { renderWhatIf } from "./whatif.js";

const $ = (id) => document.getElementById(id);
const localToday = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};

const app = {
  editor: null,
  name: "",
  policies: [],
  vocabulary: null,
  vocabularyKey: "",
  policyOk: false,
  state: { today: localToday(), subject: {}, context: {}, questions: [] },
  readDraft: null,
  answers: [],
  answersVersion: 0,
};

function say(message, kind = "") {
  const status = $("status");
  status.className = `status ${kind}`;
  status.textContent = message;
}

function failed(what, error) {
  say(`${what}: ${error.message}${error.help ? ` (help: ${error.help})` : ""}`, "error");
}

// ---- the policy ------------------------------------------------------------------------

async function check(text) {
  let result;
  try {
    result = await api.check(text, app.name);
  } catch (error) {
    failed("could not check the policy", error);
    return null;
  }
  if (app.editor && app.editor.text() !== text) return null;  // typed on since
  showDiagnostics(result.diagnostics);
  app.policyOk = result.ok;
  if (result.vocabulary) useVocabulary(result.vocabulary);
  if (result.ok) {
    say(`${app.name}: no errors${result.diagnostics.length ? `, ${result.diagnostics.length} warnings` : ""}`);
    await askAll();
  } else {
    const errors = result.diagnostics.filter((d) => d.severity === "error").length;
    say(`${app.name}: ${errors} ${errors === 1 ? "error" : "errors"}; the answers are those of the last policy that checked`, "error");
    $("answers").classList.add("stale");
  }
  return result;
}

function showDiagnostics(diagnostics) {
  clear($("diagnostics"), diagnostics.map((d) => h("li", { class: `diagnostic ${d.severity}` },
    h("button", { type: "button", class: "link", onclick: () => app.editor.reveal(d) },
      `${d.file || app.name}:${d.line}:${d.column}`),
    ` ${d.severity}: `, prose(d.message),
    d.help ? h("div", { class: "help" }, prose(`help: ${d.help}`)) : null)));
  if (!diagnostics.length) $("diagnostics").append(h("li", { class: "none" }, "none"));
}

// A new vocabulary rebuilds the forms, keeping what the person's form holds.
function useVocabulary(vocabulary) {
  const key = JSON.stringify({ ...vocabulary, rules: vocabulary.rules.map((r) => r.id) });
  if (key === app.vocabularyKey) { app.vocabulary = vocabulary; return; }
  const draft = app.readDraft ? app.readDraft() : app.state;
  app.vocabulary = vocabulary;
  app.vocabularyKey = key;
  renderPerson({ ...draft, questions: app.state.questions });
  renderQuestionForm($("question-form"), vocabulary, addQuestion);
}

// The path a scenario names the policy by: as the service gives it, or as bundled.
const pathOf = (policy) => policy.path || `rules/${policy.name}`;

function loadPolicy(policy) {
  app.name = policy.name;
  $("policy-name").textContent = policy.name;
  $("scenario-policy-file").value = pathOf(policy);
  app.editor.setText(policy.text);
  closeWhatIf();
}

// ---- the person ------------------------------------------------------------------------

function renderPerson(from) {
  app.readDraft = renderPersonForm($("person-form"), app.vocabulary, from, showPending);
  showPending();
}

function showPending() {
  const draft = app.readDraft();
  const same = JSON.stringify(comparable(draft)) === JSON.stringify(comparable(app.state));
  $("pending").textContent = same ? "" : "The form has edits not applied yet.";
  $("apply-facts").disabled = $("try-facts").disabled = $("reset-facts").disabled = same;
}
// The form's facts with the questions asked now.
const draft = () => ({ ...app.readDraft(), questions: app.state.questions });
const comparable = (s) => ({ today: s.today, subject: s.subject || {}, context: s.context || {} });

async function adopt(state) {
  app.state = { today: state.today, subject: state.subject || {}, context: state.context || {}, questions: state.questions || app.state.questions };
  renderPerson(app.state);
  closeWhatIf();
  await askAll();
}

// ---- questions -------------------------------------------------------------------------

async function addQuestion(question) {
  app.state.questions = [...app.state.questions, question];
  await askAll();
}

async function removeQuestion(index) {
  app.state.questions = app.state.questions.filter((_, i) => i !== index);
  await askAll();
}

async function askAll() {
  const answers = $("answers");
  if (!app.state.questions.length) {
    app.answers = [];
    clear(answers, h("p", { class: "hint" }, "No question yet: ask one above."));
    answers.dataset.version = String(++app.answersVersion);
    return;
  }
  let result;
  try {
    result = await api.ask(app.editor.text(), app.name, app.state);
  } catch (error) {
    failed("could not answer the questions", error);
    answers.classList.add("stale");
    return;
  }
  answers.classList.remove("stale");
  app.answers = result.answers;
  clear(answers, result.answers.map((answer, i) => renderAnswer(answer, i, {
    whyNot: () => whyNot(i),
    trace: () => showTrace(i),
    remove: () => removeQuestion(i),
  })));
  // Each new set of answers is numbered: a reader (or a test) knows the answers were asked again.
  answers.dataset.version = String(++app.answersVersion);
}

const card = (i) => document.querySelector(`.answer[data-question="${i}"]`);

async function showTrace(i) {
  try {
    const result = await api.ask(app.editor.text(), app.name, app.state, true);
    const answer = result.answers[i];
    if (answer && answer.decision) renderTrace(card(i).querySelector(".trace"), answer.decision);
  } catch (error) {
    failed("could not trace the question", error);
  }
}

async function whyNot(i) {
  let result;
  try {
    result = await api.whyNot(app.editor.text(), app.name, app.state, i);
  } catch (error) {
    failed("could not ask why not", error);
    return;
  }
  const ways = result.ways || [];
  clear(card(i).querySelector(".why-not"),
    h("h4", {}, "Why not?"),
    h("p", {}, prose(result.reason)),
    h("p", {}, ways.length
      ? `It would be allowed with one change, in ${ways.length} ${ways.length === 1 ? "way" : "ways"}:`
      : "No single change of the person's facts would allow it."),
    h("ul", { class: "ways" }, ways.map((way, w) => {
      const what = way.change || way.changes.map((c) => c.command).join(" and ");
      // A way the page cannot state as facts (no state) is shown, not offered as a button.
      const usable = !!way.state;
      return h("li", {},
        way.changes.map((c) => h("div", {}, h("code", {}, c.command), c.note ? ` — ${c.note}` : "")),
        h("div", { class: "then" }, prose(`then ${way.then}`)),
        h("div", { class: "buttons" },
          h("button", { type: "button", disabled: !usable, "aria-label": `Try as a what-if: ${what}`, onclick: () => tryWhatIf(`what if ${what}`, way.state) }, "Try as a what-if"),
          h("button", { type: "button", disabled: !usable, "aria-label": `Adopt: ${what}`, onclick: () => adopt(way.state) }, "Adopt")));
    })));
}

// ---- what if ---------------------------------------------------------------------------

async function tryWhatIf(title, changed) {
  closeWhatIf();  // the view shows only the what-if asked last
  let result;
  try {
    result = await api.whatIf(app.editor.text(), app.name, app.state, changed);
  } catch (error) {
    failed("could not try the what-if", error);
    return;
  }
  renderWhatIf($("what-if"), { title, rows: result.rows, onAdopt: () => adopt(changed), onClose: closeWhatIf });
}

function closeWhatIf() {
  $("what-if").hidden = true;
  clear($("what-if"));
}

// ---- start -----------------------------------------------------------------------------

async function start() {
  let policies;
  try {
    policies = await api.policies();
  } catch (error) {
    failed("could not load the policies", error);
    return;
  }
  // The policy served first (as its file reads now), then those bundled with gavel.
  const bundled = policies.bundled || [];
  const served = policies.served || bundled[0] || { name: "policy.gavel", text: "" };
  app.policies = [{ ...served, served: !!policies.served }, ...bundled.filter((p) => p !== served)];
  clear($("policy-choice"), app.policies.map((p, i) =>
    h("option", { value: i }, `${p.name}${p.served ? " (served)" : p.title ? ` — ${p.title}` : ""}`)));
  app.name = served.name;
  $("policy-name").textContent = app.name;
  $("scenario-policy-file").value = pathOf(served);
  app.editor = createEditor($("editor"), { text: served.text, label: "The policy's rule file", check });

  $("load-policy").addEventListener("click", () => {
    const p = app.policies[Number($("policy-choice").value)];
    if (p) loadPolicy(p);
  });
  $("download-policy").addEventListener("click", () => download(app.name, app.editor.text(), "text/plain"));
  $("save-scenario").addEventListener("click", saveScenario);
  $("apply-facts").addEventListener("click", () => adopt(draft()));
  $("try-facts").addEventListener("click", () => tryWhatIf("what if the form's edits", draft()));
  $("reset-facts").addEventListener("click", () => renderPerson(app.state));
}

async function saveScenario() {
  try {
    const { text, filename } = await api.scenario(app.editor.text(), app.name, $("scenario-policy-file").value, app.state);
    download(filename, text);
    say(`saved ${app.state.questions.length} questions as ${filename}: replay with \`gavel test ${filename}\``);
  } catch (error) {
    failed("could not save the scenario", error);
  }
}

start();
