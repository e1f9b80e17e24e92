// The playground's session through the library: bad commands, completion, continuation
// lines, undo, reload with errors, save (and the files it must not destroy), strict question
// ids, and requests as JSON both ways.
#include <catch2/catch.hpp>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "gavel/gavel.hpp"
#include "playground/session.hpp"

namespace {

namespace fs = std::filesystem;
using gavel::playground::Session;

const std::string flexis = GAVEL_SOURCE_DIR "/rules/flexis.gavel";

Session flexis_session() {
  auto loaded = gavel::load_policy_file(flexis);
  REQUIRE(loaded.ok());
  return Session(flexis, loaded.policy, "2026-11-26");
}

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

fs::path scratch(const std::string& name) {
  auto dir = fs::temp_directory_path() / ("gavel-playground-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir / name;
}

const std::string tiny = R"(controller "Tiny" { established in eea }
countries eea "EEA" { FR, DE }
category identity "Name"
date last_contact "The last contact"
purpose newsletter "The newsletter" {
  basis consent
  data identity
  retain until consent withdrawn, at most 1 year after last_contact
}
)";

}  // namespace

TEST_CASE("bad commands say what was expected, with the nearest name", "[playground]") {
  auto s = flexis_session();
  struct Bad {
    std::string command, message, help;
  };
  const std::vector<Bad> cases = {
      {"consnet given newsletter 2024-01-10", "unknown command `consnet`", "did you mean `consent`?"},
      {"consent gave newsletter 2024-01-10", "expected `given`, `withdrawn` or `never`", "consent given newsletter 2024-01-10"},
      {"consent given newsletr 2024-01-10", "unknown purpose `newsletr`", "did you mean `newsletter`?"},
      {"consent given newsletter", "expected a date at the end", "consent given PURPOSE DATE"},
      {"consent given newsletter 2024-02-30", "2024-02-30 is not a day of the calendar", "2026-11-26"},
      {"consent withdrawn newsletter 2026-03-01", "no consent for newsletter to withdraw", "consent given newsletter DATE"},
      {"objected to direct_marketting 2026-02-01", "unknown purpose or group", "did you mean `direct_marketing`?"},
      {"objected direct_marketing 2026-02-01", "expected `to`, got `direct_marketing`", "objected to PURPOSE|GROUP DATE"},
      {"restricted since 2026-10-01 until 2026-01-01", "cannot end on 2026-01-01", ""},
      {"assert legal_claim", "unknown context fact `legal_claim`", "did you mean `legal_claims`?"},
      {"last_contat 2025-05-01", "unknown command `last_contat`", "did you mean `last_contact`?"},
      {"may comunicate identity for newsletter?", "unknown action `comunicate`", "did you mean `communicate`?"},
      {"may communicate for newsletter?", "expected the data categories", "may ACTION DATA for PURPOSE"},
      {"may communicate identity for newsletter with salesforse?", "unknown recipient", "did you mean `salesforce`?"},
      {"may communicate identity for newsletter in XX?", "the question is refused: `country`", ""},
      {"request erasur for newsletter", "unknown right `erasur`", "did you mean `erasure`?"},
      {"why", "no question asked yet", "may communicate identity for newsletter?"},
      {"what if", "expected a change", "what if CHANGE"},
      {"what if ask", "`ask` is not a change of the facts", "no recipient"},
      {"recipient ovh", "try it with `what if recipient ovh`", ""},
      {"undo", "nothing to undo", ""},
      {"help whatever", "no command `whatever`", ""},
      {"load no/such/policy.gavel", "still using", ""},
  };
  for (const auto& bad : cases) {
    INFO(bad.command);
    auto out = s.execute(bad.command);
    CHECK_FALSE(out.ok);
    CHECK((out.text.starts_with("error: ") || out.text.find("\nerror: ") != std::string::npos));
    CHECK(out.text.find(bad.message) != std::string::npos);
    if (!bad.help.empty()) CHECK(out.text.find(bad.help) != std::string::npos);
  }
  // None of them changed anything.
  CHECK(s.state().facts.consent.empty());
  CHECK(s.state().questions.empty());
}

