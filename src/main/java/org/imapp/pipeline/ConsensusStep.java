package org.imapp.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.imapp.data.Dataset;
import org.imapp.data.SegRecord;
import org.imapp.mask.BinaryMask;
import org.imapp.runner.ConsensusMasks;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/**
 * STAPLE and majority vote inside the pipeline: {@link ConsensusMasks#fromMasks} on the annotator
 * masks the pipeline decoded, writing {@code consensus/<ISIC_id>_ST_ST_ST_ST.png} and
 * {@code _MV_MV_MV_MV.png} as IMA++ Consensus Masks does and handing both masks to the later
 * steps in memory (the metrics pair them without reading them back). At the end: the metadata
 * copies with the new rows and the STAPLE annotator tables, as the command writes them.
 */
public final class ConsensusStep implements ImageStep, ConsensusProducer {

	static final String ROWS = "consensus_rows";
	static final String PERFORMANCE = "staple_performance";
	static final String SKIPPED = "consensus_skipped";

	private final ConsensusMasks.Settings settings;

	public ConsensusStep(ConsensusMasks.Settings settings) {
		this.settings = settings;
	}

	@Override
	public String stage() {
		return StageTimes.CONSENSUS;
	}

	@Override
	public Map<String, String> settings() {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("method", settings.method().label());
		m.put("confidence_weight", String.valueOf(settings.staple().confidenceWeight()));
		m.put("max_iterations", String.valueOf(settings.staple().maxIterations()));
		return m;
	}

	@Override
	public void run(ImageWork work) throws IOException {
		if (!work.group().isMultiAnnotator()) return; // as the command: the multi-annotator subset only
		List<SegRecord> raters = new ArrayList<>();
		List<BinaryMask> masks = new ArrayList<>();
		List<String> names = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		for (ImageWork.Mask m : work.masks()) {
			if (!m.readable()) {
				problems.add(m.error());
				continue;
			}
			raters.add(m.record());
			masks.add(m.mask());
			names.add(work.store().describe(m.record().segFilename()));
		}
		ConsensusMasks.Made made = ConsensusMasks.fromMasks(work.group(), raters, masks, names, problems,
			work.output().resolve(ConsensusMasks.CONSENSUS_FOLDER), settings);
		ConsensusMasks.ImageOutcome o = made.outcome();
		Table rows = work.part(ROWS, List.of(SegRecord.COLUMNS));
		if (made.staple() != null) {
			work.addConsensus(o.stapleRow(), made.staple());
			rows.addRow(o.stapleRow().cells());
			count(work, made.staple());
		}
		if (made.majority() != null) {
			work.addConsensus(o.majorityRow(), made.majority());
			rows.addRow(o.majorityRow().cells());
			count(work, made.majority());
		}
		Table performance = ConsensusMasks.performanceTable(List.of(o));
		if (performance.rowCount() > 0) work.putPart(PERFORMANCE, performance);
		Table skipped = ConsensusMasks.skippedTable(List.of(o));
		if (skipped.rowCount() > 0) work.putPart(SKIPPED, skipped);
	}

	private static void count(ImageWork work, BinaryMask m) {
		work.times().count(StageTimes.CONSENSUS_MASKS, 1);
		work.times().count(StageTimes.CONSENSUS_PIXELS, m.size());
	}

	@Override
	public void writeTables(Map<String, Table> parts, Dataset dataset, Path output) throws IOException {
		List<SegRecord> made = new ArrayList<>();
		Table rows = parts.getOrDefault(ROWS, new Table(SegRecord.COLUMNS));
		for (Object[] r : rows.rows()) {
			made.add(new SegRecord(0, (String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5], (String) r[6], (String) r[7]));
		}
		ConsensusMasks.writeMetadataCopies(dataset, made, output);

		Path dir = output.resolve(ConsensusMasks.CONSENSUS_FOLDER);
		if (settings.method().staple()) {
			Table performance = parts.getOrDefault(PERFORMANCE, ConsensusMasks.performanceTable(List.of()));
			CsvTables.write(performance, dir.resolve(ConsensusMasks.PERFORMANCE_CSV));
			CsvTables.write(ConsensusMasks.summaryTable(performance), dir.resolve(ConsensusMasks.SUMMARY_CSV));
		}
		CsvTables.write(parts.getOrDefault(SKIPPED, ConsensusMasks.skippedTable(List.of())), dir.resolve(ConsensusMasks.SKIPPED_CSV));
	}

	@Override
	public List<String> imageOutputFolders() {
		return List.of(ConsensusMasks.CONSENSUS_FOLDER);
	}
}
