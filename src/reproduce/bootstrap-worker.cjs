// Worker-thread entry of parallel bootstrap runs: loads the TypeScript job runner through tsx.
require("tsx/cjs");
module.exports = require("./bootstrap-jobs.ts").runBootstrapJobs;
