// `gavel doc`: the FLEXIS notice's table of purposes against the seed policy's table, cell by
// cell — on meaning (normalised words) for the wording, strictly for the lawful bases, the
// categories of data and the retention periods. Every cell that differs is reported.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "gavel/gavel.hpp"

namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

using Row = std::vector<std::string>;

// The Markdown table whose header starts with `first`: its rows, cells trimmed.
std::vector<Row> table(const std::string& text, const std::string& first) {
  std::vector<Row> rows;
  std::istringstream lines(text);
  bool inside = false;
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!inside) {
      inside = line.rfind("| " + first + " |", 0) == 0;
      continue;
    }
    if (line.empty() || line[0] != '|') break;
    if (line.rfind("|---", 0) == 0) continue;
    Row row;
    std::string cell;
    for (std::size_t i = 1; i < line.size(); ++i) {
      if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') cell += line[++i];
      else if (line[i] == '|') row.push_back(cell), cell.clear();
      else cell += line[i];
    }
    for (auto& c : row) {
      c.erase(0, c.find_first_not_of(' '));
      c.erase(c.find_last_not_of(' ') + 1);
    }
    rows.push_back(row);
  }
  return rows;
}

const std::set<std::string> stopwords = {"the", "of", "a", "an", "and", "or", "on", "in", "to", "our", "data", "from",
                                         "after", "by", "with", "s", "other", "when", "for", "at", "we", "its", "their"};

// Lowercase words, with the policy's synonyms brought to one word.
std::vector<std::string> words(const std::string& text) {
  static const std::map<std::string, std::string> same = {
      {"business", "professional"}, {"information", "details"}, {"function", "position"},
      {"logistical", "logistics"},  {"ensuring", "ensure"},     {"organize", "organise"}};
  std::vector<std::string> out;
  std::string w;
  for (char c : text + " ") {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      w += char(std::tolower(static_cast<unsigned char>(c)));
    } else if (!w.empty()) {
      if (auto it = same.find(w); it != same.end()) w = it->second;
      out.push_back(w);
      w.clear();
    }
  }
  return out;
}

std::set<std::string> significant(const std::string& text) {
  std::set<std::string> out;
  for (const auto& w : words(text))
    if (!stopwords.count(w)) out.insert(w);
  return out;
}

double overlap(const std::string& a, const std::string& b) {
  const auto x = significant(a), y = significant(b);
  std::size_t common = 0;
  for (const auto& w : x) common += y.count(w);
  return x.empty() || y.empty() ? 0.0 : double(common) / double(std::max(x.size(), y.size()));
}

// `Consent / Legitimate Interest` -> {consent, legitimate interest}.
std::set<std::string> bases(const std::string& cell) {
  std::set<std::string> out;
  std::string part;
  std::istringstream in(cell);
  while (std::getline(in, part, '/')) {
    std::string joined;
    for (const auto& w : words(part)) joined += (joined.empty() ? "" : " ") + w;
    out.insert(joined);
  }
  return out;
}

// The items of a seed cell, split at commas outside parentheses; `inner` gets those inside.
std::vector<std::string> items(const std::string& cell, std::vector<std::string>& inner) {
  std::vector<std::string> out;
  std::string item, nested;
  int depth = 0;
  for (char c : cell + ",") {
    if (c == '(') ++depth;
    else if (c == ')') --depth, inner.push_back(nested), nested.clear();
    else if (c == ',' && depth == 0) out.push_back(item), item.clear();
    else if (c == ',' && depth > 0) inner.push_back(nested), nested.clear();
    else if (depth > 0) nested += c;
    else item += c;
  }
  for (auto* list : {&out, &inner})
    for (auto& i : *list) {
      i.erase(0, i.find_first_not_of(' '));
      i.erase(i.find_last_not_of(' ') + 1);
    }
  return out;
}

