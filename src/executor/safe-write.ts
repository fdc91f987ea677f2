/**
 * Writing progress and notices to a stream that the reader may have closed (`distalign run 2>&1 |
 * head`, a terminal gone away): the run goes on and saves its results; only the text is lost.
 */

/** Error codes of a write to a stream whose reader is gone. */
const CLOSED_CODES: ReadonlySet<string> = new Set(["EPIPE", "ECONNRESET", "ERR_STREAM_DESTROYED", "ERR_STREAM_WRITE_AFTER_END"]);

const closed = new WeakSet<NodeJS.WritableStream>();
const guarded = new WeakSet<NodeJS.WritableStream>();

function isClosedError(error: unknown): boolean {
  return CLOSED_CODES.has((error as NodeJS.ErrnoException | undefined)?.code ?? "");
}

/**
 * Makes a closed reader end the output of `stream` instead of the process: an `EPIPE` (or a
 * write after the stream was destroyed) marks it closed, and later `writeSafely` calls skip it.
 * Other stream errors are thrown as before. Idempotent.
 */
export function guardStream(stream: NodeJS.WritableStream): void {
  if (guarded.has(stream)) return;
  guarded.add(stream);
  stream.on("error", (error: unknown) => {
    if (!isClosedError(error)) throw error;
    closed.add(stream);
  });
}

/**
 * Writes `text` to `stream` unless its reader has gone; never throws for a closed reader.
 * @example
 * writeSafely(process.stderr, "SIGINT: no new items\n");
 */
export function writeSafely(stream: NodeJS.WritableStream, text: string): void {
  guardStream(stream);
  if (closed.has(stream) || (stream as { destroyed?: boolean }).destroyed === true) return;
  try {
    stream.write(text);
  } catch (error) {
    if (!isClosedError(error)) throw error;
    closed.add(stream);
  }
}