TEST_CASE("help lists every command with an example", "[playground]") {
  auto s = flexis_session();
  auto out = s.execute("help");
  REQUIRE(out.ok);
  for (const auto& word : Session::command_words()) {
    if (word == "exit" || word == "not") continue;
    INFO(word);
    CHECK(out.text.find("  " + word) != std::string::npos);
  }
  CHECK(out.text.find("e.g. `consent given newsletter 2024-01-10`") != std::string::npos);
  CHECK(out.text.find("e.g. `what if consent withdrawn newsletter 2026-03-01`") != std::string::npos);
}

TEST_CASE("completion offers commands and the ids the policy declares", "[playground]") {
  auto s = flexis_session();
  using V = std::vector<std::string>;
  CHECK(s.complete("cons", "cons") == V{"consent"});
  CHECK(s.complete("consent giv", "giv") == V{"given"});
  CHECK(s.complete("consent given news", "news") == V{"newsletter"});
  CHECK(s.complete("last_c", "last_c") == V{"last_contact", "last_connection"});
  CHECK(s.complete("objected to direct", "direct") == V{"direct_marketing"});
  CHECK(s.complete("assert legal_c", "legal_c") == V{"legal_claims"});
  CHECK(s.complete("may comm", "comm") == V{"communicate"});
  CHECK(s.complete("may communicate ident", "ident") == V{"identity"});
  CHECK(s.complete("may communicate identity for con", "con") == V{"contact_requests"});
  CHECK(s.complete("may communicate identity for newsletter with sales", "sales") == V{"salesforce"});
  CHECK(s.complete("request era", "era") == V{"erasure"});
  CHECK(s.complete("what if cons", "cons") == V{"consent"});
  CHECK(s.complete("what if consent withdrawn ev", "ev") == V{"events"});
  CHECK(s.complete("what if recipient cl", "cl") == V{"cloudflare"});
  CHECK(s.complete("what if unlawful and ass", "ass") == V{"assert"});
  CHECK(s.complete("forget obj", "obj") == V{"objection"});
  CHECK(s.complete("rule direct-", "direct-") == V{"direct-marketing-objection"});
  auto purposes = s.complete("may use identity for ", "");
  CHECK(purposes.size() == 5);
  auto first = s.complete("", "");
  CHECK(std::find(first.begin(), first.end(), "what") != first.end());
  CHECK(std::find(first.begin(), first.end(), "event_end") != first.end());
}

TEST_CASE("a trailing backslash or an open quote continues a command", "[playground]") {
  using gavel::playground::continues;
  using gavel::playground::join_continuation;
  CHECK(continues("consent given newsletter \\"));
  CHECK(continues("save \"my"));
  CHECK_FALSE(continues("save \"my session.json\""));
  CHECK_FALSE(continues("facts"));
  std::string command = "consent given newsletter \\";
  join_continuation(command, "   2024-01-10");
  CHECK(command == "consent given newsletter 2024-01-10");
  command = "save \"my";
  join_continuation(command, "  session.json\"");
  CHECK(command == "save \"my session.json\"");
}

