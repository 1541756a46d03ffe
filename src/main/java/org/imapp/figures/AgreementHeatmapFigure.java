package org.imapp.figures;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.imapp.analysis.Factor;
import org.imapp.analysis.FactorAgreement;
import org.imapp.figures.Drawing.Anchor;
import org.imapp.figures.Drawing.VAlign;
import org.imapp.progress.ProgressMonitor;
import org.imapp.table.Table;

/**
 * {@code agreement_heatmap_<tool|skill_level|annotator>}: lower-triangle matrices of mean Dice and
 * mean normalized HD95 per pair of factor levels (consensus rows included), values in the cells
 * with two decimals, undefined cells grey, one colour scale for both panels (magma reversed, from
 * the smallest to the largest raw value of both metrics, as published).
 */
public final class AgreementHeatmapFigure implements Figure {

	public static final String NAME = "agreement_heatmap_";

	@Override
	public String label() {
		return "IMA++ Figure Agreement Heatmaps";
	}

	@Override
	public Result make(FigureInputs in, Path out, ProgressMonitor monitor) throws IOException {
		List<Path> files = new ArrayList<>();
		List<BufferedImage> previews = new ArrayList<>();
		Factor[] factors = Factor.values();
		for (int k = 0; k < factors.length; k++) {
			monitor.checkCanceled();
			monitor.progress(k, factors.length, "Heat map by " + factors[k].title().toLowerCase(Locale.ROOT));
			FactorAgreement.Result r = FactorAgreement.compute(in.pairs().pairs(), factors[k], FactorAgreement.PUBLISHED_METRICS);
			Drawing d = draw(r);
			Map<String, Table> tables = new LinkedHashMap<>();
			tables.put("", r.table());
			tables.put("_scale", r.scaleTable());
			files.addAll(FigureFiles.write(d, tables, out, NAME + factors[k].column(), true));
			previews.add(d.render(1));
		}
		monitor.progress(factors.length, factors.length, null);
		return new Result(files, previews);
	}

	static Drawing draw(FactorAgreement.Result r) {
		int n = r.levels().size();
		double cell = n <= 6 ? 68 : 44;
		double valueFont = n <= 6 ? 14 : 11.5;
		double labelW = r.levels().stream().mapToDouble(s -> Drawing.textWidth(s, PlotArea.TICK_FONT, false)).max().orElse(0);
		double left = 40 + labelW, top = 90, gap = 70 + labelW;
		double panel = n * cell;
		double width = left + 2 * panel + gap + 120;
		double height = top + panel + labelW + 40;
		Drawing d = new Drawing(width, height);
		d.text("Intra-/inter-" + r.factor().title().toLowerCase(Locale.ROOT) + " agreement (mean over mask pairs)", width / 2, 30, PlotArea.TITLE_FONT + 1, true,
			Anchor.MIDDLE, VAlign.MIDDLE, 0, Color.BLACK);
		double lo = r.min(), hi = r.max();
		for (int m = 0; m < r.metrics().size(); m++) {
			double x0 = left + m * (panel + gap);
			d.text(MetricLabels.name(r.metrics().get(m)), x0 + panel / 2, top - 18, PlotArea.TITLE_FONT, true, Anchor.MIDDLE, VAlign.BASELINE, 0, Color.BLACK);
			for (int i = 0; i < n; i++) {
				double y = top + i * cell;
				d.text(r.levels().get(i), x0 - 8, y + cell / 2, PlotArea.TICK_FONT, Anchor.END, VAlign.MIDDLE);
				for (int j = 0; j <= i; j++) {
					double x = x0 + j * cell;
					double v = r.mean()[m][i][j];
					Color fill = Double.isNaN(v) ? Palette.LIGHT_GREY : Palette.magmaReversed((v - lo) / (hi - lo));
					d.rect(x, y, cell, cell, fill, Color.WHITE, 1);
					if (!Double.isNaN(v)) {
						d.text(String.format(Locale.ROOT, "%.2f", v), x + cell / 2, y + cell / 2, valueFont, false, Anchor.MIDDLE, VAlign.MIDDLE, 0, Palette.textOn(fill));
					}
				}
			}
			for (int j = 0; j < n; j++) {
				double cx = x0 + j * cell + cell / 2;
				d.text(r.levels().get(j), cx + 4, top + panel + 8, PlotArea.TICK_FONT, false, Anchor.END, VAlign.MIDDLE, -45, Color.BLACK);
			}
		}
		// Shared colour bar.
		double bx = left + 2 * panel + gap + 10, bw = 18, bh = Math.min(panel, 300), by = top + (panel - bh) / 2;
		int steps = 100;
		for (int s = 0; s < steps; s++) {
			double f0 = (double) s / steps;
			d.fill(bx, by + bh * (1 - f0 - 1.0 / steps), bw, bh / steps + 0.6, Palette.magmaReversed(f0 + 0.5 / steps));
		}
		d.rect(bx, by, bw, bh, null, Color.BLACK, 0.8);
		Axis ax = Axis.linear(lo, hi, by + bh, by);
		for (double t : ax.ticks(5)) {
			d.line(bx + bw, ax.map(t), bx + bw + 4, ax.map(t), Color.BLACK, 1);
			d.text(ax.label(t, 5), bx + bw + 7, ax.map(t), PlotArea.TICK_FONT, Anchor.START, VAlign.MIDDLE);
		}
		d.text("grey: no pairs / undefined", left, height - 14, PlotArea.VALUE_FONT, false, Anchor.START, VAlign.BASELINE, 0, Palette.GREY);
		return d;
	}
}
