#!/usr/bin/env bash
# Opens Jupyter on notebooks/ with the project's tslab kernel ("TypeScript (distalign)").
# Usage: npm run notebooks [-- lab] [-- JUPYTER OPTIONS]   ("lab" opens JupyterLab, if installed)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v jupyter >/dev/null 2>&1; then
  echo "notebooks: jupyter not found; run npm run notebooks:setup" >&2
  exit 1
fi
node scripts/register-kernel.mjs >/dev/null
app=notebook
if [ "${1:-}" = lab ]; then app=lab; shift; fi
export JUPYTER_PATH="$PWD/.jupyter-local${JUPYTER_PATH:+:$JUPYTER_PATH}"
extra=()
if [ "$(id -u)" = 0 ]; then extra+=(--allow-root); fi
exec jupyter "$app" --notebook-dir="$PWD/notebooks" "${extra[@]}" "$@"
