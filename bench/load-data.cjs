// Reads and checks everything `distalign reproduce` reads before it computes, and nothing more:
// the three datasets, every published result file of the five models (checked against its
// dataset), the human-annotation exports, and the datasets' surveys (the baselines' human
// answers). Loaded through tsx and the library's public entry, like the command, so process start
// and module loading cost the same as in a `reproduce` run. Prints `load-ms <n>` (the reading
// alone, in-process) to stderr.
//
//   node bench/load-data.cjs [data dir]      (default: DISTALIGN_DATA_DIR, else data/upstream)
require("tsx/cjs");
const lib = require("../src/index.ts");

const start = process.hrtime.bigint();
const data = lib.loadBenchmarkData(lib.requireDataDir(process.argv[2]));
let files = 0;
for (const dataset of lib.DATASETS) {
  for (const model of lib.PAPER_MODELS) {
    for (const steering of lib.STEERINGS) {
      for (const method of lib.SCORED_METHODS) {
        if (!lib.hasPublishedCell({ dataset, method, model, steering })) continue;
        const groups = steering === "none" ? [lib.SCORED_GROUPS[dataset][0]] : lib.SCORED_GROUPS[dataset];
        for (const group of groups) {
          data.cell({ dataset, method, model, steering, group });
          files += 1;
        }
      }
    }
  }
}
for (const dataset of ["opinionqa", "nytimes"]) for (const steering of lib.STEERINGS) data.humanExports(dataset, steering);
lib.opinionQaSurvey(data.dataDir);
lib.nytSurvey(data.dataDir);
lib.globalOpinionQaSurvey(data.dataDir);
process.stderr.write(`load-ms ${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(0)} (${files} result files)\n`);
