package org.imapp.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.imapp.consensus.ConsensusMasks;
import org.imapp.data.Dataset;
import org.imapp.data.SegRecord;
import org.imapp.mask.BinaryMask;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/**
 * STAPLE and majority vote inside the pipeline: writes the masks where {@code IMA++ Consensus
 * Masks} writes them and hands them to the metrics in memory (not re-read).
 */
public final class ConsensusStep implements ImageStep, ConsensusProducer {

	public static final String STAGE = "consensus";

	private final ConsensusMasks.Settings settings;

	public ConsensusStep(ConsensusMasks.Settings settings) {
		this.settings = settings;
	}

	@Override
	public String stage() {
		return STAGE;
	}

	@Override
	public Map<String, String> settings() {
		return Map.of("method", settings.method().label(), "confidence_weight", String.valueOf(settings.staple().confidenceWeight()), "max_iterations",
			String.valueOf(settings.staple().maxIterations()));
	}

	@Override
	public List<String> imageOutputFolders() {
		return List.of(ConsensusMasks.CONSENSUS_FOLDER);
	}

	@Override
	public void run(ImageWork work) throws IOException {
		if (work.group().annotatorMasks().size() < 2) return; // consensus is for the multi-annotator subset
		List<SegRecord> raters = new ArrayList<>();
		List<BinaryMask> masks = new ArrayList<>();
		List<String> names = new ArrayList<>();
		for (ImageWork.Mask m : work.readable()) {
			raters.add(m.record());
			masks.add(m.mask());
			names.add(m.record().segFilename());
		}
		Path dir = work.output().resolve(ConsensusMasks.CONSENSUS_FOLDER);
		Files.createDirectories(dir);
		ConsensusMasks.Computed c = ConsensusMasks.compute(work.group(), raters, masks, names, List.of(), dir, settings);
		ConsensusMasks.ImageOutcome o = c.outcome();
		if (o.skipped()) {
			work.problem(STAGE, "skipped: " + o.skipReason());
			return;
		}
		Table rows = work.part(ImageResult.CONSENSUS_ROWS, List.of(SegRecord.COLUMNS));
		if (c.staple() != null) {
			work.addConsensus(o.stapleRow(), c.staple());
			rows.addRow(o.stapleRow().cells());
		}
		if (c.majorityVote() != null) {
			work.addConsensus(o.majorityRow(), c.majorityVote());
			rows.addRow(o.majorityRow().cells());
		}
		if (settings.method().staple()) work.putPart(ImageResult.STAPLE, ConsensusMasks.performanceTable(List.of(o)));
	}

	@Override
	public void writeTables(Map<String, Table> parts, Dataset dataset, Path output) throws IOException {
		ConsensusMasks.refuseOverwritingInputs(dataset, output);
		Table rows = parts.getOrDefault(ImageResult.CONSENSUS_ROWS, new Table(SegRecord.COLUMNS));
		ConsensusMasks.writeMetadataCopies(dataset, rows.rows(), output);
		if (settings.method().staple()) {
			Table performance = parts.getOrDefault(ImageResult.STAPLE, ConsensusMasks.performanceTable(List.of()));
			CsvTables.write(performance, output.resolve(ConsensusMasks.PERFORMANCE_CSV));
			CsvTables.write(ConsensusMasks.summaryTable(performance), output.resolve(ConsensusMasks.SUMMARY_CSV));
		}
	}

}
