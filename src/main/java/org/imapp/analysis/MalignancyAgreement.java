package org.imapp.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.imapp.data.ImageMetadata;
import org.imapp.table.Table;

/**
 * Inter-annotator agreement versus malignancy: each image's mean annotator-pair Dice joined with
 * {@code benign_malignant} of the image metadata, compared between benign and malignant lesions.
 *
 * <p>Groups are the exact values {@code benign} and {@code malignant}; {@code indeterminate},
 * {@code indeterminate/benign}, {@code indeterminate/malignant} and empty values are left out and
 * counted. On the published tables this gives 1,880 benign and 505 malignant images of the 2,394
 * multi-annotator images (7 indeterminate, 2 indeterminate/benign). The published FOSD figure
 * instead compares annotator <em>pairs</em> of malignant images with pairs of all other images
 * (see {@link #pairwiseFosd}).
 *
 * <p>Statistics come from Apache Commons Math: Mann–Whitney U (normal approximation without tie
 * or continuity correction, so p differs slightly from SciPy's default), two-sample
 * Kolmogorov–Smirnov. Cohen's d uses the pooled SD √(((n₁−1)s₁²+(n₂−1)s₂²)/(n₁+n₂−2)); the
 * published helper {@code report_stats} squares the variances instead (s⁴), which is reported
 * beside it as {@code cohens_d_published_formula} so the difference is visible.
 */
public final class MalignancyAgreement {

	public static final String BENIGN = "benign";
	public static final String MALIGNANT = "malignant";
	public static final String COLUMN = "benign_malignant";

	/**
	 * @param images columns {@code img_id, benign_malignant, group, dice_score_mean} (group empty when left out)
	 * @param groups columns {@code group, n, mean, sd, median, q1, q3, ...}
	 * @param tests columns {@code test, alternative, statistic, p_value}
	 * @param ecdf columns {@code group, dice_score_mean, ecdf}: the step points P(X ≤ x) drawn
	 */
	public record Result(Table images, Table groups, Table tests, Table ecdf, double[] benign, double[] malignant) {

		/** A value of the tests table by test name. */
		public double statistic(String test) {
			return find(test, 2);
		}

		public double pValue(String test) {
			return find(test, 3);
		}

		private double find(String test, int col) {
			for (int r = 0; r < tests.rowCount(); r++) if (tests.getString(r, 0).equals(test)) return tests.getDouble(r, col);
			throw new IllegalArgumentException("No test " + test);
		}
	}

	private MalignancyAgreement() {}

	/**
	 * @param meanDice image file name ({@code img_id}) → mean annotator-pair Dice
	 * @throws IllegalArgumentException naming the image when it has no row in the image metadata
	 */
	public static Result compute(Map<String, Double> meanDice, ImageMetadata metadata) {
		if (metadata.columns().indexOf(COLUMN) < 0) throw new IllegalArgumentException(metadata.file() + ": missing column '" + COLUMN + "'");
		Table images = new Table("img_id", COLUMN, "group", "dice_score_mean");
		List<Double> b = new ArrayList<>(), m = new ArrayList<>();
		for (var e : meanDice.entrySet()) {
			String isic = isicId(e.getKey());
			String cls = metadata.get(isic, COLUMN);
			if (cls == null) throw new IllegalArgumentException(metadata.file() + ": no row for image " + isic + " (from the metrics table)");
			String group = cls.equals(BENIGN) || cls.equals(MALIGNANT) ? cls : null;
			images.addRow(e.getKey(), cls, group, e.getValue());
			if (Double.isNaN(e.getValue())) continue;
			if (BENIGN.equals(group)) b.add(e.getValue());
			else if (MALIGNANT.equals(group)) m.add(e.getValue());
		}
		double[] benign = b.stream().mapToDouble(Double::doubleValue).toArray();
		double[] malignant = m.stream().mapToDouble(Double::doubleValue).toArray();
		if (benign.length < 2 || malignant.length < 2) {
			throw new IllegalArgumentException("Need at least 2 benign and 2 malignant images with agreement values, found " + benign.length + " and " + malignant.length);
		}
		int excluded = images.rowCount() - benign.length - malignant.length;

		Table groups = new Table("group", "n", "mean", "sd", "median", "q1", "q3", "excluded_images");
		for (String g : List.of(BENIGN, MALIGNANT)) {
			double[] v = g.equals(BENIGN) ? benign : malignant;
			BoxStatistics s = BoxStatistics.of(v);
			groups.addRow(g, (long) v.length, s.mean(), Math.sqrt(StatUtils.variance(v)), s.median(), s.q1(), s.q3(), (long) excluded);
		}

		Table tests = new Table("test", "alternative", "statistic", "p_value");
		MannWhitneyUTest mw = new MannWhitneyUTest();
		double p2 = mw.mannWhitneyUTest(malignant, benign);
		double uMalignant = uStatistic(malignant, benign);
		double mid = (double) malignant.length * benign.length / 2;
		// The library's normal approximation is symmetric: the one-sided p in the direction
		// "malignant lower" is half the two-sided p when U lies below its mean, else 1 − p/2.
		double pLess = uMalignant <= mid ? p2 / 2 : 1 - p2 / 2;
		tests.addRow("mann_whitney_u", "two-sided", uMalignant, p2);
		tests.addRow("mann_whitney_u_malignant_lower", "less", uMalignant, pLess);
		KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
		tests.addRow("kolmogorov_smirnov", "two-sided", ks.kolmogorovSmirnovStatistic(malignant, benign), ks.kolmogorovSmirnovTest(malignant, benign));
		tests.addRow("ecdf_max_malignant_above_benign", "", maxDifference(malignant, benign), null);
		tests.addRow("ecdf_max_benign_above_malignant", "", maxDifference(benign, malignant), null);
		tests.addRow("probability_malignant_lower", "", 1 - uMalignant / (2 * mid), null);
		double mb = StatUtils.mean(benign), mm = StatUtils.mean(malignant);
		double vb = StatUtils.variance(benign), vm = StatUtils.variance(malignant);
		int nb = benign.length, nm = malignant.length;
		double pooled = Math.sqrt(((nb - 1) * vb + (nm - 1) * vm) / (nb + nm - 2));
		double pooledPublished = Math.sqrt(((nb - 1) * vb * vb + (nm - 1) * vm * vm) / (nb + nm - 2));
		tests.addRow("cohens_d", "benign minus malignant", (mb - mm) / pooled, null);
		tests.addRow("cohens_d_published_formula", "benign minus malignant", (mb - mm) / pooledPublished, null);

		Table ecdf = new Table("group", "dice_score_mean", "ecdf");
		addEcdf(ecdf, BENIGN, benign);
		addEcdf(ecdf, MALIGNANT, malignant);
		return new Result(images, groups, tests, ecdf, benign, malignant);
	}

