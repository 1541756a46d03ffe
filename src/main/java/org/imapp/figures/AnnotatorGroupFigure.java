package org.imapp.figures;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.imapp.analysis.AnnotatorGroupAgreement;
import org.imapp.analysis.BoxStatistics;
import org.imapp.analysis.MetricPair;
import org.imapp.progress.ProgressMonitor;
import org.imapp.table.Table;

/**
 * {@code annotator_groups}: for the eight exact annotator groups with the most images (on the
 * published tables: the published figure's groups), notched box plots of Dice and normalized HD95
 * over all their annotator pairs, with the pairs as points.
 */
public final class AnnotatorGroupFigure implements Figure {

	public static final String NAME = "annotator_groups";
	public static final int GROUPS = 8;

	@Override
	public String label() {
		return "IMA++ Figure Annotator Groups";
	}

	@Override
	public Result make(FigureInputs in, Path out, ProgressMonitor monitor) throws IOException {
		List<MetricPair> pairs = in.pairs().pairs();
		List<Set<String>> targets = AnnotatorGroupAgreement.largestGroups(pairs, GROUPS);
		if (targets.isEmpty()) throw new MissingInputException("No image has annotator pairs of two or more different annotators in " + in.pairs().source());
		List<AnnotatorGroupAgreement.Group> groups = AnnotatorGroupAgreement.compute(pairs, targets);
		Drawing d = draw(groups);
		Map<String, Table> tables = new LinkedHashMap<>();
		tables.put("", AnnotatorGroupAgreement.boxTable(groups, AnnotatorGroupAgreement.METRICS));
		tables.put("_points", AnnotatorGroupAgreement.pointTable(groups, AnnotatorGroupAgreement.METRICS));
		return new Result(FigureFiles.write(d, tables, out, NAME, true), d.render(1));
	}

	static Drawing draw(List<AnnotatorGroupAgreement.Group> groups) {
		int cols = 2, rows = (groups.size() + 1) / 2;
		double pw = 250, ph = 190, gx = 80, gy = 90, left = 80, top = 110;
		Drawing d = new Drawing(left + cols * pw + gx + 30, top + rows * (ph + gy) - 10);
		d.text("Agreement within exact annotator groups", d.width() / 2, 26, PlotArea.TITLE_FONT + 1, true, Drawing.Anchor.MIDDLE, Drawing.VAlign.MIDDLE, 0, Color.BLACK);
		List<String> metrics = AnnotatorGroupAgreement.METRICS;
		Color[] colors = { Palette.RED, Palette.GREEN };
		for (int k = 0; k < groups.size(); k++) {
			AnnotatorGroupAgreement.Group g = groups.get(k);
			PlotArea p = new PlotArea(d, left + (k % cols) * (pw + gx), top + (k / cols) * (ph + gy), pw, ph);
			p.xCategories(metrics.size()).yLinear(0, 1.0);
			p.yAxis(k % cols == 0 ? "Score" : null, 5, true);
			for (int m = 0; m < metrics.size(); m++) {
				String metric = metrics.get(m);
				double[] v = g.pairs().stream().mapToDouble(pr -> pr.value(metric)).toArray();
				BoxPlot.draw(p, p.px(m), pw / metrics.size() * 0.3, v, BoxStatistics.of(v), colors[m], 31L * k + m);
			}
			p.spines();
			p.xCategoryLabels(metrics.stream().map(MetricLabels::shortName).toList(), null);
			p.title(g.label(), 30);
			d.text(Counts.of(g.images().size(), "image") + ", " + Counts.of(g.pairs().size(), "pair"), p.left() + pw / 2, p.top() - 8, PlotArea.TICK_FONT,
				Drawing.Anchor.MIDDLE, Drawing.VAlign.BOTTOM);
		}
		return d;
	}
}
