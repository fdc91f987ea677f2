/**
 * Progress display: a live bar with rate, ETA and spend on a terminal; sparse one-line reports
 * elsewhere (logs, CI, `--quiet`).
 */
import cliProgress from "cli-progress";
import { guardStream, writeSafely } from "./safe-write";
import type { ProgressMode } from "./types";

/** The counters a progress display shows. */
export interface ProgressState {
  readonly done: number;
  readonly total: number;
  readonly failed: number;
  readonly cached: number;
  /** USD spent so far in this run (known prices only). */
  readonly costUsd: number;
  /** The current concurrency limit, where it adapts. */
  readonly limit?: number;
}

/** A progress display. */
export interface ProgressDisplay {
  start(total: number): void;
  update(state: ProgressState): void;
  stop(state: ProgressState): void;
  /** Prints a line of its own (a bar is redrawn below it). */
  interrupt(line: string): void;
}

/** A writable stream that may be a terminal. */
export type OutputStream = NodeJS.WritableStream & { isTTY?: boolean };

/**
 * Chooses and creates a progress display.
 * @param mode "auto" picks a bar on a TTY and lines otherwise
 * @param output where to draw
 * @param label prefix of line reports
 */
export function createProgress(mode: ProgressMode, output: OutputStream, label = "run"): ProgressDisplay {
  guardStream(output);
  const resolved = mode === "auto" ? (output.isTTY === true ? "bar" : "lines") : mode;
  if (resolved === "bar") return new BarProgress(output);
  if (resolved === "lines") return new LineProgress(output, label);
  return { start: () => undefined, update: () => undefined, stop: () => undefined, interrupt: (line) => void writeSafely(output, `${line}\n`) };
}

/** Formats a duration in seconds as "42s", "3m05s" or "1h02m". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) return `${total}s`;
  if (total < 3600) return `${Math.floor(total / 60)}m${String(total % 60).padStart(2, "0")}s`;
  return `${Math.floor(total / 3600)}h${String(Math.floor((total % 3600) / 60)).padStart(2, "0")}m`;
}

class BarProgress implements ProgressDisplay {
  private readonly bar: cliProgress.SingleBar;
  private startedAt = 0;
  private last: ProgressState | undefined;

  constructor(private readonly output: OutputStream) {
    this.bar = new cliProgress.SingleBar(
      {
        stream: output,
        format: "{bar} {value}/{total} | {rate}/s | eta {eta_formatted} | ${cost} | {cached} cached | {failed} failed | limit {limit}",
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
  }

  start(total: number): void {
    this.startedAt = Date.now();
    this.bar.start(total, 0, { rate: "0.0", cost: "0.0000", cached: 0, failed: 0, limit: "-" });
  }

  update(state: ProgressState): void {
    const seconds = (Date.now() - this.startedAt) / 1000;
    const rate = seconds > 0 ? (state.done / seconds).toFixed(1) : "0.0";
    this.last = state;
    this.bar.update(state.done, { rate, cost: state.costUsd.toFixed(4), cached: state.cached, failed: state.failed, limit: state.limit ?? "-" });
  }

  stop(state: ProgressState): void {
    this.update(state);
    this.bar.stop();
  }

  interrupt(line: string): void {
    // Clear the bar's line, print, and let the next update draw the bar again.
    writeSafely(this.output, `\r\x1b[2K${line}\n`);
    if (this.last !== undefined) this.update(this.last);
  }
}

/** Prints a line at each further tenth of the work, or after 30 s without one, and at the end. */
class LineProgress implements ProgressDisplay {
  private startedAt = 0;
  private lastLineAt = 0;
  private lastTenth = 0;

  constructor(
    private readonly output: OutputStream,
    private readonly label: string,
  ) {}

  start(total: number): void {
    this.startedAt = Date.now();
    this.lastLineAt = this.startedAt;
    writeSafely(this.output, `${this.label}: ${total} items to run\n`);
  }

  update(state: ProgressState): void {
    const tenth = state.total === 0 ? 10 : Math.floor((state.done * 10) / state.total);
    const now = Date.now();
    if (tenth > this.lastTenth || now - this.lastLineAt >= 30_000) {
      this.lastTenth = tenth;
      this.lastLineAt = now;
      this.print(state);
    }
  }

  stop(state: ProgressState): void {
    if (state.done < state.total || this.lastTenth < 10) this.print(state);
  }

  interrupt(line: string): void {
    writeSafely(this.output, `${line}\n`);
  }

  private print(state: ProgressState): void {
    const seconds = (Date.now() - this.startedAt) / 1000;
    const rate = seconds > 0 ? state.done / seconds : 0;
    const eta = rate > 0 ? formatDuration((state.total - state.done) / rate) : "?";
    const percent = state.total === 0 ? 100 : Math.floor((100 * state.done) / state.total);
    writeSafely(this.output, 
      `${this.label}: ${state.done}/${state.total} (${percent}%), ${rate.toFixed(1)}/s, eta ${eta}, ` +
        `$${state.costUsd.toFixed(4)} spent, ${state.cached} cached, ${state.failed} failed${state.limit === undefined ? "" : `, limit ${state.limit}`}\n`,
    );
  }
}
