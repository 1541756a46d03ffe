package org.imapp.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.imapp.data.Dataset;
import org.imapp.metrics.AgreementMetrics;
import org.imapp.metrics.MetricOptions;
import org.imapp.metrics.MetricsSummary;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/**
 * The pipeline's metrics stage: every pair of an image's readable annotator masks and its
 * consensus masks (made earlier in the run, or the dataset's own), by
 * {@link AgreementMetrics#forImage}; at the end the pairwise table in the published order and the
 * tables derived from it ({@link MetricsSummary#write}) — the files IMA++ Agreement Metrics writes.
 */
public final class MetricsStep implements ImageStep {

	private final MetricOptions options;

	public MetricsStep(MetricOptions options) {
		this.options = options;
	}

	@Override
	public String stage() {
		return "metrics";
	}

	@Override
	public Map<String, String> settings() {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("hd95", options.hd95().key());
		m.put("assd", options.assd().key());
		m.put("nsd_tolerance", Double.toString(options.nsdTolerance()));
		m.put("spacing", Double.toString(options.spacing()));
		return m;
	}

	@Override
	public void run(ImageWork work) throws IOException {
		if (!work.group().isMultiAnnotator()) return;
		List<AgreementMetrics.NamedMask> masks = new ArrayList<>();
		for (ImageWork.Mask m : work.readable()) masks.add(new AgreementMetrics.NamedMask(m.record(), m.mask()));
		for (ImageWork.Consensus c : work.consensus()) masks.add(new AgreementMetrics.NamedMask(c.record(), c.mask()));
		try {
			work.putPart(ImageResult.PAIRS, AgreementMetrics.table(AgreementMetrics.forImage(work.group().imgFilename(), masks, options), options));
		}
		catch (IllegalArgumentException e) { // masks of different sizes: a problem of this image, the others go on
			work.problem(stage(), e.getMessage());
		}
	}

	@Override
	public void writeTables(Map<String, Table> parts, Dataset dataset, Path output) throws IOException {
		Table pairs = parts.getOrDefault(ImageResult.PAIRS, new Table(AgreementMetrics.columns(options)));
		// Stable, like AgreementMetrics.sortAsPublished: images arrive in dataset order, pairs in combination order.
		pairs.sort(Comparator.comparing((Object[] r) -> (String) r[0]).thenComparing(r -> (String) r[1]));
		CsvTables.write(pairs, output.resolve(AgreementMetrics.PAIRWISE_FILE));
		MetricsSummary.write(pairs, output);
	}
}
