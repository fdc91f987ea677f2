// Worker-thread entry of a reproduction (see workers.ts): loads the TypeScript sources through tsx.
require("tsx/cjs");
const { runBootstrapJobs } = require("./bootstrap-jobs.ts");
const { referenceScoreLists } = require("./reference-lists.ts");
const { loadBenchmarkData } = require("./benchmark-data.ts");

module.exports = {
  runBootstrapJobs,
  referenceLists: ({ dataDir, mode }) => referenceScoreLists(loadBenchmarkData(dataDir), mode),
};
