package org.imapp.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.imapp.data.Dataset;
import org.imapp.metrics.MetricOptions;
import org.imapp.runner.AgreementMetrics;
import org.imapp.runner.MetricsSummary;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/**
 * Pairwise agreement metrics inside the pipeline: every pair of the image's readable annotator
 * masks and its consensus masks — those made earlier in the same pass, straight from memory, or
 * the dataset's own ST/MV masks when no consensus step runs — by
 * {@link AgreementMetrics#forImage} (distance work confined to the masks' surfaces). At the end:
 * the pairwise table sorted as published and its summaries, under {@code metrics/}.
 */
public final class MetricsStep implements ImageStep {

	static final String PART = "pairwise";
	public static final String FOLDER = "metrics";

	private final MetricOptions options;

	public MetricsStep(MetricOptions options) {
		this.options = options;
	}

	@Override
	public String stage() {
		return StageTimes.METRICS;
	}

	@Override
	public Map<String, String> settings() {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("hd95", options.hd95().name());
		m.put("assd", options.assd().name());
		m.put("nsd_tolerance", String.valueOf(options.nsdTolerance()));
		m.put("spacing", String.valueOf(options.spacing()));
		return m;
	}

	@Override
	public void run(ImageWork work) throws IOException {
		if (!work.group().isMultiAnnotator()) return; // the pairwise table covers the multi-annotator subset
		List<AgreementMetrics.NamedMask> masks = new ArrayList<>();
		for (ImageWork.Mask m : work.readable()) masks.add(new AgreementMetrics.NamedMask(m.record(), m.mask()));
		for (ImageWork.Consensus c : work.consensus()) masks.add(new AgreementMetrics.NamedMask(c.record(), c.mask()));
		List<AgreementMetrics.PairRow> rows;
		try {
			rows = AgreementMetrics.forImage(work.group().imgFilename(), masks, options);
		}
		catch (IllegalArgumentException e) { // masks of different sizes: this image's problem, the run goes on
			work.problem(stage(), e.getMessage());
			return;
		}
		work.putPart(PART, AgreementMetrics.table(rows, options));
		work.times().count(StageTimes.PAIRS, rows.size());
		if (!masks.isEmpty()) work.times().count(StageTimes.PAIR_PIXELS, (long) rows.size() * masks.get(0).mask().size());
	}

	@Override
	public void writeTables(Map<String, Table> parts, Dataset dataset, Path output) throws IOException {
		Table pairs = parts.getOrDefault(PART, new Table(AgreementMetrics.columns(options)));
		// Stable sort by (img_id, mask1), as AgreementMetrics.sortAsPublished and the published file.
		pairs.sort(Comparator.<Object[], String> comparing(r -> (String) r[0]).thenComparing(r -> (String) r[1]));
		Path dir = output.resolve(FOLDER);
		CsvTables.write(pairs, dir.resolve(AgreementMetrics.PAIRWISE_FILE));
		MetricsSummary.writeAll(pairs, dir);
	}
}
