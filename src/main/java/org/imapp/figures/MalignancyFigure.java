package org.imapp.figures;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.imapp.analysis.BoxStatistics;
import org.imapp.analysis.MalignancyAgreement;
import org.imapp.analysis.MetricPair;
import org.imapp.figures.Drawing.Anchor;
import org.imapp.figures.Drawing.VAlign;
import org.imapp.progress.ProgressMonitor;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/**
 * {@code malignancy}: image-level mean annotator Dice of benign vs malignant lesions — empirical
 * CDFs, box plots with points, and the statistics (also in {@code malignancy_tests.csv}).
 * {@code fosd_cdfs}: the published FOSD figure, P(Dice &lt; t) over annotator pairs of malignant vs
 * all other images, recomputed from the metrics and, when {@code FOSD_CDF_values.csv} (the
 * published static input) is available, drawn beside the published curves.
 */
public final class MalignancyFigure implements Figure {

	public static final String NAME = "malignancy";
	public static final String FOSD_NAME = "fosd_cdfs";

	@Override
	public String label() {
		return "IMA++ Figure Malignancy";
	}

	@Override
	public Result make(FigureInputs in, Path out, ProgressMonitor monitor) throws IOException {
		MalignancyAgreement.Result r;
		try {
			r = MalignancyAgreement.compute(in.pairs().imageMeanDice(), in.imageMetadata());
		}
		catch (IllegalArgumentException e) { // too few benign or malignant images to compare (small or filtered datasets)
			throw new MissingInputException(e.getMessage(), e);
		}
		Drawing d = draw(r);
		Map<String, Table> tables = new LinkedHashMap<>();
		tables.put("_groups", r.groups());
		tables.put("_tests", r.tests());
		tables.put("_ecdf", r.ecdf());
		tables.put("_images", r.images());
		List<Path> files = new ArrayList<>(FigureFiles.write(d, tables, out, NAME, true));

		Table published = in.fosdCsv() == null ? null : CsvTables.read(in.fosdCsv());
		double[] grid;
		if (published != null) {
			grid = new double[published.rowCount()];
			for (int i = 0; i < grid.length; i++) grid[i] = published.getDouble(i, published.require("grid_value", in.fosdCsv().toString()));
		}
		else {
			double max = in.pairs().annotatorPairs().stream().mapToDouble(MetricPair::dice).filter(v -> !Double.isNaN(v)).max().orElse(1);
			grid = MalignancyAgreement.linspace(0, max, 100);
		}
		Table fosd = MalignancyAgreement.pairwiseFosd(in.pairs().pairs(), in.imageMetadata(), grid);
		Table fosdOut = published == null ? fosd : withPublished(fosd, published, in.fosdCsv().toString());
		files.addAll(FigureFiles.write(drawFosd(fosdOut), Map.of("", fosdOut), out, FOSD_NAME, true));
		return new Result(files, d.render(1));
	}

	private static Table withPublished(Table ours, Table published, String source) {
		Table t = new Table("grid_value", "Malignant", "Benign", "published_Malignant", "published_Benign");
		int pm = published.require("Malignant", source), pb = published.require("Benign", source);
		for (int i = 0; i < ours.rowCount(); i++) {
			t.addRow(ours.get(i, 0), ours.get(i, 1), ours.get(i, 2), published.getDouble(i, pm), published.getDouble(i, pb));
		}
		return t;
	}

	private static String f(String fmt, Object... args) {
		return String.format(Locale.ROOT, fmt, args);
	}

