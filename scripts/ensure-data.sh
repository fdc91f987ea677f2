#!/usr/bin/env bash
# Makes sure the benchmark data is available: the configured directory (DISTALIGN_DATA_DIR or
# data/upstream), else a verified download into data/upstream. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
if dir=$(node bin/distalign.cjs data path 2>/dev/null); then
  echo "data: $dir"
  exit 0
fi
if [ -n "${DISTALIGN_DATA_DIR:-}" ]; then
  node bin/distalign.cjs data path  # prints why the configured directory is not usable
  exit 1
fi
echo "data: none configured; downloading the benchmark files (about 70 MB) into data/upstream"
node bin/distalign.cjs data fetch
