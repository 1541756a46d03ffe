package org.imapp.figures;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.imapp.analysis.MetricDistributions;
import org.imapp.figures.Drawing.Anchor;
import org.imapp.figures.Drawing.VAlign;
import org.imapp.progress.ProgressMonitor;

/**
 * {@code metric_distributions}: histograms of every agreement metric over the annotator pairs
 * (the published {@code individual_metrics} panels plus the raw distances), NumPy "auto" bins.
 */
public final class MetricDistributionFigure implements Figure {

	public static final String NAME = "metric_distributions";

	@Override
	public String label() {
		return "IMA++ Figure Metric Distributions";
	}

	@Override
	public Result make(FigureInputs in, Path out, ProgressMonitor monitor) throws IOException {
		List<MetricDistributions.Histogram> hs = MetricDistributions.compute(in.pairs().pairs(), MetricDistributions.METRICS);
		Drawing d = draw(hs);
		return new Result(FigureFiles.write(d, Map.of("", MetricDistributions.table(hs)), out, NAME, true), d.render(1));
	}

	static Drawing draw(List<MetricDistributions.Histogram> hs) {
		int cols = 4, rows = (hs.size() + cols - 1) / cols;
		double pw = 290, ph = 200, gx = 100, gy = 120, left = 90, top = 70;
		Drawing d = new Drawing(left + cols * pw + (cols - 1) * gx + 60, top + rows * (ph + gy) - gy + 70);
		int n = hs.isEmpty() ? 0 : hs.get(0).n();
		d.text("Agreement metrics over annotator pairs (n = " + String.format(java.util.Locale.ROOT, "%,d", n) + ")", d.width() / 2, 28,
			PlotArea.TITLE_FONT + 1, true, Anchor.MIDDLE, VAlign.MIDDLE, 0, Color.BLACK);
		for (int k = 0; k < hs.size(); k++) {
			MetricDistributions.Histogram h = hs.get(k);
			PlotArea p = new PlotArea(d, left + (k % cols) * (pw + gx), top + (k / cols) * (ph + gy), pw, ph);
			long max = 1;
			for (long c : h.counts()) max = Math.max(max, c);
			double[] e = h.edges();
			p.xLinear(e[0], e[e.length - 1]).yLinear(0, max * 1.08);
			p.yAxis(k % cols == 0 ? "Count" : null, 4, true);
			for (int i = 0; i < h.counts().length; i++) {
				if (h.counts()[i] == 0) continue;
				double x0 = p.px(e[i]), x1 = p.px(e[i + 1]), y = p.py(h.counts()[i]);
				d.rect(x0, y, x1 - x0, p.bottom() - y, Palette.withAlpha(Palette.RED, 70), Palette.RED, 0.8);
			}
			p.spines();
			p.xAxis(MetricLabels.name(h.metric()), 4);
		}
		return d;
	}
}
