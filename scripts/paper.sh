#!/usr/bin/env bash
# The main job: reproduces the paper's tables and figures from its published model outputs,
# offline, with no API key. Sets up what is missing first (idempotent), then writes
#   output/tables/{paper,corrected}/   Table 1a, Table 1b, the breakdown, paper vs corrected
#   output/notebooks/                  every notebook executed, and its HTML export
#   output/figures/                    each figure as standalone HTML (and SVG/PNG with a browser)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-notebooks.sh --with-browser
bash scripts/ensure-data.sh
out=$(node -e 'console.log(require("path").resolve(process.env.DISTALIGN_OUTPUT_DIR || "output"))')
node bin/distalign.cjs reproduce --mode paper --out "$out/tables/paper"
node bin/distalign.cjs reproduce --mode corrected --quiet --out "$out/tables/corrected"
npx tsx scripts/run-notebooks.ts
echo
echo "tables:    $out/tables/paper, $out/tables/corrected (differences.csv: paper vs corrected)"
echo "notebooks: $out/notebooks (executed .ipynb and .html)"
echo "figures:   $out/figures"
