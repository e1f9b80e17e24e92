// The questions: a form to ask "may ACTION DATA for PURPOSE?" or a rights request, and each
// question's answer — decision, deciding rules, obligations, deadlines, explanation, trace.
import { h, field, select, dateInput, clear, uid, prose } from "./dom.js";

// The form that adds a question; onAdd(question).
export function renderQuestionForm(container, vocabulary, onAdd) {
  const purposes = vocabulary.purposes.map((p) => [p.name, p.name]);
  const kind = select([["processing", "may … (processing)"], ["request", "a rights request"]], "processing");
  const action = select(vocabulary.actions.filter((a) => a !== "request").map((a) => [a, a]));
  const purpose = select(purposes);
  const recipient = select([["", "(the controller's own staff)"], ...vocabulary.recipients.map((r) => [r.name, r.name])]);
  const country = h("input", { type: "text", maxlength: 2, size: 3, pattern: "[A-Za-z]{2}", autocomplete: "off", spellcheck: "false" });
  const right = select(vocabulary.rights.map((r) => [r, r]));
  const received = dateInput("");
  const dataBoxes = vocabulary.categories.map((c) => {
    const box = h("input", { type: "checkbox", value: c, id: uid("cat") });
    return { box, el: h("div", { class: "check" }, box, h("label", { for: box.id }, c)) };
  });
  const processingFields = h("div", { class: "fields" },
    field("Action", action),
    h("fieldset", { class: "data-choice" }, h("legend", {}, "Data"), dataBoxes.map((d) => d.el)),
    field("Recipient", recipient),
    field("Country", country, "ISO code such as FR; empty: where the controller is established"));
  const requestFields = h("div", { class: "fields", hidden: true },
    field("Right", right), field("Received on", received, "empty: today"));
  kind.addEventListener("change", () => {
    processingFields.hidden = kind.value !== "processing";
    requestFields.hidden = kind.value === "processing";
  });
  const error = h("p", { class: "form-error", role: "alert" });
  const form = h("form", { class: "question-form", "aria-label": "Ask a question" },
    h("div", { class: "fields" }, field("Question", kind), field("Purpose", purpose)),
    processingFields, requestFields, error,
    h("button", { type: "submit" }, "Ask"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    error.textContent = "";
    if (kind.value === "request") {
      onAdd({ action: "request", right: right.value, purpose: purpose.value, received: received.value || null });
      return;
    }
    const data = dataBoxes.filter((d) => d.box.checked).map((d) => d.box.value);
    if (!data.length) { error.textContent = "tick the data the question is about"; return; }
    onAdd({ action: action.value, data, purpose: purpose.value,
      recipient: recipient.value || null, country: country.value ? country.value.toUpperCase() : null });
  });
  clear(container, form);
}

// One question's answer as a card; `actions` are {whyNot, trace, remove} callbacks.
export function renderAnswer(answer, index, actions) {
  const id = uid("answer");
  const card = h("article", { class: "answer", "aria-labelledby": id, dataset: { question: index } });
  const heading = h("h3", { id }, answer.label);
  if (answer.error) {
    card.append(...[heading, h("p", { class: "decision error" }, "error"),
      h("p", { class: "reason" }, prose(answer.error.field ? `${answer.error.field}: ${answer.error.message}` : answer.error.message)),
      answer.error.help ? h("p", { class: "help" }, prose(`help: ${answer.error.help}`)) : null,
      h("div", { class: "buttons" }, h("button", { type: "button", onclick: actions.remove }, "Remove"))].filter(Boolean));
    return card;
  }
  const d = answer.decision || {};
  card.classList.add(d.decision === "allow" ? "allowed" : "denied");
  card.append(...[heading,
    h("p", { class: `decision ${d.decision}` }, d.decision === "allow" ? "allow" : "deny"),
    h("p", { class: "reason" }, prose(answer.reason)),
    facts("Deciding rules", (d.decided_by || []).map((r) => h("code", {}, r))),
    facts("Obligations", (d.obligations || []).map((o) => `${o.kind} ${o.by ? `by ${o.by}` : "without undue delay"} (${o.rule})`)),
    facts("Deadlines", deadlines(d)),
    facts("Facts not given that it turned on", (d.missing || []).map((m) => h("code", {}, m))),
    answer.explanation ? h("details", { class: "explanation" }, h("summary", {}, "Explanation"),
      answer.explanation.split(/\n+/).map((line) => h("p", {}, prose(line)))) : null,
    h("div", { class: "buttons" },
      h("button", { type: "button", onclick: actions.trace, "aria-label": `Show the trace of ${answer.label}` }, "Trace"),
      d.decision === "deny" ? h("button", { type: "button", onclick: actions.whyNot, "aria-label": `Why not: ${answer.label}` }, "Why not?") : null,
      h("button", { type: "button", onclick: actions.remove, "aria-label": `Remove ${answer.label}` }, "Remove")),
    h("div", { class: "why-not", "aria-live": "polite" }),
    h("div", { class: "trace" })].filter(Boolean));
  return card;
}

function deadlines(d) {
  const out = [];
  if (d.due) out.push(`answer due ${d.due}`);
  if (d.extended_due) out.push(`extended ${d.extended_due}`);
  if (d.extension_notice_by) out.push(`extension notice by ${d.extension_notice_by}`);
  if (d.effective) out.push(`effective ${d.effective}`);
  if (d.refusal) {
    out.push(`refusal due ${d.refusal.due}`);
    if (d.refusal.complaint_to) out.push(`complaint to ${d.refusal.complaint_to.authority}`);
  }
  if (d.notify_recipients && d.notify_recipients.length) out.push(`notify ${d.notify_recipients.join(", ")}`);
  return out;
}

function facts(title, items) {
  if (!items.length) return null;
  return h("div", { class: "facts" }, h("h4", {}, title), h("ul", {}, items.map((i) => h("li", {}, i))));
}

// The trace of a decision, as a table.
export function renderTrace(container, decision) {
  const rows = (decision.trace || []).map((t) => h("tr", {},
    h("td", {}, h("code", {}, t.rule), t.title ? h("div", { class: "hint" }, t.title) : null),
    h("td", { class: `outcome ${t.outcome}` }, t.outcome),
    h("td", {}, (t.because || []).join("; ")), h("td", {}, t.source || "")));
  clear(container, h("table", { class: "trace-table" },
    h("caption", {}, "Every rule and basis consulted"),
    h("thead", {}, h("tr", {}, ["rule", "outcome", "because", "source"].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, rows)));
}
