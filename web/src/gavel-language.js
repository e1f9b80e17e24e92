// Syntax highlighting for gavel rule files (docs/language.md, grammar/grammar.hpp): comments,
// texts (which may span lines), dates, numbers, the reserved words, the fixed vocabulary
// (actions, bases, rights, months, context facts), and the ids rules are named by.
import { StreamLanguage } from "@codemirror/language";
import { Tag, tags, tagHighlighter } from "@lezer/highlight";

// grammar.hpp's structural_keyword.
const KEYWORDS = new Set(`controller address contact authority established in holidays category governed
date countries country calendar holiday on after before Easter purpose purposes basis data retain until
consent withdrawn given at most least period then erase archive processed by automated means group
recipient activity receives respond within extendable effective receipt answer rule cites says deny
allow defeat grant refuse oblige for any action except based when unless overrides and or not objected
to restricted unlawful retention over outside may receive is includes day days week weeks month months
year years end of right framework certified under from fact asserted recorded per the person one record
special explicit age`.split(/\s+/));

// grammar.hpp's vocabulary_word: the words a request may use.
const VOCABULARY = new Set(`January February March April May June July August September October November
December collect store use disclose transfer communicate contract legal_obligation vital_interests
public_task legitimate_interest access rectification erasure restriction portability objection
withdraw_consent post_mortem legal_claims compelling_grounds protect_rights_of_others public_interest
standard_contractual_clauses`.split(/\s+/));

// Words after which a name is declared.
const DECLARES = new Set(["category", "date", "purpose", "group", "recipient", "calendar", "countries",
  "right", "framework", "fact", "activity"]);

export const ruleIdTag = Tag.define();
export const dateTag = Tag.define(tags.literal);
export const declaredTag = Tag.define(tags.variableName);

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*/;

const gavelStream = {
  name: "gavel",
  startState: () => ({ inText: false, after: null }),
  copyState: (s) => ({ ...s }),
  token(stream, state) {
    if (state.inText) return readText(stream, state);
    if (stream.eatSpace()) return null;
    if (stream.match("//")) { stream.skipToEnd(); return "comment"; }
    if (stream.peek() === '"') { stream.next(); state.inText = true; return readText(stream, state); }
    if (stream.match(/^\d{4}-\d{2}-\d{2}(?![A-Za-z0-9_-])/)) { state.after = null; return "date"; }
    if (stream.match(/^\d+(?![A-Za-z0-9_-])/)) { state.after = null; return "number"; }
    const word = stream.match(IDENT);
    if (word) {
      const w = word[0], after = state.after;
      state.after = null;
      // `rule ID` and `overrides ID, ID`: a rule id may be a word of the fixed vocabulary.
      if ((after === "rule" || after === "overrides") && !KEYWORDS.has(w)) {
        if (after === "overrides") state.after = "overridden";
        return "ruleId";
      }
      if (w === "rule" || w === "overrides") state.after = w;
      else if (DECLARES.has(w)) state.after = "declare";
      if (KEYWORDS.has(w)) return "keyword";
      if (VOCABULARY.has(w)) return "atom";
      return after === "declare" ? "declared" : "variableName";
    }
    const ch = stream.next();
    if (ch === "," && state.after === "overridden") { state.after = "overrides"; return "punctuation"; }
    state.after = null;
    return /[{}()]/.test(ch) ? "brace" : "punctuation";
  },
  languageData: { commentTokens: { line: "//" } },
  tokenTable: { ruleId: ruleIdTag, date: dateTag, declared: declaredTag },
};

// A text runs to the next `"` not escaped by `\`; `\"` and `\\` are the only escapes.
function readText(stream, state) {
  while (!stream.eol()) {
    const ch = stream.next();
    if (ch === "\\") stream.next();
    else if (ch === '"') { state.inText = false; break; }
  }
  return "string";
}

export const gavelLanguage = StreamLanguage.define(gavelStream);

// Classes, not inline styles: the page's stylesheet colours them (the page allows no inline style).
export const gavelHighlighter = tagHighlighter([
  { tag: tags.keyword, class: "tok-keyword" },
  { tag: tags.atom, class: "tok-atom" },
  { tag: tags.string, class: "tok-string" },
  { tag: tags.comment, class: "tok-comment" },
  { tag: tags.number, class: "tok-number" },
  { tag: dateTag, class: "tok-date" },
  { tag: ruleIdTag, class: "tok-rule-id" },
  { tag: declaredTag, class: "tok-declared" },
  { tag: tags.variableName, class: "tok-name" },
]);