TEST_CASE("undo steps back facts, the day and questions", "[playground]") {
  auto s = flexis_session();
  REQUIRE(s.execute("consent given newsletter 2024-01-10").ok);
  REQUIRE(s.execute("last_contact 2025-05-01").ok);
  auto asked = s.execute("may communicate identity for newsletter?");
  REQUIRE(asked.ok);
  CHECK(asked.text.find("q1 allow by newsletter.consent") != std::string::npos);
  auto withdrawn = s.execute("consent withdrawn newsletter 2026-03-01");
  CHECK(withdrawn.text.find("q1 now deny by retention-over") != std::string::npos);
  auto undone = s.execute("undo");
  CHECK(undone.text.find("undone: consent withdrawn newsletter 2026-03-01") != std::string::npos);
  CHECK(undone.text.find("q1 now allow") != std::string::npos);
  CHECK_FALSE(s.state().facts.consent.at("newsletter").withdrawn);
  // what if changes nothing.
  auto what_if = s.execute("what if today 2030-01-01");
  CHECK(what_if.text.find("allow  deny   denied by retention-over") != std::string::npos);
  CHECK(s.state().facts.today == "2026-11-26");
  REQUIRE(s.execute("undo").ok);  // the question
  CHECK(s.state().questions.empty());
}

TEST_CASE("reload keeps the previous policy when the edited file has errors", "[playground]") {
  const auto path = scratch("tiny.gavel");
  std::ofstream(path) << tiny;
  auto loaded = gavel::load_policy_file(path.string());
  REQUIRE(loaded.ok());
  Session s(path.string(), loaded.policy, "2026-11-26");
  REQUIRE(s.execute("consent given newsletter 2024-01-10").ok);
  REQUIRE(s.execute("last_contact 2026-01-01").ok);
  REQUIRE(s.execute("may use identity for newsletter?").ok);

  std::ofstream(path) << tiny << "rule stop \"Stop\" cites \"x\" deny any action when objected to purpos\n";
  auto broken = s.execute("reload");
  CHECK_FALSE(broken.ok);
  CHECK(broken.text.find(":10:") != std::string::npos);  // the diagnostic, with its line
  CHECK(broken.text.find("has errors: still using") != std::string::npos);
  CHECK(s.execute("objected to newsletter 2026-02-01").text.find("now") == std::string::npos);  // no rule yet

  std::ofstream(path) << tiny << "rule stop \"Stop\" cites \"x\" deny any action when objected to purpose\n";
  auto fixed = s.execute("reload");
  CHECK(fixed.ok);
  CHECK(fixed.text.find("loaded") != std::string::npos);
  CHECK(fixed.text.find("q1 deny by stop") != std::string::npos);
}

TEST_CASE("save writes a scenario file that gavel test replays", "[playground]") {
  auto s = flexis_session();
  for (auto c : {"consent given newsletter 2024-01-10", "last_contact 2025-05-01",
                 "may communicate identity, contact_details for newsletter with salesforce?",
                 "consent withdrawn newsletter 2026-03-01", "request erasure for newsletter received 2026-08-05",
                 "may transfer identity for contact_requests in US?"})
    REQUIRE(s.execute(c).ok);
  const auto file = scratch("saved.json");
  fs::remove(file);
  auto out = s.execute("save " + file.string());
  REQUIRE(out.ok);
  CHECK(out.text.find("saved 3 cases") != std::string::npos);
  const auto json = read(file);
  CHECK(json.find("\"policy\": ") != std::string::npos);
  CHECK(json.find("\"decided_by\": [\"retention-over\"]") != std::string::npos);
  CHECK(json.find("\"due\": \"2026-09-07\"") != std::string::npos);
  const std::string command = std::string(GAVEL_BINARY) + " test " + file.string() + " > /dev/null";
  CHECK(std::system(command.c_str()) == 0);
}

TEST_CASE("requests as JSON both ways decide as the original", "[playground]") {
  auto loaded = gavel::load_policy_file(flexis);
  REQUIRE(loaded.ok());
  gavel::Decider decider(loaded.policy);
  for (const auto& entry : fs::directory_iterator(GAVEL_SOURCE_DIR "/examples/requests")) {
    const auto text = read(entry.path());
    gavel::RequestError error;
    auto request = gavel::parse_request(text, error);
    INFO(entry.path().string());
    REQUIRE(request);
    std::string original, again;
    const bool decided = decider.decide_json(text, original);
    CHECK(decider.decide_json(gavel::to_json(*request), again) == decided);
    if (decided) CHECK(again == original);
  }
}

