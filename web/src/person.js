// The person's facts, as a form built from the policy's vocabulary (the purposes, dates, groups,
// facts it declares): never from one policy's names. The form edits a draft; the page adopts
// it into the state, or tries it first as a what-if.
import { h, field, select, dateInput, clear, uid } from "./dom.js";

const KNOWN = [["", "not known"]];

// Builds the form into `container` from `vocabulary`, filled from `state`; calls onChange on
// every edit. Returns read(): the draft as {today, subject, context}.
export function renderPersonForm(container, vocabulary, state, onChange) {
  const subject = state.subject || {};
  const context = state.context || {};
  const readers = [];
  const groups = [];
  const changed = () => onChange();

  // Today.
  const today = dateInput(state.today, { required: true });
  readers.push((out) => { out.today = today.value; });
  groups.push(section("Today", "The day every question is asked on", field("Today's date", today)));

  // Consent, per purpose.
  const consentRows = vocabulary.purposes.map((purpose) => consentRow(purpose, subject.consent, readers));
  groups.push(section("Consent", "The person's consent record for each purpose", consentRows));

  // Objections, to purposes and groups.
  const targets = [...vocabulary.purposes.map((p) => p.name), ...vocabulary.groups];
  const byTarget = new Map((subject.objections || []).map((o) => [o.to, o.at]));
  const objectionRows = targets.map((to) => {
    const at = dateInput(byTarget.get(to));
    readers.push((out) => { if (at.value) (out.subject.objections ||= []).push({ to, at: at.value }); });
    return field(`Objected to ${to} on`, at, vocabulary.groups.includes(to) ? "a group of purposes" : null);
  });
  groups.push(section("Objections", "Leave a date empty when the person has not objected", objectionRows));

  // Restriction and unlawful processing.
  const since = dateInput(subject.restriction && subject.restriction.since);
  const until = dateInput(subject.restriction && subject.restriction.until);
  const unlawful = h("input", { type: "checkbox", checked: subject.unlawful });
  readers.push((out) => {
    if (since.value) out.subject.restriction = { since: since.value, until: until.value || null };
    if (unlawful.checked) out.subject.unlawful = true;
  });
  groups.push(section("Restriction", "Processing restricted from a day, until a day or on", [
    field("Restricted since", since), field("Restricted until", until, "empty: it goes on"),
    h("div", { class: "field check" }, unlawful, h("label", { for: (unlawful.id = uid("unlawful")) }, "Processed unlawfully")),
  ]));

  // The dates retention counts from.
  if (vocabulary.dates.length) {
    const rows = vocabulary.dates.map((name) => tristateDate(name, subject.dates, "subject.dates", readers,
      [["", "not known"], ["null", "not yet"], ["date", "on"]], (out, v) => ((out.subject.dates ||= {})[name] = v)));
    groups.push(section("Dates", "The days retention periods count from", rows));
  }

  // Facts of the language and the policy's own facts asserted per action.
  const contextFacts = [...vocabulary.context_facts, ...vocabulary.asserted_facts];
  if (contextFacts.length) {
    const rows = contextFacts.map((name) => {
      const value = name in context ? String(context[name]) : "";
      const control = select([...KNOWN, ["true", "yes"], ["false", "no"]], value);
      readers.push((out) => { if (control.value) (out.context ||= {})[name] = control.value === "true"; });
      return field(name, control);
    });
    groups.push(section("Context", "What the controller asserts about each action", rows));
  }

  // Facts recorded for the person.
  if (vocabulary.recorded_facts.length) {
    const rows = vocabulary.recorded_facts.map((name) => tristateDate(name, subject.facts, "subject.facts", readers,
      [["", "not known"], ["null", "does not hold"], ["date", "holds since"]], (out, v) => ((out.subject.facts ||= {})[name] = v)));
    groups.push(section("Recorded facts", "Facts the policy records for the person", rows));
  }

  // Age.
  const ageKind = select([["", "not known"], ["born", "born on"], ["age", "aged"]],
    subject.born ? "born" : subject.age !== undefined ? "age" : "");
  const born = dateInput(subject.born);
  const age = h("input", { type: "number", min: 0, max: 150, step: 1, value: subject.age ?? "" });
  readers.push((out) => {
    if (ageKind.value === "born" && born.value) out.subject.born = born.value;
    if (ageKind.value === "age" && age.value !== "") out.subject.age = Number(age.value);
  });
  groups.push(section("Age", null, [field("Age known as", ageKind), field("Date of birth", born), field("Age in years", age)]));

  // Bases of record, for purposes whose basis is chosen per person.
  const perPerson = vocabulary.purposes.filter((p) => p.one_per_person);
  if (perPerson.length) {
    const rows = perPerson.map((p) => {
      const control = select([...KNOWN, ...p.bases.map((b) => [b, b])], (subject.bases || {})[p.name] || "");
      readers.push((out) => { if (control.value) (out.subject.bases ||= {})[p.name] = control.value; });
      return field(`Basis for ${p.name}`, control);
    });
    groups.push(section("Bases of record", "The basis each person's processing rests on", rows));
  }

  const form = h("form", { class: "person-form", "aria-label": "The person's facts", onsubmit: (e) => e.preventDefault() }, groups);
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  clear(container, form);

  return function read() {
    const out = { today: "", subject: {}, context: {}, questions: state.questions };
    for (const reader of readers) reader(out);
    return out;
  };
}

