package org.imapp.synth;

import java.util.Random;

/**
 * The true outline of a synthetic lesion: a star-shaped curve around a centre, an elongated
 * ellipse modulated by a few low harmonics (the lumpy outline of a naevus). Annotators trace it
 * with their own style ({@link AnnotatorStyle}); the lesion image is painted from it.
 * Trigonometry uses {@link StrictMath} so a seed gives the same masks on every JVM.
 */
public record LesionShape(double cx, double cy, double radius, double aspect, double angle, double[] amp, double[] phase) {

	/** Harmonics 2..6 of the outline. */
	private static final int HARMONICS = 5;

	/**
	 * A random lesion in a {@code width × height} image.
	 * @param relRadius mean radius as a share of the shorter image side
	 */
	public static LesionShape random(Random r, int width, int height, double relRadius, double cx, double cy) {
		double[] amp = new double[HARMONICS], phase = new double[HARMONICS];
		for (int k = 0; k < HARMONICS; k++) {
			amp[k] = (0.02 + 0.10 * r.nextDouble()) / (k + 1);
			phase[k] = 2 * Math.PI * r.nextDouble();
		}
		double aspect = 1.0 + 0.5 * r.nextDouble();
		double angle = Math.PI * r.nextDouble();
		return new LesionShape(cx, cy, relRadius * Math.min(width, height), aspect, angle, amp, phase);
	}

	/** Distance from the centre to the outline in direction {@code theta}. */
	public double radiusAt(double theta) {
		double c = StrictMath.cos(theta - angle), s = StrictMath.sin(theta - angle);
		double a = Math.sqrt(aspect);
		double ellipse = 1.0 / Math.sqrt((c / a) * (c / a) + (s * a) * (s * a));
		double m = 1.0;
		for (int k = 0; k < amp.length; k++) m += amp[k] * StrictMath.cos((k + 2) * theta + phase[k]);
		return radius * ellipse * m;
	}

	/** Largest radius over all directions (sampled finely enough for placement decisions). */
	public double maxRadius() {
		double max = 0;
		for (int i = 0; i < 360; i++) max = Math.max(max, radiusAt(i * Math.PI / 180));
		return max;
	}

	/** Approximate outline length in pixels. */
	public double perimeter() {
		return 2 * Math.PI * radius * (1 + Math.sqrt(aspect)) / 2;
	}

	public LesionShape at(double x, double y) {
		return new LesionShape(x, y, radius, aspect, angle, amp, phase);
	}

	public LesionShape scaled(double f) {
		return new LesionShape(cx, cy, radius * f, aspect, angle, amp, phase);
	}

	/** The outline itself as a polygon of {@code n} vertices, counter-clockwise in image terms. */
	public PolygonFill.Ring ring(int n) {
		double[] x = new double[n], y = new double[n];
		for (int i = 0; i < n; i++) {
			double t = 2 * Math.PI * i / n;
			double rr = radiusAt(t);
			x[i] = cx + rr * StrictMath.cos(t);
			y[i] = cy + rr * StrictMath.sin(t);
		}
		return new PolygonFill.Ring(x, y);
	}
}
