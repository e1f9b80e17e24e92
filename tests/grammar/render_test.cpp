// Diagnostics render the way compilers do, and as JSON that tools can read.
#include <catch2/catch.hpp>

#include <string>

#include "grammar/diagnostics.hpp"
#include "grammar/parser.hpp"

using namespace gavel;

TEST_CASE("a diagnostic renders with its line, a caret under its span and its help", "[grammar][render]") {
  const Source source{"rules/flexis.gavel", "purpose p \"P\" {\n  basis consnt\n}\n"};
  const auto r = grammar::parse(source);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(render_human(source, r.diagnostics[0]) ==
        "rules/flexis.gavel:2:9: error: expected a lawful basis such as `consent` or `legitimate_interest` after "
        "`basis`\n"
        "    2 |   basis consnt\n"
        "      |         ^^^^^^\n"
        "      = help: did you mean `consent`?\n");
}

TEST_CASE("warnings say so, and a diagnostic without help has no help line", "[grammar][render]") {
  const Source source{"a.gavel", "category x \"X\"\n"};
  const Diagnostic d{Severity::warning, Span{9, 10, 1, 10}, "category `x` is not used", ""};
  CHECK(render_human(source, d) ==
        "a.gavel:1:10: warning: category `x` is not used\n"
        "    1 | category x \"X\"\n"
        "      |          ^\n");
}

TEST_CASE("the caret is clipped to the first line and is never empty", "[grammar][render]") {
  const Source source{"a.gavel", "ab\ncd\n"};
  const Diagnostic multi{Severity::error, Span{1, 5, 1, 2}, "m", ""};
  CHECK(render_human(source, multi) == "a.gavel:1:2: error: m\n    1 | ab\n      |  ^\n");
  const Diagnostic empty{Severity::error, Span{6, 6, 3, 1}, "at the end", ""};
  CHECK(render_human(source, empty) == "a.gavel:3:1: error: at the end\n    3 | \n      | ^\n");
}

TEST_CASE("tabs and UTF-8 before the caret keep it in place", "[grammar][render]") {
  const Source source{"a.gavel", "\t\"Général\" oops\n"};
  const Diagnostic d{Severity::error, Span{13, 17, 1, 14}, "m", ""};
  CHECK(render_human(source, d) == "a.gavel:1:14: error: m\n    1 | \t\"Général\" oops\n      | \t          ^^^^\n");
}

TEST_CASE("colour is used only when asked", "[grammar][render]") {
  const Source source{"a.gavel", "x\n"};
  const Diagnostic d{Severity::error, Span{0, 1, 1, 1}, "m", "h"};
  CHECK(render_human(source, d).find('\x1b') == std::string::npos);
  CHECK(render_human(source, d, true).find("\x1b[") != std::string::npos);
}

TEST_CASE("diagnostics render as a JSON array with escaped strings", "[grammar][render]") {
  const Source source{"dir/\"q\".gavel", "ab\ncd\n"};
  const std::vector<Diagnostic> ds = {
      {Severity::error, Span{1, 4, 1, 2}, "a `\"quoted\"` \\ message\twith\ncontrol \x01", "did you mean `x`?",
       Code::syntax_expected},
      {Severity::warning, Span{3, 5, 2, 1}, "bad \xff byte, good \xc3\xa9", ""},
  };
  CHECK(render_json(source, ds) ==
        "[{\"file\":\"dir/\\\"q\\\".gavel\",\"line\":1,\"column\":2,\"end_line\":2,\"end_column\":2,\"severity\":"
        "\"error\",\"message\":\"a `\\\"quoted\\\"` \\\\ message\\twith\\ncontrol \\u0001\",\"help\":\"did you mean "
        "`x`?\",\"code\":\"syntax.expected\"},"
        "{\"file\":\"dir/\\\"q\\\".gavel\",\"line\":2,\"column\":1,\"end_line\":2,\"end_column\":3,\"severity\":"
        "\"warning\",\"message\":\"bad \\ufffd byte, good \xc3\xa9\",\"help\":\"\",\"code\":\"\"}]");
  CHECK(render_json(source, {}) == "[]");
}

TEST_CASE("lines end at a lone carriage return too, when rendering", "[grammar][render]") {
  // Each of `\r`, `\r\n` and `\n` ends one line; the line shown has no line end in it.
  const Source source{"a.gavel", "one\rtwo\r\nthree\nfour oops\rfive"};
  const Diagnostic d{Severity::error, Span{20, 24, 0, 0}, "m", ""};  // no line known: worked out
  CHECK(render_human(source, d) == "a.gavel:4:6: error: m\n    4 | four oops\n      |      ^^^^\n");
  const Diagnostic across{Severity::error, Span{4, 14, 0, 0}, "m", ""};  // `two\r\nthree`
  CHECK(render_json(source, {across}).find(R"("line":2,"column":1,"end_line":3,"end_column":6)") != std::string::npos);
  const Diagnostic at_lf{Severity::error, Span{8, 9, 2, 4}, "m", ""};  // the `\n` of `\r\n`
  CHECK(render_human(source, at_lf) == "a.gavel:2:4: error: m\n    2 | two\n      |    ^\n");
}
