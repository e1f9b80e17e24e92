// Small helpers to build the page's elements: no framework, no inline style (the page's CSP
// allows none), and every control with a label a screen reader announces.

let nextId = 0;
export const uid = (prefix) => `${prefix}-${++nextId}`;

// h("button", {class: "x", onclick: f}, "text", child...)
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key === "value") el.value = value;
    else if (key === "checked") el.checked = !!value;
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

// A labelled control: <div class="field"><label for=id>text</label>control</div>.
export function field(labelText, control, hint) {
  if (!control.id) control.id = uid("f");
  const parts = [h("label", { for: control.id }, labelText), control];
  if (hint) {
    const hintEl = h("span", { class: "hint", id: uid("hint") }, hint);
    control.setAttribute("aria-describedby", hintEl.id);
    parts.push(hintEl);
  }
  return h("div", { class: "field" }, parts);
}

export function select(options, value, attrs = {}) {
  const el = h("select", attrs, options.map(([v, text]) => h("option", { value: v }, text)));
  if (value !== undefined) el.value = value;
  return el;
}

export const dateInput = (value, attrs = {}) =>
  h("input", { type: "date", min: "1900-01-01", max: "2999-12-31", value: value || "", ...attrs });

export function clear(el, ...children) {
  el.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

// Backticked words of gavel's messages as <code>.
export function prose(text) {
  const out = [];
  String(text).split(/(`[^`]*`)/).forEach((part) => {
    if (part.startsWith("`") && part.endsWith("`") && part.length > 1) out.push(h("code", {}, part.slice(1, -1)));
    else if (part) out.push(part);
  });
  return out;
}