function section(title, hint, children) {
  const legendId = uid("legend");
  return h("fieldset", { class: "facts-group" },
    h("legend", { id: legendId }, title),
    hint ? h("p", { class: "hint" }, hint) : null,
    h("div", { class: "fields" }, children));
}

function consentRow(purpose, consent, readers) {
  const record = consent ? consent[purpose.name] : undefined;
  const kind = select([["", "not known"], ["never", "never given"], ["given", "given"]],
    record === null ? "never" : record ? "given" : "");
  const given = dateInput(record && record.given);
  const withdrawn = dateInput(record && record.withdrawn);
  const explicit = h("input", { type: "checkbox", checked: record && record.explicit, id: uid("explicit") });
  // A date typed in says the consent was given.
  given.addEventListener("input", () => { if (given.value) kind.value = "given"; });
  readers.push((out) => {
    if (kind.value === "never") (out.subject.consent ||= {})[purpose.name] = null;
    if (kind.value === "given" && given.value) {
      const entry = { given: given.value, withdrawn: withdrawn.value || null };
      if (explicit.checked) entry.explicit = true;
      (out.subject.consent ||= {})[purpose.name] = entry;
    }
  });
  return h("fieldset", { class: "consent-row", dataset: { purpose: purpose.name } },
    h("legend", {}, purpose.name),
    field(`Consent to ${purpose.name}`, kind),
    field(`Consent to ${purpose.name} given on`, given),
    field(`Consent to ${purpose.name} withdrawn on`, withdrawn, "empty: not withdrawn"),
    purpose.explicit_consent
      ? h("div", { class: "field check" }, explicit, h("label", { for: explicit.id }, "Explicit consent"))
      : null);
}

// A value that is not known, null (the event has not happened / the fact does not hold), or a day.
function tristateDate(name, values, path, readers, choices, put) {
  const known = values && name in values;
  const kind = select(choices, !known ? "" : values[name] === null ? "null" : "date");
  const day = dateInput(known ? values[name] : "");
  day.addEventListener("input", () => { if (day.value) kind.value = "date"; });
  readers.push((out) => {
    if (kind.value === "null") put(out, null);
    if (kind.value === "date" && day.value) put(out, day.value);
  });
  return h("div", { class: "tristate", dataset: { name } }, field(name, kind), field(`${name}: the day`, day));
}