	/** Mann–Whitney U of {@code x}: pairs (x, y) with x > y, ties counting one half. */
	static double uStatistic(double[] x, double[] y) {
		double[] ys = y.clone();
		Arrays.sort(ys);
		double u = 0;
		for (double v : x) {
			int below = lowerBound(ys, v), notAbove = upperBound(ys, v);
			u += below + 0.5 * (notAbove - below);
		}
		return u;
	}

	/** sup over t of F_a(t) − F_b(t), the ECDFs being P(X ≤ t). */
	static double maxDifference(double[] a, double[] b) {
		double[] as = a.clone(), bs = b.clone();
		Arrays.sort(as);
		Arrays.sort(bs);
		double best = 0;
		for (double[] grid : new double[][] { as, bs }) {
			for (double t : grid) best = Math.max(best, (double) upperBound(as, t) / as.length - (double) upperBound(bs, t) / bs.length);
		}
		return best;
	}

	private static void addEcdf(Table t, String group, double[] v) {
		double[] s = v.clone();
		Arrays.sort(s);
		for (int i = 0; i < s.length; i++) {
			if (i + 1 < s.length && s[i + 1] == s[i]) continue;
			t.addRow(group, s[i], (double) (i + 1) / s.length);
		}
	}

	/**
	 * The published FOSD curves ({@code FOSD_CDF_values.csv}): P(Dice &lt; t) (strict) over annotator
	 * pairs of malignant images and over pairs of all other images ("Benign", indeterminate included),
	 * at each grid value. Columns {@code grid_value, Malignant, Benign}.
	 */
	public static Table pairwiseFosd(List<MetricPair> pairs, ImageMetadata metadata, double[] grid) {
		List<Double> mal = new ArrayList<>(), other = new ArrayList<>();
		for (MetricPair p : pairs) {
			if (!p.isAnnotatorPair() || Double.isNaN(p.dice())) continue;
			String cls = metadata.get(p.isicId(), COLUMN);
			if (cls == null) throw new IllegalArgumentException(metadata.file() + ": no row for image " + p.isicId() + " (from the metrics table)");
			(MALIGNANT.equals(cls) ? mal : other).add(p.dice());
		}
		double[] ms = mal.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		double[] os = other.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		Table t = new Table("grid_value", "Malignant", "Benign");
		for (double g : grid) t.addRow(g, ms.length == 0 ? Double.NaN : (double) lowerBound(ms, g) / ms.length, os.length == 0 ? Double.NaN : (double) lowerBound(os, g) / os.length);
		return t;
	}

	/** NumPy's {@code linspace(0, max, n)}: the published FOSD grid runs to the largest pair Dice. */
	public static double[] linspace(double start, double stop, int n) {
		double[] g = new double[n];
		double step = (stop - start) / (n - 1);
		for (int i = 0; i < n; i++) g[i] = i * step + start;
		g[n - 1] = stop;
		return g;
	}

	/** Index of the first element ≥ v (elements &lt; v). */
	private static int lowerBound(double[] s, double v) {
		int lo = 0, hi = s.length;
		while (lo < hi) {
			int mid = (lo + hi) >>> 1;
			if (s[mid] < v) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/** Index of the first element &gt; v (elements ≤ v). */
	private static int upperBound(double[] s, double v) {
		int lo = 0, hi = s.length;
		while (lo < hi) {
			int mid = (lo + hi) >>> 1;
			if (s[mid] <= v) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	private static String isicId(String imgId) {
		int dot = imgId.lastIndexOf('.');
		return dot < 0 ? imgId : imgId.substring(0, dot);
	}
}
