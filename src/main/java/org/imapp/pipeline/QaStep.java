package org.imapp.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.imapp.data.Dataset;
import org.imapp.qa.MaskQa;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/** Mask QA inside the pipeline: the masks' bytes and pixels come from the pipeline's single read. */
public final class QaStep implements ImageStep {

	public static final String STAGE = "qa";

	private final MaskQa.Options options;

	public QaStep(MaskQa.Options options) {
		this.options = options;
	}

	@Override
	public String stage() {
		return STAGE;
	}

	@Override
	public Map<String, String> settings() {
		return Map.of("published_rule", String.valueOf(options.publishedRule()), "extra_checks", String.valueOf(options.extraChecks()));
	}

	@Override
	public void run(ImageWork work) {
		List<MaskQa.ReadMask> masks = new ArrayList<>(work.masks().size());
		for (ImageWork.Mask m : work.masks()) masks.add(new MaskQa.ReadMask(m.record(), m.bytes(), m.mask(), m.foregroundValues(), m.error()));
		work.putPart(ImageResult.QA, MaskQa.checkImage(masks, work.imageMetadata(), options));
	}

	/** The issues of every image in dataset order, then the metadata rows the loader rejected. */
	@Override
	public void writeTables(Map<String, Table> parts, Dataset dataset, Path output) throws IOException {
		Table t = new Table(MaskQa.COLUMNS);
		Table rows = parts.get(ImageResult.QA);
		if (rows != null) t.addRows(rows);
		t.addRows(MaskQa.rejectedRows(dataset));
		CsvTables.write(t, output.resolve(MaskQa.RESULTS_CSV));
	}
}
