// The subcommands of `gavel`. Each one registers itself on the application, and reports its
// outcome through `exit_code`: 0 clean, 1 warnings only, 2 any error.
#pragma once

namespace CLI {
class App;
}

namespace gavel::cli {

inline constexpr int exit_ok = 0;
inline constexpr int exit_warnings = 1;
inline constexpr int exit_failures = 1;  // gavel test: some case failed, none broken
inline constexpr int exit_error = 2;

// gavel check FILE... [--format human|json] [--color auto|always|never]
void add_check_command(CLI::App& app, int& exit_code);

// gavel decide POLICY [REQUEST|-] [--trace] [--explain]; gavel decide POLICY --batch FILE
void add_decide_command(CLI::App& app, int& exit_code);

// gavel test PATH... [--verbose]
void add_test_command(CLI::App& app, int& exit_code);

// gavel repl POLICY [--today DATE] [--history FILE] [--echo]
void add_repl_command(CLI::App& app, int& exit_code);

// gavel generate [--count N] [--seed S] [--policy FILE]: realistic requests as JSON lines
void add_generate_command(CLI::App& app, int& exit_code);

// gavel serve POLICY [--listen HOST:PORT]: the decision service over HTTP
void add_serve_command(CLI::App& app, int& exit_code);

// gavel playground POLICY [--listen HOST:PORT] [--open]: the playground's page on loopback
void add_playground_command(CLI::App& app, int& exit_code);

// gavel log verify FILE...; gavel log replay FILE... --policy NEW: the decision log
void add_log_command(CLI::App& app, int& exit_code);

// gavel fmt FILE... [--write | --check]: the canonical layout of rule files
void add_fmt_command(CLI::App& app, int& exit_code);

// gavel doc POLICY [--format markdown|html] [--record]: the notice, or the Art. 30 record
void add_doc_command(CLI::App& app, int& exit_code);

// gavel diff OLD NEW [--requests FILE]: declarations, rules and decisions that change
void add_diff_command(CLI::App& app, int& exit_code);

}  // namespace gavel::cli
