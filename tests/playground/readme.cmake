# The README's playground walkthrough must show exactly what the tested transcript prints:
# the block after `<!-- walkthrough: … -->` in README.md is sessions/walkthrough.expected with
# the prompt `gavel> ` for `> `, `build/gavel` for `gavel`, and no exit statuses.
#   cmake -DROOT=… -P readme.cmake
file(READ ${ROOT}/README.md readme)
string(FIND "${readme}" "<!-- walkthrough: tests/playground/sessions/walkthrough.expected -->" at)
if(at EQUAL -1)
  message(FATAL_ERROR "README.md has no walkthrough marker")
endif()
string(SUBSTRING "${readme}" ${at} -1 rest)
string(FIND "${rest}" "```text\n" open)
math(EXPR open "${open} + 8")
string(SUBSTRING "${rest}" ${open} -1 rest)
string(FIND "${rest}" "\n```" close)
math(EXPR close "${close} + 1")
string(SUBSTRING "${rest}" 0 ${close} shown)

file(READ ${ROOT}/tests/playground/sessions/walkthrough.expected golden)
set(expected "\n${golden}")
string(REGEX REPLACE "\nexit: [0-9]+\n" "\n" expected "${expected}")
string(REGEX REPLACE "\n\\$ gavel repl [^\n]*" "\n$ build/gavel repl rules/flexis.gavel --today 2026-11-26" expected "${expected}")
string(REGEX REPLACE "\n\\$ gavel " "\n$ build/gavel " expected "${expected}")
string(REGEX REPLACE "\n> " "\ngavel> " expected "${expected}")
string(SUBSTRING "${expected}" 1 -1 expected)
if(NOT shown STREQUAL expected)
  file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/readme-walkthrough.expected "${expected}")
  file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/readme-walkthrough.shown "${shown}")
  execute_process(COMMAND diff -u ${CMAKE_CURRENT_BINARY_DIR}/readme-walkthrough.expected
    ${CMAKE_CURRENT_BINARY_DIR}/readme-walkthrough.shown OUTPUT_VARIABLE diff)
  message(FATAL_ERROR "README.md's walkthrough differs from sessions/walkthrough.expected:\n${diff}")
endif()
