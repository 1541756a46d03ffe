package org.imapp.figures;

import java.awt.Color;
import java.util.List;
import java.util.Locale;

import org.imapp.analysis.SetIntersections;
import org.imapp.figures.Drawing.Anchor;
import org.imapp.figures.Drawing.VAlign;

/**
 * Draws an UpSet plot (there is no UpSet library for Java): bars of the exact intersection sizes,
 * largest first, with their counts; below them the dot matrix of the categories forming each
 * intersection (largest category at the bottom, as UpSetPlot draws it); on the left the set sizes.
 */
public final class UpSetPlot {

	private UpSetPlot() {}

	/**
	 * @param highlight a category whose matrix row is shaded (null for none)
	 */
	public static Drawing draw(SetIntersections s, String title, String highlight) {
		List<String> cats = s.categories();
		List<SetIntersections.Intersection> cols = s.intersections();
		int nc = cols.size(), nr = cats.size();
		double cw = 24, rh = 26, setW = 190, barsH = 280, top = 60;
		double labelW = cats.stream().mapToDouble(c -> Drawing.textWidth(c, PlotArea.TICK_FONT, false)).max().orElse(0) + 20;
		double x0 = 30 + setW + labelW;
		double matrixTop = top + barsH + 14;
		double width = x0 + Math.max(1, nc) * cw + 30;
		double height = matrixTop + nr * rh + 70;
		Drawing d = new Drawing(Math.max(width, 520), height);
		d.text(title, d.width() / 2, 28, PlotArea.TITLE_FONT + 1, true, Anchor.MIDDLE, VAlign.MIDDLE, 0, Color.BLACK);

		// Intersection size bars.
		long max = cols.stream().mapToLong(SetIntersections.Intersection::size).max().orElse(1);
		PlotArea bars = new PlotArea(d, x0, top, Math.max(1, nc) * cw, barsH);
		bars.xCategories(Math.max(1, nc)).yLinear(0, max * 1.2).yIntegerTicks();
		bars.yAxis("Intersection size", 5, true);
		for (int i = 0; i < nc; i++) bars.bar(i, cols.get(i).size(), 0.7, Palette.DOT_ON, String.format(Locale.ROOT, "%,d", cols.get(i).size()));
		bars.spines();

		// Matrix rows: shading, highlight, category names.
		for (int r = 0; r < nr; r++) {
			double y = rowY(r, nr, matrixTop, rh);
			String cat = cats.get(r);
			if (cat.equals(highlight)) d.fill(30 + setW, y - rh / 2, labelW + nc * cw, rh, Palette.HIGHLIGHT);
			else if (r % 2 == 0) d.fill(x0, y - rh / 2, nc * cw, rh, new Color(0xf3f3f3));
			d.text(cat, x0 - 10, y, PlotArea.TICK_FONT, cat.equals(highlight), Anchor.END, VAlign.MIDDLE, 0, Color.BLACK);
		}
		// Dots and connecting lines.
		for (int i = 0; i < nc; i++) {
			double cx = bars.px(i);
			double yMin = Double.POSITIVE_INFINITY, yMax = Double.NEGATIVE_INFINITY;
			for (String m : cols.get(i).members()) {
				double y = rowY(cats.indexOf(m), nr, matrixTop, rh);
				yMin = Math.min(yMin, y);
				yMax = Math.max(yMax, y);
			}
			if (yMax > yMin) d.line(cx, yMin, cx, yMax, Palette.DOT_ON, 3);
			for (int r = 0; r < nr; r++) {
				boolean on = cols.get(i).members().contains(cats.get(r));
				d.circle(cx, rowY(r, nr, matrixTop, rh), 6.5, on ? Palette.DOT_ON : Palette.DOT_OFF, null, 0);
			}
		}
		// Set sizes: bars growing to the left, values at their ends.
		long maxSet = s.setSizes().values().stream().mapToLong(Long::longValue).max().orElse(1);
		double right = 30 + setW, leftEnd = 30 + 58;
		Axis ax = Axis.linear(0, maxSet, right, leftEnd).integerTicks();
		for (int r = 0; r < nr; r++) {
			double y = rowY(r, nr, matrixTop, rh);
			long v = s.setSizes().get(cats.get(r));
			double xl = ax.map(v);
			d.rect(xl, y - rh * 0.32, right - xl, rh * 0.64, Palette.DOT_ON, null, 0);
			d.text(String.format(Locale.ROOT, "%,d", v), xl - 4, y, PlotArea.VALUE_FONT, Anchor.END, VAlign.MIDDLE);
		}
		double axisY = matrixTop + nr * rh + 4;
		d.line(leftEnd, axisY, right, axisY, Color.BLACK, 1);
		double[] ticks = ax.ticks(2);
		for (double t : ticks) {
			d.line(ax.map(t), axisY, ax.map(t), axisY + 5, Color.BLACK, 1);
			d.text(ax.label(t, 2), ax.map(t), axisY + 8, PlotArea.TICK_FONT, false, Anchor.END, VAlign.MIDDLE, -45, Color.BLACK);
		}
		d.text("Set size", (leftEnd + right) / 2, axisY + 52, PlotArea.LABEL_FONT, Anchor.MIDDLE, VAlign.BASELINE);
		return d;
	}

	/** Row centre: the first (largest) category at the bottom. */
	private static double rowY(int r, int nr, double top, double rh) {
		return top + (nr - 1 - r) * rh + rh / 2;
	}
}
