// Preloaded by the benchmarks (`node -r ./bench/report-rss.cjs …`): prints the process's peak
// resident memory to stderr when it exits, as `peak-rss-kb <n>`.
process.on("exit", () => {
  process.stderr.write(`peak-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
