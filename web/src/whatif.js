// The what-if view: every question before and after a change, with the rule that made the
// difference (the REPL's what-if table, as the service gives it).
import { h, clear, prose } from "./dom.js";

// rows: the service's what-if rows; title: what the change is; onAdopt/onClose: buttons.
export function renderWhatIf(container, { title, rows, onAdopt, onClose }) {
  const changes = rows.filter((r) => r.now !== r.then).length;
  const table = h("table", { class: "what-if-table" },
    h("caption", {}, `${title}: ${changes} of ${rows.length} answers change`),
    h("thead", {}, h("tr", {}, ["question", "now", "what if", "the difference"].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, rows.map((r) => h("tr", { class: r.now !== r.then ? "changed" : "" },
      h("th", { scope: "row" }, r.label),
      h("td", {}, h("span", { class: `decision ${r.now}` }, r.now)),
      h("td", {}, h("span", { class: `decision ${r.then}` }, r.then)),
      h("td", {}, prose(r.note || (r.now === r.then ? "unchanged" : "")))))));
  clear(container,
    h("h2", { id: "what-if-heading", tabindex: "-1" }, "What if"),
    table,
    h("div", { class: "buttons" },
      h("button", { type: "button", onclick: onAdopt }, "Adopt this change"),
      h("button", { type: "button", onclick: onClose }, "Close")));
  container.hidden = false;
  container.querySelector("#what-if-heading").focus();
}
