#!/usr/bin/env bash
# Installs the offline test host: code-server 4.100.3 (the real VS Code 1.100.3 server, web workbench and Node
# extension host) from the npm registry, plus the Debian packages the tests need. Idempotent; safe to re-run.
# Usage: scripts/setup-code-server.sh [DEST]   (default .vscode-test/code-server, git-ignored)
set -euo pipefail
CS_VERSION=4.100.3
cd "$(dirname "$0")/.."
DEST="${1:-.vscode-test/code-server}"
export DEBIAN_FRONTEND=noninteractive

# 1. Debian packages: chromium drives the workbench (playwright-core); libkrb5-dev, build-essential, python3 and
#    pkg-config build code-server's native modules; ripgrep replaces @vscode/ripgrep's GitHub download; curl runs
#    the generated cURL snippets, php-cli/php-curl and python3-requests the PHP and Python ones; tinyproxy is the
#    local proxy of the proxy test.
need=()
for p in chromium libkrb5-dev ripgrep build-essential python3 pkg-config curl tinyproxy php-cli php-curl python3-requests; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if ((${#need[@]})); then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: ${need[*]}. Install them (sudo apt-get install ${need[*]}) and re-run." >&2
    exit 1
  fi
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ -f "$DEST/node_modules/code-server/package.json" ] &&
   [ "$(node -p "require('./$DEST/node_modules/code-server/package.json').version" 2>/dev/null)" = "$CS_VERSION" ] &&
   [ -x "$DEST/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ]; then
  echo "code-server $CS_VERSION already installed in $DEST"
  exit 0
fi

# 2. @vscode/ripgrep@1.15.11 (pinned by code-server 4.100.3) downloads ripgrep from GitHub in its postinstall
#    unless this cache file exists; Debian's rg is the same 13.0.0.
RG_CACHE="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
RG_TGZ="$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -s "$RG_TGZ" ]; then
  mkdir -p "$RG_CACHE"
  stage="$(mktemp -d)"
  cp "$(command -v rg)" "$stage/rg"
  tar czf "$RG_TGZ" -C "$stage" rg
  rm -rf "$stage"
fi

# 3. code-server's postinstall refuses root without npm_config_unsafe_perm, and node-pty's postinstall runs npx,
#    which needs npm_config_yes without a terminal (CI).
mkdir -p "$DEST"
[ -f "$DEST/package.json" ] ||
  echo '{"private":true,"name":"code-server-host","dependencies":{"code-server":"'"$CS_VERSION"'"}}' > "$DEST/package.json"
( cd "$DEST" && npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION" )
echo "installed code-server $CS_VERSION: $(du -sh "$DEST/node_modules" | cut -f1) in $DEST"
