// cmake/GavelEmbed.cmake: files embedded byte for byte, with the content type of their
// extension, an empty file included.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "service/embedded_files.hpp"

namespace gavel::service {
std::span<const EmbeddedFile> embed_test_files();
}

namespace {

std::string read(const std::string& name) {
  std::ifstream in(GAVEL_EMBED_TEST_DIR "/" + name, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("embedded files keep their bytes, their path and the content type of their extension") {
  const auto files = gavel::service::embed_test_files();
  REQUIRE(files.size() == 3);
  for (const auto& f : files) {
    INFO(f.path);
    CHECK(f.bytes == read(std::string(f.path)));
    if (f.path == "page.html") CHECK(f.content_type == "text/html; charset=utf-8");
    else if (f.path == "empty.txt") CHECK((f.content_type == "text/plain; charset=utf-8" && f.bytes.empty()));
    else CHECK((f.path == "bytes.png" && f.content_type == "image/png" && f.bytes.size() == 11));
  }
}
