// Files embedded in the binary at build time (cmake/GavelEmbed.cmake): the playground page
// and the bundled rule files.
#pragma once

#include <span>
#include <string_view>

namespace gavel::service {

struct EmbeddedFile {
  std::string_view path;          // relative to the folder it was embedded from: `index.html`
  std::string_view content_type;  // from its extension: `text/html; charset=utf-8`
  std::string_view bytes;
};

// The playground page's files (GET / and GET /assets/...).
std::span<const EmbeddedFile> web_files();
// The rule files shipped with gavel (rules/*.gavel).
std::span<const EmbeddedFile> bundled_rule_files();

// The page's file at `path` (`index.html`, `playground.js`), or null.
const EmbeddedFile* find_web_asset(std::string_view path);

}  // namespace gavel::service
