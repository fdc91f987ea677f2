/**
 * Ctrl-C handling for a run: the first interrupt stops launching new items and lets in-flight
 * ones finish and be recorded; the second aborts them (their responses, if any arrive, are not
 * recorded and the items run again on resume). A closed stderr loses the notices, not the run.
 */
import { writeSafely } from "./safe-write";

/** The signals to pass to `runItems`, and a way to remove the handlers afterwards. */
export interface InterruptHandle {
  /** Aborted on the first interrupt: stop launching. */
  readonly stopSignal: AbortSignal;
  /** Aborted on the second interrupt: abort in-flight calls. */
  readonly signal: AbortSignal;
  /** Removes the process handlers. Call it when the run is over. */
  dispose(): void;
}

/** Something that emits process signals: `process`, or a stand-in in tests. */
export interface SignalSource {
  on(event: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  off(event: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
}

/**
 * Installs SIGINT/SIGTERM handlers for the duration of a run.
 * @param output where to say what is happening
 * @param source where the signals come from @default process
 * @example
 * const interrupt = handleInterrupts(process.stderr);
 * try { await runItems(items, { ...options, signal: interrupt.signal, stopSignal: interrupt.stopSignal }); }
 * finally { interrupt.dispose(); }
 */
export function handleInterrupts(output: NodeJS.WritableStream = process.stderr, source: SignalSource = process): InterruptHandle {
  const stop = new AbortController();
  const abort = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    if (!stop.signal.aborted) {
      writeSafely(output, `\n${name}: no new items; finishing those in flight (interrupt again to abort them)\n`);
      stop.abort();
    } else if (!abort.signal.aborted) {
      writeSafely(output, `\n${name}: aborting in-flight items; they run again on resume\n`);
      abort.abort();
    }
  };
  source.on("SIGINT", onSignal);
  source.on("SIGTERM", onSignal);
  return {
    stopSignal: stop.signal,
    signal: abort.signal,
    dispose: () => {
      source.off("SIGINT", onSignal);
      source.off("SIGTERM", onSignal);
    },
  };
}
