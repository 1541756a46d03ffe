package org.imapp.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.imapp.consensus.ConsensusMasks;
import org.imapp.data.Dataset;
import org.imapp.data.SegRecord;
import org.imapp.mask.BinaryMask;
import org.imapp.table.Table;

/**
 * The pipeline's consensus stage: per multi-annotator image the same code as IMA++ Consensus
 * Masks ({@link ConsensusMasks#process}) on the masks the pipeline already decoded, writing the
 * same layout ({@code consensus/<ISIC_id>_ST_ST_ST_ST.png}, {@code _MV_MV_MV_MV.png}, then
 * {@code metadata/} copies and the STAPLE tables via {@link ConsensusMasks#writeTables}). The masks
 * it makes are handed to the later stages in memory.
 */
public final class ConsensusStep implements ImageStep, ConsensusProducer {

	private final ConsensusMasks.Settings settings;

	/** @param settings method and STAPLE parameters (its thread count is unused: the pipeline runs images in parallel) */
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
		m.put("confidence_weight", Double.toString(settings.staple().confidenceWeight()));
		m.put("max_iterations", Integer.toString(settings.staple().maxIterations()));
		return m;
	}

	@Override
	public void run(ImageWork work) throws IOException {
		if (!work.group().isMultiAnnotator()) return;
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
			names.add(m.record().segFilename());
		}
		ConsensusMasks.ImageOutcome o = ConsensusMasks.process(work.group(), raters, masks, names, problems,
			work.output().resolve(ConsensusMasks.CONSENSUS_FOLDER), settings, work::addConsensus);
		Table rows = work.part(ImageResult.CONSENSUS_ROWS, List.of(SegRecord.COLUMNS));
		for (Object[] r : ConsensusMasks.metadataRows(List.of(o))) rows.addRow(r);
		work.putPart(ImageResult.STAPLE, ConsensusMasks.performanceTable(List.of(o)));
		work.putPart(SKIPPED, ConsensusMasks.skippedTable(List.of(o)));
		if (o.skipped()) work.problem(stage(), o.skipReason());
	}

	/** Part name of the consensus stage's skipped list. */
	static final String SKIPPED = "consensus_skipped";

	@Override
	public void writeTables(Map<String, Table> parts, Dataset dataset, Path output) throws IOException {
		Table rows = parts.getOrDefault(ImageResult.CONSENSUS_ROWS, new Table(SegRecord.COLUMNS));
		Table performance = parts.getOrDefault(ImageResult.STAPLE, ConsensusMasks.performanceTable(List.of()));
		Table skipped = parts.getOrDefault(SKIPPED, ConsensusMasks.skippedTable(List.of()));
		ConsensusMasks.writeTables(dataset, output, rows.rows(), performance, skipped, settings.method());
	}

	@Override
	public List<String> imageOutputFolders() {
		return List.of(ConsensusMasks.CONSENSUS_FOLDER);
	}
}
