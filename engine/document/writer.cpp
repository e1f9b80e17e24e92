// Markdown or HTML for the notice and the record (engine/document/writer.hpp).
#include "engine/document/writer.hpp"

#include <fmt/format.h>

namespace gavel::document {

namespace {

// Printable on A4 as on a screen, with nothing fetched from elsewhere.
constexpr std::string_view style = R"(body { font-family: Georgia, "Times New Roman", serif; max-width: 52em; margin: 2em auto; padding: 0 1em; line-height: 1.45; color: #111; }
h1 { font-size: 1.6em; border-bottom: 2px solid #333; padding-bottom: .2em; }
h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid #999; }
h3 { font-size: 1.05em; margin-bottom: .2em; }
table { border-collapse: collapse; width: 100%; margin: .8em 0; font-size: .92em; }
th, td { border: 1px solid #777; padding: .35em .5em; vertical-align: top; text-align: left; }
th { background: #eee; }
blockquote { margin: .4em 0 .8em 1em; padding-left: .8em; border-left: 3px solid #aaa; color: #333; }
.cites { font-style: italic; color: #444; margin: 0; }
@media print { body { margin: 0; max-width: none; } h2, h3 { page-break-after: avoid; } tr, blockquote { page-break-inside: avoid; } }
)";

}  // namespace

std::string Writer::escape(std::string_view text) const {
  std::string out;
  for (const char c : text) {
    if (html_ && c == '&') out += "&amp;";
    else if (html_ && c == '<') out += "&lt;";
    else if (html_ && c == '>') out += "&gt;";
    else if (html_ && c == '"') out += "&quot;";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out;
}

// Markdown: a block after `label: value` lines (each ending in a hard line break) needs a blank
// line, or it joins their paragraph.
void Writer::separate() {
  if (!html_ && body_.ends_with("  \n")) body_ += '\n';
}

void Writer::title(std::string_view text) {
  body_ += html_ ? fmt::format("<h1>{}</h1>\n", escape(text)) : fmt::format("# {}\n\n", escape(text));
}
void Writer::heading(std::string_view text) {
  separate();
  body_ += html_ ? fmt::format("<h2>{}</h2>\n", escape(text)) : fmt::format("## {}\n\n", escape(text));
}
void Writer::subheading(std::string_view text) {
  separate();
  body_ += html_ ? fmt::format("<h3>{}</h3>\n", escape(text)) : fmt::format("### {}\n\n", escape(text));
}
void Writer::paragraph(std::string_view text) {
  separate();
  body_ += html_ ? fmt::format("<p>{}</p>\n", escape(text)) : fmt::format("{}\n\n", escape(text));
}
void Writer::field(std::string_view label, std::string_view value) {
  body_ += html_ ? fmt::format("<p><strong>{}:</strong> {}</p>\n", escape(label), escape(value))
                 : fmt::format("**{}:** {}  \n", escape(label), escape(value));
}
void Writer::quote(std::string_view text) {
  separate();
  body_ += html_ ? fmt::format("<blockquote>{}</blockquote>\n", escape(text)) : fmt::format("> {}\n\n", escape(text));
}
void Writer::emphasis(std::string_view text) {
  separate();
  body_ += html_ ? fmt::format("<p class=\"cites\">{}</p>\n", escape(text)) : fmt::format("*{}*\n\n", escape(text));
}

void Writer::list(const std::vector<std::string>& items) {
  if (items.empty()) return;
  separate();
  if (html_) {
    body_ += "<ul>\n";
    for (const auto& i : items) body_ += fmt::format("<li>{}</li>\n", escape(i));
    body_ += "</ul>\n";
    return;
  }
  for (const auto& i : items) body_ += fmt::format("- {}\n", escape(i));
  body_ += "\n";
}

void Writer::table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  separate();
  if (html_) {
    body_ += "<table>\n<tr>";
    for (const auto& h : header) body_ += fmt::format("<th>{}</th>", escape(h));
    body_ += "</tr>\n";
    for (const auto& row : rows) {
      body_ += "<tr>";
      for (const auto& cell : row) body_ += fmt::format("<td>{}</td>", escape(cell));
      body_ += "</tr>\n";
    }
    body_ += "</table>\n";
    return;
  }
  // A `|` in a cell would end it.
  auto cell = [this](const std::string& c) {
    std::string out;
    for (const char ch : escape(c)) out += ch == '|' ? std::string("\\|") : std::string(1, ch);
    return out;
  };
  std::string line = "|", rule = "|";
  for (const auto& h : header) line += " " + cell(h) + " |", rule += "---|";
  body_ += line + "\n" + rule + "\n";
  for (const auto& row : rows) {
    line = "|";
    for (const auto& c : row) line += " " + cell(c) + " |";
    body_ += line + "\n";
  }
  body_ += "\n";
}

std::string Writer::finish(std::string_view page_title) const {
  if (!html_) return body_;
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{}</style>\n"
      "</head>\n<body>\n{}</body>\n</html>\n",
      escape(page_title), style, body_);
}

}  // namespace gavel::document
