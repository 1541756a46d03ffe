package org.imapp.metrics;

/**
 * Agreement between two masks of one image, every definition at once; {@link MetricOptions}
 * chooses which of them fill the published columns.
 * <p>
 * Boundary distances are in pixels (in calibrated units from {@link OverlapMetrics#computeNd} with a
 * spacing) and NaN when a mask is empty (IMA++ left those cells empty);
 * the normalized forms are then 1.0, the value IMA++ filled in by hand.
 *
 * @param dice 2|A∩B| / (|A|+|B|); 0 when a mask is empty
 * @param jaccard |A∩B| / |A∪B|; 0 when a mask is empty
 * @param hd Hausdorff distance, max of both directed maxima
 * @param hd95 medpy HD95: percentile 95 of both directed lists pooled
 * @param hd95MaxDirected larger of the two directed 95th percentiles (MONAI)
 * @param assd medpy 0.5.2 ASSD: mean of both directed lists pooled
 * @param masd mean of the two directed means (medpy ≤ 0.4)
 * @param nsd Normalized Surface Dice: share of both surfaces within τ of the other; 0 when one
 *            mask is empty, NaN when both are
 * @param nsdTolerance τ in pixels
 * @param diagonal √(rows² + cols²) of the image, the normalisation length
 * @param surface1 surface pixels of mask 1
 * @param surface2 surface pixels of mask 2
 * @param note why metrics are undefined ("mask1 is empty", ...), or null
 */
public record PairMetrics(double dice, double jaccard, double hd, double hd95, double hd95MaxDirected, double assd, double masd,
		double nsd, double nsdTolerance, double diagonal, int surface1, int surface2, String note) {

	/** HD95 of the chosen definition. */
	public double hd95(MetricOptions.Hd95Variant v) {
		return v == MetricOptions.Hd95Variant.POOLED ? hd95 : hd95MaxDirected;
	}

	/** Average surface distance of the chosen definition. */
	public double assd(MetricOptions.AssdVariant v) {
		return v == MetricOptions.AssdVariant.POOLED ? assd : masd;
	}

	/** True when the boundary metrics are undefined (an empty mask). */
	public boolean boundaryUndefined() {
		return Double.isNaN(hd);
	}

	/** A boundary distance divided by the diagonal; 1.0 where undefined, the published convention. */
	public double normalized(double distance) {
		return Double.isNaN(distance) ? 1.0 : distance / diagonal;
	}
}