TEST_CASE("the vocabulary names every declaration", "[playground]") {
  auto loaded = gavel::load_policy_file(flexis);
  REQUIRE(loaded.ok());
  const auto v = gavel::vocabulary(*loaded.policy);
  CHECK(v.purposes.size() == 5);
  CHECK(v.categories.size() == 15);
  CHECK(v.dates == std::vector<std::string>{"last_contact", "event_end", "last_connection"});
  CHECK(v.groups == std::vector<std::string>{"direct_marketing", "email_communications"});
  CHECK(v.recipients.size() == 8);
  CHECK(v.home == "eea");
  REQUIRE(v.purpose("newsletter"));
  CHECK(v.purpose("newsletter")->bases == std::vector<std::string>{"consent"});
  REQUIRE(v.recipient("ovh"));
  CHECK(v.recipient("ovh")->receives == std::vector<std::string>{"technical_data", "connection_logs", "ip_address"});
}

TEST_CASE("question ids are q and the number facts writes, nothing looser", "[playground]") {
  auto s = flexis_session();
  REQUIRE(s.execute("consent given newsletter 2024-01-10").ok);
  REQUIRE(s.execute("last_contact 2025-05-01").ok);
  for (auto q : {"may communicate identity for newsletter?", "may use identity for newsletter?",
                 "request erasure for newsletter"})
    REQUIRE(s.execute(q).ok);
  for (std::string id : {"q-1", "q2x1", "q18446744073709551617", "q01", "q0", "1", "q", "Q1", "q+1", "q 1", "q1.",
                         "q00", "q4", "q99999999999999999999999999"}) {
    INFO(id);
    for (std::string command : {"why ", "why not ", "json ", "json request "}) {
      auto out = s.execute(command + "\"" + id + "\"");
      CHECK_FALSE(out.ok);
      CHECK(out.text.starts_with("error: "));
      CHECK(out.text.find("= help: the questions are q1 … q3 (`facts` lists them)") != std::string::npos);
    }
  }
  CHECK(s.execute("json q3").ok);
  CHECK(s.execute("why not q2").ok);
}

