package org.imapp.metrics;

/**
 * Which definitions fill the published metric columns, and the parameters of the extra metrics.
 * {@link #DEFAULT} is what IMA++ published (medpy 0.5.2).
 *
 * @param hd95 which 95th-percentile Hausdorff distance goes into {@code hd95_score}
 * @param assd which average surface distance goes into {@code assd_score}
 * @param nsdTolerance tolerance τ of the Normalized Surface Dice in pixels (in calibrated units for
 *            {@link OverlapMetrics#computeNd} with a spacing); NaN means 2 % of the
 *            image diagonal
 * @param spacing pixel size in mm for the extra {@code *_mm} columns; NaN means none
 */
public record MetricOptions(Hd95Variant hd95, AssdVariant assd, double nsdTolerance, double spacing) {

	/** medpy 0.5.2 definitions, NSD at 2 % of the diagonal, no physical units. */
	public static final MetricOptions DEFAULT = new MetricOptions(Hd95Variant.POOLED, AssdVariant.POOLED, Double.NaN, Double.NaN);

	/** NSD tolerance as a fraction of the image diagonal when none is given. */
	public static final double DEFAULT_NSD_FRACTION = 0.02;

	public MetricOptions {
		if (hd95 == null || assd == null) throw new IllegalArgumentException("Metric variants must not be null");
		if (nsdTolerance < 0) throw new IllegalArgumentException("NSD tolerance must be >= 0 pixels, got " + nsdTolerance);
		if (spacing <= 0) throw new IllegalArgumentException("Pixel spacing must be > 0 mm, got " + spacing);
	}

	/** τ in pixels for an image with this diagonal. */
	public double nsdTolerance(double diagonal) {
		return Double.isNaN(nsdTolerance) ? DEFAULT_NSD_FRACTION * diagonal : nsdTolerance;
	}

	public boolean hasSpacing() {
		return !Double.isNaN(spacing);
	}

	public MetricOptions withHd95(Hd95Variant v) {
		return new MetricOptions(v, assd, nsdTolerance, spacing);
	}

	public MetricOptions withAssd(AssdVariant v) {
		return new MetricOptions(hd95, v, nsdTolerance, spacing);
	}

	public MetricOptions withNsdTolerance(double tau) {
		return new MetricOptions(hd95, assd, tau, spacing);
	}

	public MetricOptions withSpacing(double mm) {
		return new MetricOptions(hd95, assd, nsdTolerance, mm);
	}

	/** Definitions of HD95. */
	public enum Hd95Variant {
		/** medpy: numpy percentile 95 of both directed distance lists pooled (IMA++). */
		POOLED("pooled"),
		/** MONAI / DeepMind surface-distance: the larger of the two directed 95th percentiles. */
		MAX_DIRECTED("max_directed");

		private final String key;

		Hd95Variant(String key) {
			this.key = key;
		}

		/** The name used in command choices. */
		public String key() {
			return key;
		}

		public static Hd95Variant of(String key) {
			for (Hd95Variant v : values()) if (v.key.equalsIgnoreCase(key) || v.name().equalsIgnoreCase(key)) return v;
			throw new IllegalArgumentException("Unknown HD95 variant '" + key + "' (pooled or max_directed)");
		}
	}

	/** Definitions of the average surface distance. */
	public enum AssdVariant {
		/** medpy 0.5.2: mean of both directed distance lists pooled (IMA++). */
		POOLED("pooled"),
		/** medpy ≤ 0.4 (MASD): mean of the two directed means. */
		MEAN_OF_DIRECTED("mean_of_directed");

		private final String key;

		AssdVariant(String key) {
			this.key = key;
		}

		public String key() {
			return key;
		}

		public static AssdVariant of(String key) {
			for (AssdVariant v : values()) if (v.key.equalsIgnoreCase(key) || v.name().equalsIgnoreCase(key)) return v;
			throw new IllegalArgumentException("Unknown ASSD variant '" + key + "' (pooled or mean_of_directed)");
		}
	}
}
