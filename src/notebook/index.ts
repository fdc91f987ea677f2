/**
 * Display and figure helpers for notebooks: the public names, listed one by one.
 */
export { displayBundle, inKernel } from "./display";
export type { MimeBundle } from "./display";
export { figureBundle, figureHtml, figureTitle, standaloneFigureHtml, DEFAULT_PLOTLY_CONFIG } from "./figure";
export type { Figure, PlotlyConfig, PlotlyLayout, PlotlyTrace } from "./figure";
export { NotebookStop, stopOnError } from "./guard";
export { show } from "./plot";
export { saveFigure, FIGURE_FORMATS } from "./save-figure";
export { renderStaleImages } from "./figure-images";
export type { FigureFormat, SavedFigure, SaveFigureOptions } from "./save-figure";
export { setupNotebook } from "./setup";
export { notebookSteps } from "./steps";
export type { NotebookSteps } from "./steps";
export { formatTable, showTable, tableBundle, tableHtml, tableText } from "./table";
export type { DataFrameLike, FormattedTable, TableOptions, TableRecords } from "./table";
