// Worker-thread entry of a reproduction (see workers.ts): loads the TypeScript sources through tsx.
// Distalign errors are returned as data (worker-errors.ts), so they keep their class, file and key.
require("tsx/cjs");
const { runBootstrapJobs } = require("../benchmark/bootstrap-jobs.ts");
const { referenceScoreLists } = require("./reference-lists.ts");
const { inGroupTable } = require("./in-group.ts");
const { loadBenchmarkData } = require("../benchmark/benchmark-data.ts");
const { captureDistalignError } = require("../benchmark/worker-errors.ts");

module.exports = {
  runBootstrapJobs: (jobs) => captureDistalignError(() => runBootstrapJobs(jobs)),
  referenceLists: ({ dataDir, mode }) =>
    captureDistalignError(() => {
      const data = loadBenchmarkData(dataDir);
      return { lists: referenceScoreLists(data, mode), table6: inGroupTable(data, mode) };
    }),
};
