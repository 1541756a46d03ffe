package org.imapp.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.imapp.data.Dataset;
import org.imapp.metrics.AgreementMetrics;
import org.imapp.metrics.MetricOptions;
import org.imapp.metrics.MetricsSummary;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/** Pairwise agreement inside the pipeline: annotator masks, then the consensus masks, as IMA++ pairs them. */
public final class MetricsStep implements ImageStep {

	public static final String STAGE = "metrics";

	private final MetricOptions options;

	public MetricsStep(MetricOptions options) {
		this.options = options;
	}

	@Override
	public String stage() {
		return STAGE;
	}

	@Override
	public Map<String, String> settings() {
		return Map.of("hd95", options.hd95().toString(), "assd", options.assd().toString(), "nsd_tolerance", String.valueOf(options.nsdTolerance()),
			"spacing", String.valueOf(options.spacing()));
	}

	@Override
	public void run(ImageWork work) {
		if (work.group().annotatorMasks().size() < 2) return;
		List<AgreementMetrics.NamedMask> masks = new ArrayList<>();
		for (ImageWork.Mask m : work.readable()) masks.add(new AgreementMetrics.NamedMask(m.record(), m.mask()));
		for (ImageWork.Consensus c : work.consensus()) masks.add(new AgreementMetrics.NamedMask(c.record(), c.mask()));
		if (masks.size() < 2) return;
		try {
			work.putPart(ImageResult.PAIRS, AgreementMetrics.table(AgreementMetrics.forImage(work.group().imgFilename(), masks, options), options));
		}
		catch (IllegalArgumentException e) { // masks of different sizes: the image's problem, the run goes on
			work.problem(STAGE, e.getMessage());
		}
	}

	@Override
	public void writeTables(Map<String, Table> parts, Dataset dataset, Path output) throws IOException {
		Table pairs = new Table(AgreementMetrics.columns(options));
		Table rows = parts.get(ImageResult.PAIRS);
		if (rows != null) pairs.addRows(rows);
		// Stable, as pandas' sort_values left the published file: by img_id, then mask1.
		pairs.sort(Comparator.comparing((Object[] r) -> (String) r[0]).thenComparing(r -> (String) r[1]));
		CsvTables.write(pairs, output.resolve(AgreementMetrics.PAIRWISE_FILE));
		MetricsSummary.writeAll(pairs, output);
	}
}
