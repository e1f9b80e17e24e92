// The rule-file editor: CodeMirror 6 with gavel's highlighting and the checker's diagnostics as
// lint marks, checked (debounced) as the user types. Mounted in a shadow root so that
// CodeMirror's own styles are adopted stylesheets, not the inline <style> the page's CSP refuses.
import { EditorState } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { syntaxHighlighting, bracketMatching } from "@codemirror/language";
import { linter, lintGutter, forceLinting } from "@codemirror/lint";
import { gavelLanguage, gavelHighlighter } from "./gavel-language.js";

const CHECK_DELAY_MS = 400;

// A diagnostic's line and column (1-based, as gavel check prints them) as a document range.
export function diagnosticRange(doc, d) {
  const lineOf = (n) => doc.line(Math.min(Math.max(n || 1, 1), doc.lines));
  const start = lineOf(d.line);
  const from = Math.min(start.from + Math.max((d.column || 1) - 1, 0), start.to);
  let to = from;
  if (d.end_line && d.end_column) {
    const end = lineOf(d.end_line);
    to = Math.min(end.from + Math.max(d.end_column - 1, 0), end.to);
  }
  if (to <= from) {
    // No extent: mark the word at the position, or one character.
    const rest = doc.sliceString(from, start.to);
    const word = /^[A-Za-z0-9_"-]+/.exec(rest);
    to = Math.min(from + (word ? word[0].length : 1), doc.length);
  }
  return { from, to: Math.max(to, from) };
}

export function createEditor(host, { text, label, check }) {
  const shadow = host.attachShadow({ mode: "open" });
  shadow.append(Object.assign(document.createElement("link"), { rel: "stylesheet", href: "assets/playground.css" }));
  const parent = document.createElement("div");
  parent.className = "editor-frame";
  shadow.append(parent);

  const gavelLint = linter(async (view) => {
    const doc = view.state.doc;
    const result = await check(doc.toString());
    if (!result || view.state.doc !== doc) return [];
    return result.diagnostics.map((d) => ({
      ...diagnosticRange(doc, d),
      severity: d.severity === "warning" ? "warning" : "error",
      source: d.code,
      message: d.help ? `${d.message}\nhelp: ${d.help}` : d.message,
    }));
  }, { delay: CHECK_DELAY_MS });

  const view = new EditorView({
    parent,
    root: shadow,
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(), history(), drawSelection(), highlightActiveLine(), bracketMatching(),
        gavelLanguage, syntaxHighlighting(gavelHighlighter), lintGutter(), gavelLint,
        // Tab is left to move the focus out of the editor (keyboard users are not trapped).
        keymap.of([...defaultKeymap, ...historyKeymap]),
        EditorView.contentAttributes.of({ "aria-label": label, "aria-multiline": "true" }),
      ],
    }),
  });

  return {
    view,
    text: () => view.state.doc.toString(),
    setText(next) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } });
      forceLinting(view);
    },
    // Moves the cursor to a diagnostic and focuses the editor.
    reveal(d) {
      const { from } = diagnosticRange(view.state.doc, d);
      view.dispatch({ selection: { anchor: from }, scrollIntoView: true });
      view.focus();
    },
  };
}
