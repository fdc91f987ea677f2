#!/usr/bin/env bash
# The test suite, as CI runs it. Sets up what is missing first (idempotent: Node packages,
# Jupyter, the tslab kernel, Chromium when run as root on Debian, the benchmark data), then runs
#   1. the type check (tsc, with tslab's TypeScript version),
#   2. the unused-export check (knip: unused files, exports and dependencies),
#   3. the vitest suite,
#   4. every notebook opened in Jupyter Notebook in headless Chromium and run through the UI
#      (Cell → Run All): no error output, every figure drawn and within the output area, no
#      request off the machine; screenshots in output/screenshots/, executed notebooks and their
#      HTML exports in output/notebooks/ (scripts/check-notebooks-ui.ts),
#   5. every exported notebook HTML opened offline in headless Chromium: each figure must render.
# The last line counts results as "N passed, N failed"; the exit status is 1 when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-notebooks.sh --with-browser || exit 1
bash scripts/ensure-data.sh || exit 1

passed=0
failed=0
step() {
  local name=$1
  shift
  echo
  echo "== $name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $name"; fi
}

report=$(mktemp --suffix=.json)
step "type check" npx tsc --noEmit
step "unused exports (knip)" npm run --silent lint:exports
echo
echo "== vitest"
npx vitest run --reporter=default --reporter=json --outputFile.json="$report"
vitest_status=$?
counts=$(node -e '
  try { const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(r.numPassedTests, r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0)); }
  catch { console.log("0 1"); }' "$report")
read -r vitest_passed vitest_failed <<<"$counts"
if [ "$vitest_status" != 0 ] && [ "$vitest_failed" = 0 ]; then vitest_failed=1; fi
passed=$((passed + vitest_passed))
failed=$((failed + vitest_failed))
rm -f "$report"
step "notebooks in Jupyter Notebook, headless Chromium (tslab kernel)" npx tsx scripts/check-notebooks-ui.ts
step "notebook HTML in headless Chromium" npx tsx scripts/check-html.ts

echo
echo "tests: $passed passed, $failed failed"
[ "$failed" = 0 ]
