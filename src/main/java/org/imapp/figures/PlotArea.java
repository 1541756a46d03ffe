package org.imapp.figures;

import java.awt.Color;
import java.util.List;

import org.imapp.figures.Drawing.Anchor;
import org.imapp.figures.Drawing.VAlign;

/**
 * One panel of a figure: a plotting rectangle with an x and a y {@link Axis}, drawn in the style
 * of the published figures (seaborn "ticks", top and right spines removed).
 */
public final class PlotArea {

	public static final double TICK_FONT = 12;
	public static final double LABEL_FONT = 14;
	public static final double TITLE_FONT = 15;
	public static final double VALUE_FONT = 11;

	private final Drawing d;
	private final double left, top, width, height;
	private Axis x, y;

	public PlotArea(Drawing d, double left, double top, double width, double height) {
		this.d = d;
		this.left = left;
		this.top = top;
		this.width = width;
		this.height = height;
	}

	public Drawing drawing() {
		return d;
	}

	public double left() {
		return left;
	}

	public double top() {
		return top;
	}

	public double right() {
		return left + width;
	}

	public double bottom() {
		return top + height;
	}

	public double width() {
		return width;
	}

	public double height() {
		return height;
	}

	public PlotArea xLinear(double min, double max) {
		x = Axis.linear(min, max, left, left + width);
		return this;
	}

	/** Categories 0..n−1 centred in equal slots. */
	public PlotArea xCategories(int n) {
		return xLinear(-0.5, n - 0.5);
	}

	public PlotArea yLinear(double min, double max) {
		y = Axis.linear(min, max, top + height, top);
		return this;
	}

	/** Whole-number ticks on the y axis (counts). */
	public PlotArea yIntegerTicks() {
		y = y.integerTicks();
		return this;
	}

	public PlotArea yLog(double min, double max) {
		y = Axis.log(min, max, top + height, top);
		return this;
	}

	public Axis x() {
		return x;
	}

	public Axis y() {
		return y;
	}

	public double px(double v) {
		return x.map(v);
	}

	public double py(double v) {
		return y.map(v);
	}

	/** Left and bottom spines. */
	public void spines() {
		d.line(left, top, left, top + height, Color.BLACK, 1);
		d.line(left, top + height, left + width, top + height, Color.BLACK, 1);
	}

	/** Y ticks, tick labels, optional light grid lines, and the rotated axis label. */
	public void yAxis(String label, int target, boolean grid) {
		double widest = 0;
		for (double t : y.ticks(target)) {
			double py = y.map(t);
			if (grid) d.line(left, py, left + width, py, Palette.GRID, 1);
			d.line(left - 5, py, left, py, Color.BLACK, 1);
			String s = y.label(t, target);
			widest = Math.max(widest, Drawing.textWidth(s, TICK_FONT, false));
			d.text(s, left - 8, py, TICK_FONT, Anchor.END, VAlign.MIDDLE);
		}
		if (label != null && !label.isEmpty()) {
			d.text(label, left - 16 - widest, top + height / 2, LABEL_FONT, false, Anchor.MIDDLE, VAlign.BOTTOM, -90, Color.BLACK);
		}
	}

	/** Numeric x ticks and the axis label below them. */
	public void xAxis(String label, int target) {
		for (double t : x.ticks(target)) {
			double px = x.map(t);
			d.line(px, top + height, px, top + height + 5, Color.BLACK, 1);
			d.text(x.label(t, target), px, top + height + 8, TICK_FONT, Anchor.MIDDLE, VAlign.TOP);
		}
		if (label != null && !label.isEmpty()) d.text(label, left + width / 2, top + height + 28, LABEL_FONT, Anchor.MIDDLE, VAlign.TOP);
	}

	/**
	 * Category names under the slots, rotated when they would overlap, and the axis label.
	 * @return the height the labels took below the axis
	 */
	public double xCategoryLabels(List<String> names, String label) {
		double slot = width / names.size();
		double widest = names.stream().mapToDouble(s -> Drawing.textWidth(s, TICK_FONT, false)).max().orElse(0);
		boolean rotate = widest > slot - 4;
		for (int i = 0; i < names.size(); i++) {
			double px = x.map(i);
			d.line(px, top + height, px, top + height + 5, Color.BLACK, 1);
			if (rotate) d.text(names.get(i), px, top + height + 8, TICK_FONT, false, Anchor.END, VAlign.MIDDLE, -90, Color.BLACK);
			else d.text(names.get(i), px, top + height + 8, TICK_FONT, Anchor.MIDDLE, VAlign.TOP);
		}
		double used = 8 + (rotate ? widest : TICK_FONT) + 6;
		if (label != null && !label.isEmpty()) {
			d.text(label, left + width / 2, top + height + used + 4, LABEL_FONT, Anchor.MIDDLE, VAlign.TOP);
			used += LABEL_FONT + 8;
		}
		return used;
	}

	public void title(String title) {
		title(title, 12);
	}

	/** A bold title {@code above} units over the panel. */
	public void title(String title, double above) {
		d.text(title, left + width / 2, top - above, TITLE_FONT, true, Anchor.MIDDLE, VAlign.BOTTOM, 0, Color.BLACK);
	}

	/**
	 * A bar from the axis floor to {@code value} at category {@code i} with its value written
	 * above (rotated when the slot is too narrow).
	 */
	public void bar(int i, double value, double relWidth, Color fill, String valueLabel) {
		double slot = width / (x.max() - x.min());
		double w = slot * relWidth;
		double x0 = x.map(i) - w / 2;
		double yTop = y.map(value), yBase = top + height;
		d.rect(x0, yTop, w, yBase - yTop, fill, null, 0);
		if (valueLabel != null) {
			double tw = Drawing.textWidth(valueLabel, VALUE_FONT, false);
			if (tw > slot - 2) d.text(valueLabel, x.map(i), yTop - 4, VALUE_FONT, false, Anchor.START, VAlign.MIDDLE, -90, Color.BLACK);
			else d.text(valueLabel, x.map(i), yTop - 4, VALUE_FONT, Anchor.MIDDLE, VAlign.BASELINE);
		}
	}

	/** A legend of colour swatches at the top-right (or top-left) corner inside the panel. */
	public void legend(List<String> labels, List<Color> colors, boolean lines, boolean right) {
		legend(labels, colors, lines, right, -1);
	}

	/** As {@link #legend(List, List, boolean, boolean)}, entry {@code dashedEntry} drawn as a dashed line. */
	public void legend(List<String> labels, List<Color> colors, boolean lines, boolean right, int dashedEntry) {
		double w = labels.stream().mapToDouble(s -> Drawing.textWidth(s, TICK_FONT, false)).max().orElse(0) + 34;
		double x0 = right ? left + width - w - 6 : left + 10, y0 = top + 8;
		d.rect(x0 - 6, y0 - 4, w + 8, labels.size() * 20 + 6, new Color(255, 255, 255, 220), Palette.LIGHT_GREY, 1);
		for (int i = 0; i < labels.size(); i++) {
			double cy = y0 + 8 + i * 20;
			if (lines && i == dashedEntry) d.dashed(x0, cy, x0 + 22, cy, colors.get(i), 1.5);
			else if (lines) d.line(x0, cy, x0 + 22, cy, colors.get(i), 3);
			else d.rect(x0 + 4, cy - 6, 14, 12, colors.get(i), null, 0);
			d.text(labels.get(i), x0 + 28, cy, TICK_FONT, Anchor.START, VAlign.MIDDLE);
		}
	}
}
