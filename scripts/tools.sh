# Sourced by scripts/serve and scripts/test: installs what a fresh machine of this kind lacks and
# skips what is already there at the right version. Every version comes from one place: Trunk's
# here, wasm-bindgen's from Cargo.lock, the npm tools' from package-lock.json.

TRUNK_VERSION=0.21.14
WASM_OPT_VERSION=version_132

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# The wasm-bindgen version Cargo.lock pins; the CLI must equal it exactly.
locked_wasm_bindgen() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_wasm_target() {
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    return
  fi
  say "installing the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
}

ensure_trunk() {
  if [ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ]; then
    return
  fi
  say "installing trunk $TRUNK_VERSION (about 9 minutes on 2 cores, once)"
  cargo install --locked "trunk@$TRUNK_VERSION"
}

ensure_wasm_bindgen() {
  local want
  want=$(locked_wasm_bindgen)
  if [ -z "$want" ]; then
    echo "Cargo.lock names no wasm-bindgen version" >&2
    return 1
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $want" ] &&
    [ "$(wasm-bindgen-test-runner --version 2>/dev/null)" = "wasm-bindgen-test-runner $want" ]; then
    return
  fi
  say "installing wasm-bindgen-cli $want (about 3 minutes, once)"
  # Not --locked: its lock file names a webpki-roots release the registry no longer serves.
  cargo install --force wasm-bindgen-cli --version "=$want"
}

# npm dev tools (wasm-opt from binaryen, Playwright, axe-core), reinstalled only when
# package-lock.json changed since the last install.
ensure_npm_tools() {
  local stamp=node_modules/.lock-sha256 want
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ -x node_modules/.bin/wasm-opt ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
    return
  fi
  say "installing npm dev tools from package-lock.json"
  # Without install scripts: the only ones are pouchdb-server's optional native backends
  # (leveldown, sqlite3), which its in-memory mode does not use and which would try to
  # download Node's headers to build.
  npm ci --no-audit --no-fund --ignore-scripts
  echo "$want" >"$stamp"
}

ensure_chromium() {
  if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
    return
  fi
  say "installing Debian's chromium and chromium-driver"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver
}

# Independent checkers the native tests call to read back what the app writes: Python's
# icalendar for .ics files, rsvg-convert and zbarimg for QR codes.
ICALENDAR_VERSION=7.3.2
ensure_checkers() {
  if ! python3 -c "import icalendar" 2>/dev/null; then
    say "installing Python icalendar $ICALENDAR_VERSION"
    python3 -m pip install --quiet "icalendar==$ICALENDAR_VERSION"
  fi
  if ! command -v zbarimg >/dev/null || ! command -v rsvg-convert >/dev/null; then
    say "installing Debian's zbar-tools and librsvg2-bin"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q zbar-tools librsvg2-bin
  fi
}

# Everything Trunk needs to build without downloading: tools on PATH, their versions in the
# environment, and crates fetched (offline Trunk passes --offline to cargo).
ensure_build_tools() {
  ensure_wasm_target
  ensure_trunk
  ensure_wasm_bindgen
  ensure_npm_tools
  export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
  export TRUNK_TOOLS_WASM_BINDGEN
  TRUNK_TOOLS_WASM_BINDGEN=$(locked_wasm_bindgen)
  export TRUNK_TOOLS_WASM_OPT=$WASM_OPT_VERSION
  cargo fetch --locked >/dev/null
}

# The builds besides the root one (index.html), as <directory>:<binary>, each after the builds
# whose directories hold its own (Trunk empties its own dist directory). ui::routes::Build
# lists the same; a native test compares the two.
BUILDS="eligibility:eligibility my-pledges:mine organizer:organizer organizer/schedule:schedule organizer/check-in:checkin organizer/data:data organizer/setup:setup organizer/drives:drivesetup organizer/inbox:inbox d:shared organizer/sync:sync"

# Builds that are no page of the app but a frame some pages show, as <directory>:<binary>, each
# built from its own <binary>.html: the scanner's camera and QR decoder (src/bin/scan.rs, shown
# by ui::scanner in the desk and the inbox, so those builds do not carry them).
FRAMES="organizer/scan:scan"

# Directories served by a build that lives in another, as <directory>:<build's directory>: the
# bundle holds a copy of that build's index.html there (ui::routes::Build::also lists the same).
ALSO="pledge:my-pledges"

# Builds with no page, loaded only in a hidden frame while online (never precached, see
# scripts/pwa-build.mjs), as <directory>:<binary>: the volunteer's sender, which my-pledges
# loads while slips wait (src/ui/outbox.rs). Their page keeps only the wasm and its start-up.
ONLINE="send:send"

