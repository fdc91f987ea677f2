/**
 * A writable stream that keeps everything written to it, for asserting on progress and logs.
 */
import { Writable } from "node:stream";

/** A writable that collects text; `text()` returns all of it. */
export interface CapturedStream extends Writable {
  text(): string;
  isTTY?: boolean;
}

/** Creates a capturing stream (not a TTY unless `isTTY` is set). */
export function captureStream(isTTY = false): CapturedStream {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  }) as CapturedStream;
  stream.text = () => chunks.join("");
  stream.isTTY = isTTY;
  return stream;
}
