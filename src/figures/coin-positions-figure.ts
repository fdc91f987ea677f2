/**
 * The plotly figure of Fig. 12: P(heads) at each position of the 30-flip sequence, one line per
 * stated probability, with the stated probability as a dotted line of the same colour.
 */
import type { Figure, PlotlyTrace } from "../notebook/figure";
import type { CoinPositionRecord } from "./coin-positions";
import { modelLabel } from "../labels";

/** The colour of a stated P(heads): blue (0) through red (1). */
export function statedHeadsColor(p: number): string {
  const channel = (from: number, to: number) => Math.round(from + (to - from) * p);
  return `rgb(${channel(49, 215)}, ${channel(130, 48)}, ${channel(189, 39)})`;
}

/**
 * Fig. 12: the model's mean P(heads) at positions 1–30 of the sequence for each stated P(heads).
 * A flat line at the stated value is a calibrated sampler; each legend entry toggles a line with its reference.
 * @param records from `coinPositionRecords`
 * @param model the model's folder name, for the title. @default "gpt-4"
 * @example
 * show(coinPositionsFigure(coinPositionRecords(loadCoinTokens(dataDir))));
 */
export function coinPositionsFigure(records: readonly CoinPositionRecord[], model = "gpt-4"): Figure {
  const stated = [...new Set(records.map((r) => r.statedHeads))].sort((a, b) => a - b);
  const positions = records.map((r) => r.position);
  const first = Math.min(...positions);
  const last = Math.max(...positions);
  const data: PlotlyTrace[] = stated.flatMap((p) => {
    const rows = records.filter((r) => r.statedHeads === p).sort((a, b) => a.position - b.position);
    const color = statedHeadsColor(p);
    const group = `p${p}`;
    const name = `stated ${(100 * p).toFixed(0)}%`;
    return [
      {
        type: "scatter",
        mode: "lines+markers",
        name,
        legendgroup: group,
        x: rows.map((r) => r.position),
        y: rows.map((r) => r.headsProbability),
        line: { color, width: 2 },
        marker: { size: 5 },
        hovertemplate: `${name}, flip %{x}: P(heads) %{y:.3f}<extra></extra>`,
      },
      {
        type: "scatter",
        mode: "lines",
        name: `${name} (stated)`,
        legendgroup: group,
        showlegend: false,
        x: [first, last],
        y: [p, p],
        line: { color, width: 1, dash: "dot" },
        hoverinfo: "skip",
      },
    ];
  });
  return {
    data,
    layout: {
      title: { text: `P(heads) at each flip of a 30-flip sequence, ${modelLabel(model)} (mean over repetitions; dotted: stated)` },
      xaxis: { title: { text: "Position in the sequence" }, range: [first - 0.5, last + 0.5], dtick: 5 },
      yaxis: { title: { text: "P(heads) of the next token" }, range: [-0.03, 1.03], dtick: 0.1 },
      legend: { title: { text: "P(heads) stated" } },
      width: 860,
      height: 560,
    },
  };
}