bool shares_word(const std::string& a, const std::string& b) {
  const auto x = significant(a), y = significant(b);
  return std::any_of(x.begin(), x.end(), [&](const auto& w) { return y.count(w) > 0; });
}

// Periods written in figures or in words: {"3 year"}.
std::multiset<std::string> periods(const std::string& text) {
  static const std::map<std::string, std::string> figures = {{"one", "1"}, {"two", "2"}, {"three", "3"}, {"four", "4"},
                                                             {"five", "5"}, {"six", "6"}, {"ten", "10"}};
  std::multiset<std::string> out;
  const auto w = words(text);
  for (std::size_t i = 0; i + 1 < w.size(); ++i) {
    std::string n = figures.count(w[i]) ? figures.at(w[i]) : w[i];
    std::string unit = w[i + 1];
    if (!unit.empty() && unit.back() == 's') unit.pop_back();
    if (std::all_of(n.begin(), n.end(), ::isdigit) && (unit == "day" || unit == "week" || unit == "month" || unit == "year"))
      out.insert(n + " " + unit);
  }
  return out;
}

bool mentions_withdrawal(const std::string& text) {
  const auto w = words(text);
  return std::any_of(w.begin(), w.end(), [](const auto& x) { return x.rfind("withdraw", 0) == 0; });
}

// The words a period counts from: after `from` or `after` in the seed.
std::set<std::string> anchor(const std::string& text) {
  std::set<std::string> out;
  const auto w = words(text);
  for (std::size_t i = 0; i < w.size(); ++i)
    if (w[i] == "from" || w[i] == "after")
      for (std::size_t j = i + 1; j < w.size() && w[j] != "or"; ++j)
        if (!stopwords.count(w[j])) out.insert(w[j]);
  return out;
}

// Every cell of the seed's table of purposes that the notice of `policy` does not match.
std::vector<std::string> differences_from_seed(const std::string& policy) {
  const fs::path root = GAVEL_SOURCE_DIR;
  const auto seed = table(read(root / "tests/tools/doc/flexis-purposes.md"), "Purposes");
  REQUIRE(seed.size() == 5);
  const auto notice = gavel::render_document(policy, "rules/flexis.gavel");
  REQUIRE(notice.ok());
  const auto ours = table(notice.text, "Purpose");
  REQUIRE(!ours.empty());

  std::vector<std::string> differences;
  for (const auto& row : seed) {
    REQUIRE(row.size() >= 4);
    const Row* best = nullptr;
    double score = 0;
    for (const auto& r : ours)
      if (double s = overlap(row[0], r[0]); s > score) score = s, best = &r;
    if (!best || score < 0.6) {
      differences.push_back("no purpose of the notice is `" + row[0] + "`");
      continue;
    }
    const Row& r = *best;
    const std::string where = "purpose `" + row[0] + "`: ";
    if (bases(row[1]) != bases(r[1]))
      differences.push_back(where + "lawful bases: the seed says `" + row[1] + "`, the notice `" + r[1] + "`");
    // Categories: every one the seed names is in the notice, and every one of the notice is in
    // the seed (perhaps inside a parenthesis).
    std::vector<std::string> inner;
    const auto seed_items = items(row[2], inner);
    std::vector<std::string> notice_items;
    std::string part;
    std::istringstream in(r[2]);
    while (std::getline(in, part, ';')) notice_items.push_back(part);
    for (const auto& s : seed_items)
      if (std::none_of(notice_items.begin(), notice_items.end(), [&](const auto& n) { return shares_word(s, n); }))
        differences.push_back(where + "data: the seed's `" + s + "` is not in the notice's `" + r[2] + "`");
    for (const auto& n : notice_items) {
      auto in_seed = [&](const auto& s) { return shares_word(s, n); };
      if (std::none_of(seed_items.begin(), seed_items.end(), in_seed) && std::none_of(inner.begin(), inner.end(), in_seed))
        differences.push_back(where + "data: the notice's `" + n + "` is not in the seed's `" + row[2] + "`");
    }
    // Retention: the same periods, the same withdrawal, counted from the same event.
    if (periods(row[3]) != periods(r[3]) || mentions_withdrawal(row[3]) != mentions_withdrawal(r[3]))
      differences.push_back(where + "retention: the seed says `" + row[3] + "`, the notice `" + r[3] + "`");
    const auto from = anchor(row[3]), ours_words = significant(r[3]);
    for (const auto& w : from)
      if (!ours_words.count(w))
        differences.push_back(where + "retention counts from `" + w + "` in the seed, not in the notice's `" + r[3] + "`");
  }
  return differences;
}

