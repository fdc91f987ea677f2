/**
 * The plotly figure of Fig. 2 (biased coin): implied against stated P(heads) per expression method.
 */
import type { Figure, PlotlyTrace } from "../notebook/figure";
import type { CoinCalibration, CoinSeries } from "./coin-calibration";
import { modelLabel } from "../labels";
import { SERIES_COLORS } from "./series-style";

function line(series: CoinSeries, color: string, dash?: string): PlotlyTrace {
  const diagonal = dash !== undefined;
  return {
    type: "scatter",
    mode: diagonal ? "lines" : "lines+markers",
    name: diagonal ? series.name : `${series.name} (mean TV ${series.meanTotalVariation.toFixed(3)})`,
    x: series.x,
    y: series.y,
    line: { color, dash: dash ?? "solid", width: diagonal ? 1.5 : 2.5 },
    marker: { size: 8 },
    hovertemplate: "stated %{x:.2f} → implied %{y:.3f}<extra>" + series.name + "</extra>",
  };
}

/**
 * Fig. 2: the model's implied P(heads) against the stated P(heads) for Log-p, Sequence and
 * TS-Log-p, with the diagonal of perfect calibration; legend entries carry each series' mean TV.
 * @param calibration from `coinCalibration`
 * @param model the model's folder name, for the title. @default "gpt-4"
 * @returns a plotly figure for `show` and `saveFigure`
 * @example
 * show(coinCalibrationFigure(coinCalibration(loadCoinResults(dataDir))));
 */
export function coinCalibrationFigure(calibration: CoinCalibration, model = "gpt-4"): Figure {
  return {
    data: [
      line(calibration.diagonal, "#888888", "dash"),
      line(calibration.logprobs, SERIES_COLORS["logprobs"] ?? "#d62728"),
      line(calibration.sequence, SERIES_COLORS["sequence"] ?? "#ff7f0e"),
      ...(calibration.scaledLogprobs === undefined ? [] : [line(calibration.scaledLogprobs, SERIES_COLORS["ts-logprobs"] ?? "#9467bd")]),
    ],
    layout: {
      title: {
        text:
          calibration.temperature === undefined
            ? `Biased coin flips, ${modelLabel(model)} (no TS-Log-p)`
            : `Biased coin flips, ${modelLabel(model)} (τ = ${calibration.temperature.toFixed(3)} for TS-Log-p)`,
      },
      xaxis: { title: { text: "P(heads) stated in the prompt" }, range: [-0.03, 1.03], dtick: 0.1 },
      yaxis: { title: { text: "P(heads) implied by the model" }, range: [-0.03, 1.03], dtick: 0.1 },
      legend: { x: 0.02, y: 0.98, bgcolor: "rgba(255,255,255,0.8)" },
      width: 720,
      height: 560,
    },
  };
}