# The page Trunk builds for one binary: index.html with that binary and its first paint
# (style/boot/<bin>.html, generated from the app's routes and words by src/ui/boot.rs's test),
# made in target/builds/ with its paths pointing back at the sources (only the root build copies
# the shared files).
build_html() {
  local bin=$1 html=target/builds/$1.html
  mkdir -p target/builds
  sed -e "s|<link data-trunk rel=\"rust\" data-bin=\"hien-mau\"|<link data-trunk rel=\"rust\" href=\"../../Cargo.toml\" data-bin=\"$bin\"|" \
    -e "/<!-- boot -->/{r style/boot/$bin.html" -e 'd}' \
    -e "$([ "$bin" = hien-mau ] || echo '/rel="copy-file"\|rel="copy-dir"/d')" \
    -e 's|href="style/|href="../../style/|g' -e 's|href="src/|href="../../src/|g' -e 's|src="src/|src="../../src/|g' index.html >"$html"
  echo "$html"
}

# The release bundle in <dist> (default dist/): the root build, then each of BUILDS in its
# directory (served for the paths under it; see ui::routes::Build), then the service worker
# for all of them.
build_release() {
  local dist=${1:-dist} entry
  trunk build "$(build_html hien-mau)" --release --dist "$dist" || return 1
  for entry in $BUILDS; do
    trunk build "$(build_html "${entry##*:}")" --release --dist "$dist/${entry%%:*}" \
      --public-url "/${entry%%:*}/" || return 1
  done
  for entry in $FRAMES; do
    trunk build "${entry##*:}.html" --release --dist "$dist/${entry%%:*}" \
      --public-url "/${entry%%:*}/" || return 1
  done
  for entry in $ONLINE; do
    sed -e '/rel="css"\|rel="icon"\|rel="manifest"\|rel="apple-touch-icon"\|src\/pwa.js/d' \
      "$(build_html "${entry##*:}")" >"target/builds/${entry##*:}.online.html"
    trunk build "target/builds/${entry##*:}.online.html" --release --dist "$dist/${entry%%:*}" \
      --public-url "/${entry%%:*}/" || return 1
  done
  for entry in $ALSO; do
    mkdir -p "$dist/${entry%%:*}"
    cp "$dist/${entry##*:}/index.html" "$dist/${entry%%:*}/index.html"
  done
  node scripts/pwa-build.mjs --worker "$dist"
}

# A free TCP port on the loopback interface.
free_port() {
  node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
}

# A CouchDB-compatible server for the sync tests and for trying sync by hand: pouchdb-server
# (pinned in package-lock.json) in memory on a loopback port, COUCH_PORT or a free one. Its
# admin is COUCH_ADMIN (default admin:admin-password), so there is no "admin party". Exports
# COUCH_URL and COUCH_ADMIN; stop it with stop_couch (by its pid).
start_couch() {
  local port=${COUCH_PORT:-$(free_port)} dir=target/couch i
  export COUCH_ADMIN=${COUCH_ADMIN:-admin:admin-password}
  rm -rf "$dir" && mkdir -p "$dir"
  # Its log goes beside its configuration, not into the working directory.
  printf '{"log":{"file":"%s/log.txt"}}\n' "$PWD/$dir" >"$dir/config.json"
  node node_modules/pouchdb-server/bin/pouchdb-server --in-memory --port "$port" --host 127.0.0.1 \
    --config "$dir/config.json" --dir "$dir" --no-stdout-logs >"$dir/server.out" 2>&1 &
  COUCH_PID=$!
  export COUCH_URL="http://127.0.0.1:$port"
  # Ready once it answers (about 2 s); give up after 60 s.
  for i in $(seq 1 120); do
    if curl -sf "$COUCH_URL/" >/dev/null 2>&1; then
      curl -sf -X PUT "$COUCH_URL/_config/admins/${COUCH_ADMIN%%:*}" \
        -d "\"${COUCH_ADMIN#*:}\"" >/dev/null || { stop_couch; return 1; }
      say "CouchDB-compatible server (pouchdb-server, in memory) on $COUCH_URL, pid $COUCH_PID"
      return 0
    fi
    kill -0 "$COUCH_PID" 2>/dev/null || break
    sleep 0.5
  done
  echo "pouchdb-server did not start; see $dir/server.out" >&2
  stop_couch
  return 1
}

stop_couch() {
  if [ -n "${COUCH_PID:-}" ]; then
    kill "$COUCH_PID" 2>/dev/null
    wait "$COUCH_PID" 2>/dev/null
    COUCH_PID=
  fi
}
