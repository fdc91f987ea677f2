/**
 * distalign's public API, the entry point of notebooks (`import { … } from "./src"`) and of the
 * `distalign` command: the data loaders, surveys, parsers, scoring and statistics, prompts, the
 * paper's tables, figures and notebook display (all of `src/offline.ts`), and live runs (backends,
 * the response cache, the resumable executor, benchmark runs and their scoring).
 *
 * Public entry points are this file and `src/offline.ts` (the same without live runs, which
 * compiles faster in tslab); test/architecture/public-imports.test.ts keeps notebooks and the CLI
 * to them.
 */
export * from "./offline";
export * from "./backends/index";
export * from "./cache/index";
export * from "./executor/index";
export * from "./run/index";
export * from "./batch/index";
