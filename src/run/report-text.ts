/**
 * A run's report as terminal text: the Table 1-style rows beside the paper's models, the
 * knowledge-to-simulation gaps, parse rates with failure reasons, fitted temperatures, and the
 * failed, truncated and refused calls.
 */
import { formatTable } from "../reproduce/report";
import type { RunReport } from "./benchmark-run";
import { type RunTableSteering, runTableAsTable } from "./run-table";

function percent(rate: number): string {
  return `${(100 * rate).toFixed(1)}%`;
}

/**
 * Renders a run report.
 * @param report from `reportRun`
 * @param runModels the run's model ids, whose parse rates, temperatures and failures are listed
 */
export function formatRunReport(report: RunReport, runModels: readonly string[]): string {
  const out: string[] = [];
  // Only a run on the paper's datasets has the paper's models beside it (their published outputs for the same items).
  const beside = report.paper.lists.length > 0 ? "; the paper's models scored on the same questions and groups" : "";
  for (const steering of ["persona+few-shot", "none"] as RunTableSteering[]) {
    const rows = report.rows.filter((r) => r.steering === steering);
    if (rows.length === 0) continue;
    out.push(`\nTV by model × method, ${steering === "none" ? "no steering" : "persona + few-shot"} (lower is better; datasets weighted equally${beside}):`);
    out.push(formatTable(runTableAsTable(rows)));
  }
  const gaps = report.gaps;
  if (gaps.length > 0) out.push(`\nknowledge-to-simulation gap (Seq / V − 1): ${gaps.map((g) => `${g.model} ${g.kss.toFixed(3)} (${g.steering})`).join(", ")}`);
  const temperatures = report.scores.temperatures.filter((t) => runModels.includes(t.model));
  if (temperatures.length > 0) {
    out.push(
      `TS-Log-p: τ fitted in-sample on this run's items per dataset × steering, as the paper does: ` +
        temperatures.map((t) => `${t.model} ${t.dataset}/${t.steering} τ=${t.temperature.toFixed(3)} (${t.items} items)`).join(", "),
    );
  }
  for (const { model, method, summary } of report.scores.parseRates) {
    if (!runModels.includes(model) || summary.failed === 0) continue;
    const reasons = Object.entries(summary.reasons).map(([reason, count]) => `${reason} ${count}`).join(", ");
    out.push(`parse rate ${model} ${method}: ${percent(summary.rate)} of ${summary.total} (${reasons})`);
  }
  for (const [model, count] of Object.entries(report.scores.failedCalls)) {
    out.push(`${model}: ${count} failed calls not scored (see results.jsonl; re-run with retryFailed)`);
  }
  for (const [model, count] of Object.entries(report.scores.truncatedCalls)) {
    out.push(`${model}: ${count} truncated answers (token cap) not scored (see results.jsonl; re-run with retryFailed, or a larger maxTokens)`);
  }
  for (const [model, count] of Object.entries(report.scores.refusedCalls)) {
    out.push(`${model}: ${count} refused answers not scored (see results.jsonl; re-run with retryFailed)`);
  }
  return out.join("\n");
}
