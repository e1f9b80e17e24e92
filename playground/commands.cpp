// The playground's command language: the table `help` shows, the tokenizer, names and dates
// as the commands write them, and continuation lines.
#include "playground/session_impl.hpp"

#include <algorithm>


namespace gavel::playground {

const std::vector<CommandHelp>& command_table() {
  static const std::vector<CommandHelp> table = {
      {"today", "today DATE", "today 2026-11-26", "the day the questions are asked on"},
      {"consent", "consent given PURPOSE DATE", "consent given newsletter 2024-01-10", "the person consented to a purpose"},
      {"consent", "consent withdrawn PURPOSE DATE", "consent withdrawn newsletter 2026-03-01",
       "the person withdrew that consent"},
      {"consent", "consent never given PURPOSE", "consent never given newsletter",
       "the person never consented to a purpose (without a consent record, it is not known)"},
      {"explicit", "explicit consent given PURPOSE DATE", "explicit consent given newsletter 2024-01-10",
       "the person gave explicit consent, as special data asks (GDPR Art. 9(2)(a))"},
      {"basis", "basis of record PURPOSE BASIS", "basis of record events legitimate_interest",
       "the lawful basis this person's processing rests on, for a purpose whose bases are chosen one per person"},
      {"objected", "objected to PURPOSE|GROUP DATE", "objected to direct_marketing 2026-02-01",
       "the person objected to a purpose or a group of purposes"},
      {"restricted", "restricted since DATE [until DATE]", "restricted since 2026-10-01 until 2026-12-31",
       "processing is restricted for that period"},
      {"unlawful", "unlawful | not unlawful", "unlawful", "the data was (or was not) found to be processed unlawfully"},
      {"DATE_NAME", "DATE_NAME DATE", "last_contact 2025-05-01", "a date retention counts from (see `help dates`)"},
      {"DATE_NAME", "DATE_NAME not yet", "last_contact not yet", "the event of that date has not happened yet"},
      {"FACT_NAME", "FACT_NAME since DATE", "parental_consent since 2025-09-01",
       "a fact the policy records for the person holds since that day (see `help facts`)"},
      {"not", "not FACT_NAME", "not parental_consent", "that fact does not hold for the person"},
      {"born", "born DATE", "born 2012-04-03", "the person's date of birth"},
      {"age", "age N", "age 15", "the person's age today in whole years, when the date of birth is not known"},
      {"assert", "assert FACT", "assert legal_claims",
       "the controller asserts a fact about the action (the language's, or one the policy declares asserted per "
       "action)"},
      {"retract", "retract FACT", "retract legal_claims", "the controller no longer asserts it"},
      {"forget", forget_usage, "forget objection direct_marketing",
       "remove a fact, so that it is not known (or the questions, or all)"},
      {"may", "may ACTION DATA for PURPOSE [with RECIPIENT] [in COUNTRY]?",
       "may communicate identity, contact_details for newsletter with salesforce?",
       "ask whether an action is allowed today: the decision and its main reason"},
      {"request", "request RIGHT for PURPOSE [received DATE]", "request erasure for newsletter received 2026-08-05",
       "ask whether a rights request must be granted, and by when"},
      {"ask", "ask", "ask", "ask every question of the session again"},
      {"why", "why [qN]", "why q1", "the full reasons of a decision (the last question by default)"},
      {"why", "why not [qN]", "why not q1", "for a deny: the smallest changes that would make it an allow"},
      {"json", "json [qN]", "json q1", "the response exactly as `gavel decide` returns it"},
      {"json", "json request [qN]", "json request q1", "the request as JSON, for `gavel decide POLICY -`"},
      {"facts", "facts", "facts", "the day, the facts and the questions of the session, as commands"},
      {"rule", "rule [ID]", "rule retention-over",
       "a rule of the policy: its conclusion, condition, exceptions and citations (without ID: every rule)"},
      {"what", "what if CHANGE [and CHANGE]", "what if consent withdrawn newsletter 2026-03-01",
       "ask every question again under a change, side by side, keeping the facts; CHANGE is a fact command, "
       "`today DATE`, `recipient R`, `no recipient`, `country CC`, `no country` or `data A, B`"},
      {"undo", "undo", "undo", "step back the last change to the day, the facts or the questions"},
      {"load", "load FILE", "load rules/flexis.gavel", "use another policy (the current one stays if it has errors)"},
      {"reload", "reload", "reload", "read the policy file again after editing it"},
      {"save", "save FILE[, replacing it]", "save session.json",
       "write the questions and their answers as a scenario for `gavel test`, to a new file (or over an "
       "existing one with `, replacing it`; never over the policy in use)"},
      {"help", "help [COMMAND]", "help what", "this list, or the commands starting with a word"},
      {"quit", "quit", "quit", "leave the playground (also `exit`, or Ctrl-D)"},
  };
  return table;
}

bool continues(std::string_view text) {
  bool quoted = false;
  for (char c : text)
    if (c == '"') quoted = !quoted;
  if (quoted) return true;
  auto end = text.find_last_not_of(" \t\r");
  return end != std::string_view::npos && text[end] == '\\';
}

void join_continuation(std::string& text, std::string_view next) {
  bool quoted = false;
  for (char c : text)
    if (c == '"') quoted = !quoted;
  if (!quoted) text.erase(text.find_last_of('\\'));
  // One space where the lines meet, inside a quote as outside it.
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
  const auto start = next.find_first_not_of(" \t");
  text += ' ';
  if (start != std::string_view::npos) text += next.substr(start);
}

void Session::Impl::help(const std::vector<std::string>& w) {
  Words in{w, 1, "help [COMMAND]"};
  std::string topic;
  if (!in.done()) topic = in.next("a command");
  in.end();
  if (topic == "dates" || contains(vocab.dates, topic)) {
    print("The dates retention counts from, each set with `NAME DATE` (e.g. `{} 2025-05-01`): {}",
          vocab.dates.empty() ? "DATE_NAME" : vocab.dates.front(), join(vocab.dates));
    return;
  }
  if (contains(vocab.recorded_facts, topic) || contains(vocab.asserted_facts, topic)) {
    print_declared_facts();
    return;
  }
  std::size_t shown = 0;
  for (const auto& c : command_table()) {
    if (!topic.empty() && c.word != topic) continue;
    ++shown;
    print("  {}", c.usage);
    print("      {}; e.g. `{}`", c.meaning, c.example);
  }
  if (!topic.empty() && shown == 0) {
    std::vector<std::string> words;
    for (const auto& c : command_table()) words.emplace_back(c.word);
    throw Refused{fmt::format("no command `{}`", topic),
                  did_you_mean(topic, words).empty() ? "`help` lists every command" : did_you_mean(topic, words)};
  }
  if (topic == "facts") print_declared_facts();
  if (topic.empty()) {
    print("Names complete with Tab; a line ending in `\\` continues on the next one.");
    print("Context facts: {}", join(vocab.context_facts));
    if (!vocab.asserted_facts.empty() || !vocab.recorded_facts.empty()) print_declared_facts();
  }
}

// The policy's own facts, by who states them.
void Session::Impl::print_declared_facts() {
  if (!vocab.asserted_facts.empty())
    print("Facts of the policy asserted for each action (`assert FACT`, `retract FACT`): {}", join(vocab.asserted_facts));
  if (!vocab.recorded_facts.empty())
    print("Facts of the policy recorded for the person (`FACT since DATE`, `not FACT`, `forget FACT`): {}",
          join(vocab.recorded_facts));
}

std::vector<std::string> Session::command_words() {
  return {"today",  "consent", "explicit", "basis",  "objected", "restricted", "unlawful", "not",
          "born",   "age",     "assert",   "retract", "forget",   "may",        "request",  "ask",
          "why",    "json",    "facts",    "rule",    "what",     "undo",       "load",     "reload",
          "save",   "help",    "quit",     "exit"};
}

}  // namespace gavel::playground
