/**
 * Figures and tables of the paper as pure functions: rows for tables and plotly.js figure
 * specifications, one file per notebook.
 */
export * from "./quickstart";
export * from "./leaderboard";
export * from "./steering-effects";
export * from "./humans-vs-models";
export * from "./series-style";
