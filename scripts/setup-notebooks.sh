#!/usr/bin/env bash
# Prepares this checkout for notebooks, idempotently (a second run only checks):
#   1. Node dependencies: npm ci when node_modules is missing or differs from package-lock.json
#   2. Jupyter (jupyter notebook, nbconvert, nbclient): installed with apt-get on Debian/Ubuntu
#      when running as root; elsewhere the command to run is printed and the script fails
#   3. the tslab kernel, registered for this project only under .jupyter-local/
#   4. a headless Chromium for figure images and HTML checks: reported, installed only with --with-browser
# Usage: bash scripts/setup-notebooks.sh [--with-browser]
set -euo pipefail
cd "$(dirname "$0")/.."

with_browser=0
for arg in "$@"; do
  case "$arg" in
    --with-browser) with_browser=1 ;;
    *) echo "setup-notebooks: unknown option ($arg)" >&2; exit 2 ;;
  esac
done

can_apt() {
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && grep -qiE '^(ID|ID_LIKE)=.*(debian|ubuntu)' /etc/os-release 2>/dev/null
}
apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

# 1. Node dependencies. node_modules/.package-lock.json is npm's record of what is installed.
lock_is_installed() {
  [ -f node_modules/.package-lock.json ] || return 1
  node -e '
    const lock = require("./package-lock.json").packages, installed = require("./node_modules/.package-lock.json").packages;
    const stale = Object.entries(lock).filter(([path, entry]) =>
      path !== "" && !(entry.optional && !(path in installed)) && installed[path]?.version !== entry.version);
    process.exit(stale.length === 0 ? 0 : 1);'
}
if lock_is_installed; then
  echo "node: dependencies installed"
else
  echo "node: installing dependencies (npm ci)"
  npm ci
fi

# 2. Jupyter. The Python that runs `jupyter` (named on its #! line) must import these packages.
jupyter_versions() {
  command -v jupyter >/dev/null 2>&1 || return 1
  local interpreter
  interpreter=$(head -n1 "$(command -v jupyter)" | sed -E 's/^#! *//; s/^[^ ]*\/env +//; s/ .*//')
  for python in "$interpreter" python3 /usr/bin/python3; do
    "$python" -c 'import sys, notebook, nbconvert, nbclient, nbformat
print(f"notebook {notebook.__version__}, nbconvert {nbconvert.__version__}, nbclient {nbclient.__version__} ({sys.executable})")' 2>/dev/null && return 0
  done
  return 1
}
if versions=$(jupyter_versions); then
  echo "jupyter: $versions"
elif can_apt; then
  echo "jupyter: installing jupyter-notebook jupyter-nbconvert python3-nbclient with apt-get"
  apt_install jupyter-notebook jupyter-nbconvert python3-nbclient
  versions=$(jupyter_versions) || { echo "setup-notebooks: Jupyter still incomplete after apt-get install" >&2; exit 1; }
  echo "jupyter: $versions"
else
  cat >&2 <<'HINT'
setup-notebooks: Jupyter is missing (jupyter notebook, nbconvert and nbclient are needed). Install it, then run this again:
  Debian/Ubuntu:  sudo apt-get install jupyter-notebook jupyter-nbconvert python3-nbclient
  elsewhere:      pip install notebook nbconvert nbclient     (in the Python whose bin/ is on PATH)
HINT
  exit 1
fi

# 3. The kernel, for this project only.
node scripts/register-kernel.mjs

# 4. The browser, looked up as browserExecutable() in src/config.ts does.
find_browser() {
  if [ -n "${DISTALIGN_BROWSER:-}" ]; then command -v "$DISTALIGN_BROWSER" || true; return; fi
  for name in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return; fi
  done
}
browser=$(find_browser)
if [ -z "$browser" ] && [ "$with_browser" = 1 ] && can_apt; then
  echo "browser: installing chromium with apt-get"
  apt_install chromium
  browser=$(find_browser)
fi
if [ -n "$browser" ]; then
  echo "browser: $browser"
else
  echo "browser: none found; figure PNG/SVG files and npm run notebooks:check need one:"
  echo "  Debian: sudo apt-get install chromium   (or rerun as root with --with-browser); Ubuntu: a Chrome/Chromium .deb;"
  echo "  or set DISTALIGN_BROWSER to a Chromium-family browser"
fi

echo "ready: npm run notebooks (open), npm run notebooks:run (execute all), npm run notebooks:check (check HTML)"
