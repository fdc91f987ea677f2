// Worker-thread entry of the bootstrap pool (see workers.ts): loads the TypeScript sources through tsx.
// Distalign errors are returned as data (worker-errors.ts), so they keep their class, file and key.
require("tsx/cjs");
const { runBootstrapJobs } = require("./bootstrap-jobs.ts");
const { captureDistalignError } = require("./worker-errors.ts");

module.exports = {
  runBootstrapJobs: (jobs) => captureDistalignError(() => runBootstrapJobs(jobs)),
};
