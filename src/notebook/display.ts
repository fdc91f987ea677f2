/**
 * Sending rich output to the notebook. tslab's public `display` sends one MIME type per output;
 * a figure needs several in one output (the plotly JSON for VS Code and JupyterLab, HTML for
 * Jupyter Notebook and nbconvert, text for terminals), so this module uses the display writer
 * that tslab keeps for the executing cell (`lastWriteDisplayData` in tslab/dist/jupyter).
 */
import { createRequire } from "node:module";

/** One output in several representations, keyed by MIME type. `text/plain` is always present. */
export type MimeBundle = { readonly "text/plain": string } & { readonly [mime: string]: unknown };

type WriteDisplayData = (
  message: { data: MimeBundle; metadata: Record<string, unknown>; transient: Record<string, unknown> },
  update: boolean,
) => void;

/**
 * The display writer of the running tslab kernel, or undefined outside a kernel. The module is
 * looked up in Node's module cache rather than required, so that code running outside a kernel
 * (tests, scripts) does not load tslab's ZeroMQ server.
 */
function kernelWriter(): WriteDisplayData | undefined {
  const localRequire = createRequire(__filename);
  let path: string;
  try {
    path = localRequire.resolve("tslab/dist/jupyter");
  } catch {
    return undefined;
  }
  const exported: unknown = localRequire.cache[path]?.exports;
  if (typeof exported !== "object" || exported === null) return undefined;
  const writer: unknown = (exported as { lastWriteDisplayData?: unknown }).lastWriteDisplayData;
  return typeof writer === "function" ? (writer as WriteDisplayData) : undefined;
}

/** True inside a tslab kernel that is executing a cell. */
export function inKernel(): boolean {
  return kernelWriter() !== undefined;
}

/**
 * Shows one output with several representations; the frontend picks the richest it can render.
 * Outside a kernel, prints the `text/plain` representation to stdout.
 * @param bundle representations keyed by MIME type; JSON types (`application/*+json`) take objects
 */
export function displayBundle(bundle: MimeBundle): void {
  const write = kernelWriter();
  if (write === undefined) {
    process.stdout.write(bundle["text/plain"] + "\n");
    return;
  }
  write({ data: bundle, metadata: {}, transient: {} }, false);
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** JSON that is safe inside an HTML `<script>` element (no `</script>`, no line separators). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
