package org.imapp.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Maps data values to pixels along one axis (linear or log₁₀) and chooses readable ticks. */
public final class Axis {

	private final double min, max, from, to;
	private final boolean log;
	/** Counts: ticks only at whole numbers. */
	private final boolean integers;

	private Axis(double min, double max, double from, double to, boolean log, boolean integers) {
		// NaN bounds come from no values at all (e.g. a dataset without masks): nothing to draw, a skip in a figure set.
		if (Double.isNaN(min) || Double.isNaN(max)) throw new MissingInputException("No data to draw (no values for the axis)");
		if (!(max > min)) throw new IllegalArgumentException("Axis range must be increasing: " + min + ".." + max);
		if (log && min <= 0) throw new IllegalArgumentException("Log axis needs a positive minimum: " + min);
		this.min = min;
		this.max = max;
		this.from = from;
		this.to = to;
		this.log = log;
		this.integers = integers;
	}

	/** Linear axis: {@code min} at pixel {@code from}, {@code max} at {@code to} (to &lt; from for y). */
	public static Axis linear(double min, double max, double from, double to) {
		return new Axis(min, max, from, to, false, false);
	}

	public static Axis log(double min, double max, double from, double to) {
		return new Axis(min, max, from, to, true, false);
	}

	/** The same axis for counts: no tick between whole numbers (no 0.5 on a 0..2 axis). */
	public Axis integerTicks() {
		return new Axis(min, max, from, to, log, true);
	}

	public double min() {
		return min;
	}

	public double max() {
		return max;
	}

	public double map(double v) {
		double f = log ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) : (v - min) / (max - min);
		return from + f * (to - from);
	}

	/** Tick values: powers of ten for log axes, 1/2/5 × 10ᵏ steps (about {@code target} ticks) for linear ones. */
	public double[] ticks(int target) {
		List<Double> out = new ArrayList<>();
		if (log) {
			for (int e = (int) Math.ceil(Math.log10(min) - 1e-9); Math.pow(10, e) <= max * (1 + 1e-9); e++) out.add(Math.pow(10, e));
		}
		else {
			double step = step(target);
			for (double t = Math.ceil(min / step - 1e-9) * step; t <= max + step * 1e-9; t += step) out.add(Math.abs(t) < step * 1e-9 ? 0 : t);
		}
		return out.stream().mapToDouble(Double::doubleValue).toArray();
	}

	private double step(int target) {
		double raw = (max - min) / Math.max(1, target);
		double mag = Math.pow(10, Math.floor(Math.log10(raw)));
		double f = raw / mag;
		double step = (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
		return integers ? Math.max(1, step) : step;
	}

	/** Tick label: integers with thousands separators, otherwise as many decimals as the step needs. */
	public String label(double tick, int target) {
		if (log || tick == Math.rint(tick) && step(target) >= 1) return String.format(Locale.ROOT, "%,d", Math.round(tick));
		int decimals = (int) Math.max(0, Math.ceil(-Math.log10(step(target)) - 1e-9));
		return String.format(Locale.ROOT, "%." + decimals + "f", tick);
	}
}
