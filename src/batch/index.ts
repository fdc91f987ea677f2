/**
 * Batch runs through the providers' batch APIs: the run folder's ledger, submission and
 * collection, status and cancellation.
 */
export { type BatchRecord, LEDGER_FILE, readLedger } from "./ledger";
export { batchStatus, cancelBatches, describeBatchRow, ledgerBatchApis } from "./batch-admin";
export type { BatchApi } from "../backends/batch/types";
