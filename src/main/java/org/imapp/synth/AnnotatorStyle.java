package org.imapp.synth;

import java.util.Random;

/**
 * How one annotator traces a lesion, after the IMA++ tools and skill levels:
 * T1 (manual point list) gives coarse polygons of a few dozen clicks, T2 (semi-automated flood
 * fill) a smooth outline that wanders with the lesion's contrast, T3 (automated fill) a jagged,
 * pixel-noisy contour; every annotator draws habitually tighter or looser, and novices (S2) add
 * low-frequency wobble and an off-centre drift.
 *
 * @param tool T1, T2 or T3
 * @param novice skill level S2
 * @param looseness relative radius offset of this annotator's habit (−0.1 tight … +0.12 loose)
 */
public record AnnotatorStyle(String tool, boolean novice, double looseness) {

	/** The style of an annotator code (A00..A15) with a tool and skill; the habit depends on the annotator. */
	public static AnnotatorStyle of(String annotator, String tool, String skill) {
		int a = annotator.length() == 3 && annotator.charAt(0) == 'A' ? Integer.parseInt(annotator.substring(1)) : 0;
		// A fixed, annotator-specific habit: some always trace inside the lesion edge, some outside.
		double habit = ((a * 37 + 11) % 9 - 4) / 4.0; // -1 .. 1
		double looseness = habit > 0 ? 0.12 * habit : 0.10 * habit;
		return new AnnotatorStyle(tool, "S2".equals(skill), looseness);
	}

	/** This annotator's outline of {@code lesion}, as a closed polygon. */
	public PolygonFill.Ring trace(LesionShape lesion, Random r) {
		double perimeter = Math.max(12, lesion.perimeter());
		int n;
		double jitter; // per-vertex radial noise, pixels
		double smooth; // relative amplitude of wandering (correlated) deviation
		switch (tool) {
			case "T1" -> {
				n = 8 + r.nextInt(Math.max(1, Math.min(40, (int) (perimeter / 40))));
				jitter = 0.015 * lesion.radius();
				smooth = 0.02;
			}
			case "T2" -> {
				n = (int) Math.min(1024, Math.max(16, perimeter / 6));
				jitter = 0.004 * lesion.radius() + 0.5;
				smooth = 0.05;
			}
			default -> {
				n = (int) Math.min(4096, Math.max(24, perimeter / 2.5));
				jitter = 0.008 * lesion.radius() + 1.5;
				smooth = 0.03;
			}
		}
		if (novice) smooth += 0.05 + 0.05 * r.nextDouble();
		double scale = 1 + looseness + 0.03 * (r.nextDouble() - 0.5);
		double driftX = 0, driftY = 0;
		if (novice) {
			double d = lesion.radius() * (0.02 + 0.05 * r.nextDouble());
			double t = 2 * Math.PI * r.nextDouble();
			driftX = d * StrictMath.cos(t);
			driftY = d * StrictMath.sin(t);
		}
		// Wandering deviation: harmonics 1..4 with random phases.
		double[] wa = new double[4], wp = new double[4];
		for (int k = 0; k < 4; k++) {
			wa[k] = smooth * r.nextDouble() / (k + 1);
			wp[k] = 2 * Math.PI * r.nextDouble();
		}
		double[] x = new double[n], y = new double[n];
		double phase0 = 2 * Math.PI * r.nextDouble() / n; // clicks do not start at angle 0
		for (int i = 0; i < n; i++) {
			double t = phase0 + 2 * Math.PI * i / n;
			double m = scale;
			for (int k = 0; k < 4; k++) m += wa[k] * StrictMath.cos((k + 1) * t + wp[k]);
			double rr = lesion.radiusAt(t) * m + jitter * (2 * r.nextDouble() - 1);
			if ("T3".equals(tool) && r.nextInt(200) == 0) rr += jitter * 6 * r.nextDouble(); // auto-fill leaks
			rr = Math.max(0.05 * lesion.radius(), rr);
			x[i] = lesion.cx() + driftX + rr * StrictMath.cos(t);
			y[i] = lesion.cy() + driftY + rr * StrictMath.sin(t);
		}
		return new PolygonFill.Ring(x, y);
	}
}