	static Drawing draw(MalignancyAgreement.Result r) {
		Drawing d = new Drawing(1280, 470);
		d.text("Inter-annotator agreement vs malignancy (image-level mean Dice over annotator pairs)", 640, 28, PlotArea.TITLE_FONT + 1, true, Anchor.MIDDLE, VAlign.MIDDLE, 0,
			Color.BLACK);
		Color[] colors = { Palette.GREEN, Palette.RED };
		String[] groups = { MalignancyAgreement.BENIGN, MalignancyAgreement.MALIGNANT };
		double[][] values = { r.benign(), r.malignant() };
		// (a) ECDFs.
		PlotArea a = new PlotArea(d, 80, 80, 380, 320);
		a.xLinear(0, 1).yLinear(0, 1);
		a.yAxis("Cumulative fraction of images", 5, true);
		for (int g = 0; g < 2; g++) {
			List<double[]> pts = new ArrayList<>();
			pts.add(new double[] { 0, 0 });
			for (int i = 0; i < r.ecdf().rowCount(); i++) {
				if (!r.ecdf().getString(i, 0).equals(groups[g])) continue;
				double x = r.ecdf().getDouble(i, 1), y = r.ecdf().getDouble(i, 2);
				pts.add(new double[] { x, pts.get(pts.size() - 1)[1] });
				pts.add(new double[] { x, y });
			}
			pts.add(new double[] { 1, 1 });
			a.drawing().poly(pts.stream().mapToDouble(p -> a.px(p[0])).toArray(), pts.stream().mapToDouble(p -> a.py(p[1])).toArray(), false, null, colors[g], 2.5, false);
		}
		a.spines();
		a.xAxis("IAA score (mean Dice per image)", 5);
		a.title("Empirical CDF");
		a.legend(List.of(f("Benign (n = %,d)", values[0].length), f("Malignant (n = %,d)", values[1].length)), List.of(colors[0], colors[1]), true, false);
		// (b) Box plots.
		PlotArea b = new PlotArea(d, 560, 80, 260, 320);
		b.xCategories(2).yLinear(0, 1);
		b.yAxis("Mean Dice per image", 5, true);
		for (int g = 0; g < 2; g++) BoxPlot.draw(b, b.px(g), 40, values[g], BoxStatistics.of(values[g]), colors[g], 7 + g);
		b.spines();
		b.xCategoryLabels(List.of("Benign", "Malignant"), null);
		b.title("Distribution");
		// (c) Statistics.
		double x = 880, y = 96, line = 24;
		d.text("Statistics", x, y, PlotArea.TITLE_FONT, true, Anchor.START, VAlign.BASELINE, 0, Color.BLACK);
		List<String> lines = new ArrayList<>();
		for (int g = 0; g < 2; g++) {
			lines.add(f("%s: n = %,d", g == 0 ? "Benign" : "Malignant", (long) r.groups().getDouble(g, "n")));
			lines.add(f("   mean ± SD = %.3f ± %.3f", r.groups().getDouble(g, "mean"), r.groups().getDouble(g, "sd")));
		}
		lines.add(f("Mann–Whitney U = %,.0f", r.statistic("mann_whitney_u")));
		lines.add(f("   two-sided p = %.2e", r.pValue("mann_whitney_u")));
		lines.add(f("   malignant lower (one-sided) p = %.2e", r.pValue("mann_whitney_u_malignant_lower")));
		lines.add(f("Kolmogorov–Smirnov D = %.3f, p = %.2e", r.statistic("kolmogorov_smirnov"), r.pValue("kolmogorov_smirnov")));
		lines.add(f("P(malignant < benign) = %.3f", r.statistic("probability_malignant_lower")));
		lines.add(f("Cohen's d = %.3f (pooled SD)", r.statistic("cohens_d")));
		lines.add(f("   published formula (s⁴): %.3f", r.statistic("cohens_d_published_formula")));
		lines.add("Other classes left out: " + Counts.of((long) r.groups().getDouble(0, "excluded_images"), "image"));
		for (int i = 0; i < lines.size(); i++) d.text(lines.get(i), x, y + (i + 1.4) * line, 13.5, Anchor.START, VAlign.BASELINE);
		return d;
	}

	static Drawing drawFosd(Table t) {
		Drawing d = new Drawing(620, 480);
		PlotArea p = new PlotArea(d, 80, 70, 500, 330);
		double max = t.getDouble(t.rowCount() - 1, 0);
		p.xLinear(0, Math.max(max, 1e-9)).yLinear(0, 1);
		p.yAxis("P(Dice < t)", 5, true);
		boolean published = t.columnCount() > 3;
		String[] cols = published ? new String[] { "published_Malignant", "published_Benign", "Malignant", "Benign" } : new String[] { "Malignant", "Benign" };
		List<String> labels = new ArrayList<>();
		List<Color> colors = new ArrayList<>();
		for (int c = 0; c < cols.length; c++) {
			boolean recomputed = published && c >= 2;
			Color color = cols[c].endsWith("Malignant") ? Palette.RED : Palette.GREEN;
			double[] xs = new double[t.rowCount()], ys = new double[t.rowCount()];
			for (int i = 0; i < xs.length; i++) {
				xs[i] = p.px(t.getDouble(i, 0));
				ys[i] = p.py(t.getDouble(i, cols[c]));
			}
			d.poly(xs, ys, false, null, recomputed ? Palette.withAlpha(Color.BLACK, 200) : color, recomputed ? 1.2 : 3, recomputed);
			String name = cols[c].endsWith("Malignant") ? "Malignant" : "Benign (all other)";
			if (!recomputed) {
				labels.add(published ? name + ", published" : name);
				colors.add(color);
			}
		}
		if (published) {
			labels.add("recomputed from the metrics");
			colors.add(Color.BLACK);
		}
		p.spines();
		p.xAxis("IAA score t (Dice of annotator pairs)", 5);
		p.title("First-order stochastic dominance: CDFs of pairwise Dice");
		p.legend(labels, colors, true, false, published ? labels.size() - 1 : -1);
		return d;
	}
}
