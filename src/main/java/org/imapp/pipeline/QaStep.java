package org.imapp.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.imapp.data.Dataset;
import org.imapp.data.SegRecord;
import org.imapp.mask.MaskIO;
import org.imapp.mask.MaskReadException;
import org.imapp.qa.MaskQa;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/**
 * Mask QA inside the pipeline: {@link MaskQa}'s checks on the masks the pipeline already decoded
 * (the dataset's own ST/MV masks, which the pipeline does not otherwise need, are read here), and
 * at the end {@code metadata/IMAplusplus_seg_metadata_qa_results.csv} in metadata order with the
 * metadata problems placed as {@link MaskQa#run} places them.
 */
public final class QaStep implements ImageStep {

	static final String PART = "qa_issues";
	/** {@link MaskQa#COLUMNS} plus the metadata line, which orders the final table. */
	static final List<String> COLUMNS = List.of("image", "mask", "issue", "severity", "line");
	public static final String FOLDER = "metadata";

	private final MaskQa.Options options;

	public QaStep(MaskQa.Options options) {
		this.options = options;
	}

	@Override
	public String stage() {
		return StageTimes.QA;
	}

	@Override
	public Map<String, String> settings() {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("published_rule", String.valueOf(options.publishedRule()));
		m.put("extra_checks", String.valueOf(options.extraChecks()));
		return m;
	}

	@Override
	public boolean needsForegroundValues() {
		return options.extraChecks();
	}

	@Override
	public void run(ImageWork work) throws IOException {
		List<SegRecord> records = new ArrayList<>();
		List<byte[]> bytes = new ArrayList<>();
		List<MaskIO.Decoded> decoded = new ArrayList<>();
		List<String> errors = new ArrayList<>();
		long pixels = 0;
		for (ImageWork.Mask m : work.masks()) {
			records.add(m.record());
			bytes.add(m.bytes());
			decoded.add(m.readable() ? new MaskIO.Decoded(m.mask(), Math.max(0, m.foregroundValues())) : null);
			errors.add(m.error());
			if (m.readable()) pixels += m.mask().size();
		}
		for (SegRecord r : work.group().consensusMasks()) {
			records.add(r);
			byte[] b = null;
			try {
				b = work.store().readBytes(r.segFilename());
				MaskIO.Decoded d = options.extraChecks() ? work.store().decodeCountingValues(b, r.segFilename())
					: new MaskIO.Decoded(work.store().decode(b, r.segFilename()), 0);
				bytes.add(b);
				decoded.add(d);
				errors.add(null);
				pixels += d.mask().size();
			}
			catch (MaskReadException | RuntimeException e) {
				bytes.add(b);
				decoded.add(null);
				errors.add(e.getMessage());
			}
		}
		List<List<MaskQa.Finding>> findings = MaskQa.checkImage(records, bytes, decoded, errors, work.imageMetadata(), work.store(), options);
		Table t = work.part(PART, COLUMNS);
		for (int i = 0; i < records.size(); i++) {
			SegRecord r = records.get(i);
			for (MaskQa.Finding f : findings.get(i)) t.addRow(r.imgFilename(), r.segFilename(), f.issue(), f.severity(), (long) r.line());
		}
		work.times().count(StageTimes.MASKS_CHECKED, records.size());
		work.times().count(StageTimes.PIXELS_CHECKED, pixels);
	}

	@Override
	public void writeTables(Map<String, Table> parts, Dataset dataset, Path output) throws IOException {
		Table found = parts.getOrDefault(PART, new Table(COLUMNS));
		List<Object[]> rows = new ArrayList<>(found.rows());
		rows.sort(Comparator.comparingLong(r -> (Long) r[4])); // stable: a mask's issues keep their order
		Table issues = new Table(MaskQa.COLUMNS);
		long[] lines = new long[rows.size()];
		for (int i = 0; i < rows.size(); i++) {
			Object[] r = rows.get(i);
			issues.addRow(r[0], r[1], r[2], r[3]);
			lines[i] = (Long) r[4];
		}
		CsvTables.write(MaskQa.withMetadataProblems(issues, lines, dataset), output.resolve(FOLDER).resolve(MaskQa.RESULTS_CSV));
	}
}
