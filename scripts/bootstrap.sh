#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build and test gavel. Debian packages only;
# nothing is downloaded at build time.
set -euo pipefail

packages=(
  g++ cmake ninja-build ccache pkg-config
  tao-pegtl-dev      # the rule-file grammar
  libfmt-dev         # formatting of messages and JSON
  libsimdjson-dev    # the request decoder
  libcli11-dev       # the command line
  catch2             # the test suite (Catch2 v2)
  libedit-dev        # gavel repl: line editing, completion and history (BSD)
  libboost-dev       # gavel serve: Boost.Beast/Asio, the HTTP layer (header-only)
  libssl-dev         # gavel serve: SHA-256 of the policy (libcrypto)
  python3            # the service tests (standard library only)
  postgresql-15 postgresql-server-dev-15  # the PostgreSQL extension (postgres/) and its tests
  nodejs             # the playground page: esbuild bundles it (web/)
  chromium           # the playground's browser tests, driven headless by playwright-core
)
# Debian's npm; a nodejs that brings its own npm (NodeSource's) conflicts with that package.
command -v npm >/dev/null || packages+=(npm)
packages+=("$@")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "gavel: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The playground page's packages, pinned by web/package-lock.json, from the npm registry: installed
# when web/node_modules is missing or was installed from another lock (the copy npm ci leaves).
web="$(dirname "$0")/../web"
if ! cmp -s "$web/package-lock.json" "$web/node_modules/.gavel-installed-lock.json"; then
  echo "gavel: installing web/node_modules (npm ci)" >&2
  (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$web/package-lock.json" "$web/node_modules/.gavel-installed-lock.json"
fi
