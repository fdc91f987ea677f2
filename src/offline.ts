/**
 * The library without live runs: everything of `src/index.ts` except the provider backends, the
 * response cache, the batch executor and benchmark runs. It leaves out the provider SDKs' types,
 * so a notebook that only reads the published outputs compiles in about half the time it takes
 * through `src/index.ts`. Each folder's index.ts lists its part of the API.
 */
export * from "./types";
export * from "./errors";
export * from "./random";
export * from "./config";
export * from "./files";
export * from "./modules";
export * from "./labels";
export * from "./data/index";
export * from "./survey/index";
export * from "./parse/index";
export * from "./scoring/index";
export * from "./prompts/index";
export * from "./benchmark/index";
export * from "./reproduce/index";
export * from "./figures/index";
export * from "./notebook/index";

// Names two folders both use: the public API keeps the first and renames the second.
export { questionIds } from "./survey/index";
export { questionIds as datasetQuestionIds } from "./figures/index";
export { formatTable } from "./reproduce/index";
export { type TableOptions } from "./benchmark/index";
export { formatTable as formatTableCells, type TableOptions as DisplayTableOptions } from "./notebook/index";
