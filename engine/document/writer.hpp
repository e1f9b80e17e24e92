// The two faces of a gavel document: Markdown, or one self-contained HTML page that prints
// well (no external resources). The notice and the record say what to write; this says how.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gavel::document {

class Writer {
 public:
  explicit Writer(bool html) : html_(html) {}

  void title(std::string_view text);
  void heading(std::string_view text);
  void subheading(std::string_view text);
  void paragraph(std::string_view text);
  void field(std::string_view label, std::string_view value);  // `label: value`, the label in bold
  void quote(std::string_view text);
  void emphasis(std::string_view text);  // a paragraph in italics
  void list(const std::vector<std::string>& items);
  void table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

  // The whole document: HTML gets its head, its style and its page title.
  std::string finish(std::string_view page_title) const;

 private:
  std::string escape(std::string_view text) const;
  void separate();
  bool html_;
  std::string body_;
};

}  // namespace gavel::document