std::string flexis() { return read(fs::path(GAVEL_SOURCE_DIR) / "rules/flexis.gavel"); }

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("the FLEXIS notice's purposes match the seed policy's table cell by cell") {
  const auto differences = differences_from_seed(flexis());
  for (const auto& d : differences) UNSCOPED_INFO(d);
  CHECK(differences.empty());
}

TEST_CASE("a notice that differs from the seed in a period, a basis or a category is reported") {
  const std::string text = flexis();
  const auto period = differences_from_seed(replaced(text, "retain 1 year after last_connection", "retain 2 years after last_connection"));
  REQUIRE(period.size() == 1);
  CHECK(period[0].find("retention") != std::string::npos);
  const auto basis = differences_from_seed(replaced(text, "basis legitimate_interest or legal_obligation", "basis legitimate_interest"));
  REQUIRE(basis.size() == 1);
  CHECK(basis[0].find("lawful bases") != std::string::npos);
  const auto category = differences_from_seed(replaced(text, "data identity, technical_data,", "data identity,"));
  REQUIRE(category.size() == 1);
  CHECK(category[0].find("`technical data`") != std::string::npos);
}

TEST_CASE("the notice names the controller, the recipients, the rights and each rule's words") {
  const fs::path root = GAVEL_SOURCE_DIR;
  const auto notice = gavel::render_document(read(root / "rules/tilleuls.gavel"), "rules/tilleuls.gavel");
  REQUIRE(notice.ok());
  for (const auto* expected : {"# Privacy notice of", "## Recipients", "## Transfers and their safeguards",
                               "## Your rights", "Right of access (GDPR Art. 15)", "certified under",
                               "We answer a request within 1 month", "> Your health data never leaves the European Economic Area."})
    CHECK(notice.text.find(expected) != std::string::npos);
}

TEST_CASE("the HTML notice is one page that loads nothing from elsewhere") {
  const fs::path root = GAVEL_SOURCE_DIR;
  const auto page = gavel::render_document(read(root / "rules/tilleuls.gavel"), "rules/tilleuls.gavel", {.html = true});
  REQUIRE(page.ok());
  CHECK(page.text.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(page.text.find("@media print") != std::string::npos);
  for (const auto* external : {"<link", "<script", "src=", "http://", "https://", "@import", "url("})
    CHECK(page.text.find(external) == std::string::npos);
}

TEST_CASE("the record of processing has every point of Art. 30(1)") {
  const fs::path root = GAVEL_SOURCE_DIR;
  const auto record = gavel::render_document(read(root / "rules/flexis.gavel"), "rules/flexis.gavel", {.record = true});
  REQUIRE(record.ok());
  for (const auto* point : {"## (a) Controller", "## (b) Purposes", "## (c) Categories of data subjects",
                            "## (d) Categories of recipients", "## (e) Transfers", "## (f) Time limits for erasure",
                            "## (g) Technical and organisational security measures"})
    CHECK(record.text.find(point) != std::string::npos);
}

TEST_CASE("a policy with errors gives its diagnostics, not a document") {
  const auto result = gavel::render_document("purpose p \"P\" { basis consent data nothing }", "broken.gavel");
  CHECK_FALSE(result.ok());
  CHECK(result.report.find("broken.gavel:1:") != std::string::npos);
}