namespace {

fs::path fresh_folder(const std::string& name) {
  const auto dir = scratch(name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// A session on a copy of the tiny policy in `dir`, with one question asked.
std::unique_ptr<Session> tiny_session(const fs::path& dir) {
  std::ofstream(dir / "tiny.gavel") << tiny;
  auto loaded = gavel::load_policy_file((dir / "tiny.gavel").string());
  REQUIRE(loaded.ok());
  auto s = std::make_unique<Session>((dir / "tiny.gavel").string(), loaded.policy, "2026-11-26");
  REQUIRE(s->execute("consent given newsletter 2024-01-10").ok);
  REQUIRE(s->execute("may use identity for newsletter?").ok);
  return s;
}

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("save never writes over the policy in use, whatever the path to it", "[playground]") {
  const auto dir = fresh_folder("policy-in-use");
  auto s = tiny_session(dir);
  fs::create_hard_link(dir / "tiny.gavel", dir / "hard.gavel");
  fs::create_symlink(dir / "tiny.gavel", dir / "soft.gavel");
  for (auto target : {"tiny.gavel", "hard.gavel", "soft.gavel"}) {
    for (std::string how : {"", ", replacing it"}) {
      INFO(target << how);
      auto out = s->execute("save " + (dir / target).string() + how);
      CHECK_FALSE(out.ok);
      CHECK(out.text.find("is the policy in use: saving would overwrite it") != std::string::npos);
    }
  }
  CHECK(read(dir / "tiny.gavel") == tiny);
  CHECK(names_in(dir) == std::vector<std::string>{"hard.gavel", "soft.gavel", "tiny.gavel"});
}

TEST_CASE("save keeps an existing file unless told to replace it, and keeps its permissions", "[playground]") {
  const auto dir = fresh_folder("existing");
  auto s = tiny_session(dir);
  const auto file = dir / "notes.json";
  std::ofstream(file) << "my notes\n";
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  auto kept = s->execute("save " + file.string());
  CHECK_FALSE(kept.ok);
  CHECK(kept.text.find("already exists: it is left as it is") != std::string::npos);
  CHECK(kept.text.find("= help: to replace it, write `save " + file.string() + ", replacing it`") != std::string::npos);
  CHECK(read(file) == "my notes\n");
  auto replaced = s->execute("save " + file.string() + ", replacing it");
  CHECK(replaced.ok);
  CHECK(replaced.text.find("saved 1 case to " + file.string() + ", replacing it") != std::string::npos);
  CHECK(read(file).find("\"cases\"") != std::string::npos);
  CHECK(fs::status(file).permissions() == (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
  CHECK(names_in(dir) == std::vector<std::string>{"notes.json", "tiny.gavel"});
}

TEST_CASE("a save that cannot be written whole is a failure and leaves the old file", "[playground]") {
  const auto dir = fresh_folder("short-write");
  auto s = tiny_session(dir);
  const auto file = dir / "session.json";
  std::ofstream(file) << "the old scenario\n";
  // A file size limit makes the write short, as a full disk does: the process is told
  // (EFBIG) rather than stopped when SIGXFSZ is ignored, as `gavel repl` does.
  rlimit before{};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &before) == 0);
  auto* previous = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small = before;
  small.rlim_cur = 64;
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
  auto out = s->execute("save " + file.string() + ", replacing it");
  auto fresh = s->execute("save " + (dir / "new.json").string());
  ::setrlimit(RLIMIT_FSIZE, &before);
  std::signal(SIGXFSZ, previous);
  CHECK_FALSE(out.ok);
  CHECK(out.text == "error: cannot write `" + file.string() + "`: File too large\n");
  CHECK_FALSE(fresh.ok);
  CHECK(fresh.text.find("File too large") != std::string::npos);
  CHECK(read(file) == "the old scenario\n");
  CHECK(names_in(dir) == std::vector<std::string>{"session.json", "tiny.gavel"});  // no half-written file left
}

TEST_CASE("save refuses folders and devices, and gives the OS's reason when it cannot write", "[playground]") {
  const auto dir = fresh_folder("targets");
  auto s = tiny_session(dir);
  struct Bad {
    std::string target, message;
  };
  const std::vector<Bad> cases = {
      {dir.string(), "is a folder"},
      {"/dev/full", "`/dev/full` is not a regular file: a scenario is saved to a regular file only"},
      {"/dev/full, replacing it", "is not a regular file"},
      {"/dev/null, replacing it", "is not a regular file"},
      {(dir / "missing" / "x.json").string(), "`: No such file or directory"},
      {(dir / "tiny.gavel" / "x.json").string(), "`: Not a directory"},
  };
  for (const auto& bad : cases) {
    INFO(bad.target);
    auto out = s->execute("save " + bad.target);
    CHECK_FALSE(out.ok);
    CHECK(out.text.find(bad.message) != std::string::npos);
    CHECK(out.text.find("saved 1 case") == std::string::npos);
  }
}

TEST_CASE("load shows why a policy cannot be loaded and keeps the one in use", "[playground]") {
  auto s = flexis_session();
  REQUIRE(s.execute("consent given newsletter 2024-01-10").ok);
  const auto dir = fresh_folder("load");
  for (auto path : {dir.string(), (dir / "missing.gavel").string()}) {
    INFO(path);
    auto out = s.execute("load " + path);
    CHECK_FALSE(out.ok);
    CHECK(out.text.starts_with(path));  // the report, as load_policy_file gives it
    CHECK(out.text.find("error: `" + path + "` ") != std::string::npos);
    CHECK(out.text.find(": still using `" + flexis + "`") != std::string::npos);
  }
  CHECK(s.execute("may communicate identity for newsletter?").ok);
}
