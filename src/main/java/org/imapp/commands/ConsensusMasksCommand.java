package org.imapp.commands;

import java.io.File;
import java.nio.file.Path;

import ij.ImagePlus;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import org.imapp.consensus.Staple;
import org.imapp.data.Dataset;
import org.imapp.data.ImageGroup;
import org.imapp.data.SegRecord;
import org.imapp.ij1.AnnotationDisplay;
import org.imapp.ij1.ConsensusImages;
import org.imapp.ij1.ResultsTables;
import org.imapp.io.AtomicFiles;
import org.imapp.mask.BinaryMask;
import org.imapp.mask.MaskIO;
import org.imapp.multirater.MultiRaterRun;
import org.imapp.runner.ConsensusMasks;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/**
 * STAPLE and majority-vote consensus masks for every multi-annotator image, as IMA++'s
 * {@code create_consensus_masks.py} makes them with SimpleITK; see {@link ConsensusMasks}. With
 * {@code isic_id=} (or no output and an ISIC image active) it inspects that one image instead.
 */
@Plugin(type = Command.class, menuPath = "Plugins>IMA++>IMA++ Consensus Masks", label = "IMA++ Consensus Masks")
public class ConsensusMasksCommand extends ImappCommand {

	@Parameter(label = "dataset", required = false, style = "directory", description = "IMA++ dataset folder (or manifest=)")
	private File dataset;

	@Parameter(label = "manifest", required = false, persist = false, style = "file",
		description = "Multi-rater manifest CSV (image_id,rater,mask[,groups]) instead of an IMA++ dataset: writes consensus/<image_id>_ST.tif, _MV.tif and staple_raters.csv")
	private File manifest;

	@Parameter(label = "spacing", required = false, persist = false,
		description = "With manifest=: voxel size x,y[,z] for every mask, e.g. [0.5,0.5,2.0] (empty: the files' calibration)")
	private String spacing = "";

	@Parameter(label = "output", required = false, style = "directory",
		description = "Folder for consensus/, metadata/ and the STAPLE tables (empty with no isic_id: the active image, shown only)")
	private File output;

	// Not persisted: a remembered id must not turn a later dataset-wide run into a one-image run.
	@Parameter(label = "isic_id", required = false, persist = false,
		description = "One image only: show its STAPLE probability map, STAPLE and majority-vote masks and rater estimates (empty: every image)")
	private String isic_id = "";

	@Parameter(label = "method", choices = { "STAPLE and majority vote", "STAPLE", "majority vote" }, description = "Consensus masks to make")
	private String method = ConsensusMasks.Method.BOTH.label();

	@Parameter(label = "confidence_weight", min = "0", description = "Scales STAPLE's prior (ITK ConfidenceWeight; IMA++: 1)")
	private double confidence_weight = 1;

	@Parameter(label = "max_iterations", min = "0", description = "STAPLE iteration cap; 0 = until converged (IMA++)")
	private int max_iterations = 0;

	@Parameter(label = "threads", min = "1", description = "Images processed at once")
	private int threads = Runtime.getRuntime().availableProcessors();

	@Parameter(label = "max_pixels", required = false, min = "0", description = "Largest mask read, width × height (0: 2^31); a larger one is reported, never decoded")
	private long max_pixels = 0;

	@Parameter(label = "metadata", required = false, persist = false, description = "Seg metadata CSV (default: dataset/metadata/IMAplusplus_seg_metadata.csv)")
	private File metadata;

	@Parameter(label = "masks", required = false, persist = false, description = "Mask folder or segs.zip (default: dataset/segs or dataset/segs.zip)")
	private File masks;

	@Parameter(type = ItemIO.OUTPUT, description = "One image (isic_id=): STAPLE's probability map, 32-bit")
	private ImagePlus probability_map;

	@Parameter(type = ItemIO.OUTPUT, description = "One image (isic_id=): the STAPLE mask, 8-bit 0/255")
	private ImagePlus staple_mask;

	@Parameter(type = ItemIO.OUTPUT, description = "One image (isic_id=): the majority-vote mask, 8-bit 0/255")
	private ImagePlus majority_vote_mask;

	private Table raters;

	@Parameter(type = ItemIO.OUTPUT, description = "Images given consensus masks")
	private int images;

	@Parameter(type = ItemIO.OUTPUT, description = "The output folder written")
	private File output_folder;

	@Parameter(type = ItemIO.OUTPUT, description = "STAPLE's rater estimates CSV written (null for majority vote only)")
	private File table_csv;

	@Override
	protected void execute() throws Exception {
		if (ManifestRuns.useManifest(dataset, manifest)) {
			if (isic_id != null && !isic_id.isBlank()) throw new IllegalArgumentException("isic_id= is for IMA++ datasets; for one image's raters use IMA++ Consensus from Open Images");
			ConsensusMasks.Method m = ConsensusMasks.Method.parse(method);
			MultiRaterRun.Settings settings = MultiRaterRun.Settings.all().withSteps(false, m.staple(), m.majorityVote(), true, false)
				.with(new Staple.Parameters(confidence_weight, max_iterations), ManifestRuns.spacing(spacing), Double.NaN, threads);
			Path out = manifestOutputFolder(output, manifest);
			images = ManifestRuns.run("IMA++ Consensus Masks", manifest, out, settings, monitor(), log).images();
			output_folder = publishedFile(out);
			if (m.staple()) table_csv = publishedFile(out.resolve(MultiRaterRun.RATERS_CSV));
			return;
		}
		boolean noOutput = output == null || output.getPath().isEmpty();
		String id = isic_id == null || isic_id.isBlank() ? (noOutput ? AnnotationDisplay.activeIsicId() : null) : isic_id.trim();
		if (noOutput && id == null) throw new IllegalArgumentException("No output folder given (output=), and no isic_id given and no ISIC image active");
		if (id != null) {
			inspect(id, noOutput);
			return;
		}
		ConsensusMasks.Settings settings = new ConsensusMasks.Settings(ConsensusMasks.Method.parse(method),
			new Staple.Parameters(confidence_weight, max_iterations), threads);
		try (Dataset d = loadDataset(dataset, metadata, masks, null, false, max_pixels)) {
			var problems = d.segMetadata().problems();
			if (!problems.isEmpty()) {
				throw new IllegalArgumentException(problems.size() + " invalid rows in " + d.segMetadata().file() + ", first: " + problems.get(0)
					+ " (run IMA++ Load Metadata for the full list)");
			}
			Path out = outputFolder(output, d.paths());
			ConsensusMasks.Result r = ConsensusMasks.run(d, out, settings, monitor());
			images = Math.toIntExact(r.done());
			output_folder = publishedFile(out);
			if (settings.method().staple()) table_csv = publishedFile(out.resolve(ConsensusMasks.PERFORMANCE_CSV));
			if (settings.method().staple()) {
				ResultsTables.show(r.annotatorPerformance(), "IMA++ STAPLE Annotator Performance");
				ResultsTables.show(r.annotatorSummary(), "IMA++ STAPLE Annotator Summary");
			}
			if (r.skipped().rowCount() > 0) {
				ResultsTables.show(r.skipped(), "IMA++ Consensus Problems");
				if (log != null) log.warn(r.skippedImages().size() + " images skipped, " + r.skipped().rowCount() + " problems (see " + ConsensusMasks.SKIPPED_CSV + ")");
			}
			if (log != null) log.info("Consensus masks of " + r.done() + " images written to " + published(r.output()));
		}
	}

	/**
	 * One image, interactively: the STAPLE probability map (32-bit, Fire LUT), the STAPLE and
	 * majority-vote masks and STAPLE's rater estimates, shown (headless: only kept, see the
	 * getters) and, with an output folder, saved under consensus/ with the names of the
	 * dataset-wide run (plus {@code <id>_ST_probability.tif}).
	 */
	private void inspect(String id, boolean noOutput) throws Exception {
		try (Dataset d = loadDataset(dataset, metadata, masks, null, false, max_pixels)) {
			Path out = noOutput ? null : outputFolder(output, d.paths());
			ImageGroup g = d.group(id);
			if (g == null) throw new IllegalArgumentException("ISIC id not in the dataset: " + id);
			ConsensusMasks.Inspection in = ConsensusMasks.inspect(g, d.masks(), new Staple.Parameters(confidence_weight, max_iterations));
			BinaryMask st = in.staple().consensus();
			probability_map = ConsensusImages.probability(g.isicId() + "_ST_probability", in.staple().probabilities(), st.width(), st.height());
			staple_mask = ConsensusImages.mask(SegRecord.consensusFilename(g.isicId(), SegRecord.STAPLE), st);
			majority_vote_mask = ConsensusImages.mask(SegRecord.consensusFilename(g.isicId(), SegRecord.MAJORITY_VOTE), in.majorityVote());
			raters = in.performance();
			images = 1;
			if (out != null) {
				Path dir = out.resolve(ConsensusMasks.CONSENSUS_FOLDER);
				ConsensusImages.saveTiff(probability_map, dir.resolve(g.isicId() + "_ST_probability.tif"));
				AtomicFiles.write(dir.resolve(staple_mask.getTitle()), o -> MaskIO.writePng(st, o));
				AtomicFiles.write(dir.resolve(majority_vote_mask.getTitle()), o -> MaskIO.writePng(in.majorityVote(), o));
				CsvTables.write(raters, out.resolve(g.isicId() + "_" + ConsensusMasks.PERFORMANCE_CSV));
				output_folder = publishedFile(out);
				table_csv = publishedFile(out.resolve(g.isicId() + "_" + ConsensusMasks.PERFORMANCE_CSV));
			}
			if (!ImagePlusOutputs.shownByFramework(getContext())) ConsensusImages.show(probability_map, staple_mask, majority_vote_mask);
			ResultsTables.show(raters, "IMA++ STAPLE Raters " + g.isicId());
		}
	}

	/** One-image mode: the STAPLE probability map (null otherwise). */
	public ImagePlus probability() {
		return probability_map;
	}

	/** One-image mode: the STAPLE mask as an 8-bit 0/255 image. */
	public ImagePlus stapleMask() {
		return staple_mask;
	}

	/** One-image mode: the majority-vote mask as an 8-bit 0/255 image. */
	public ImagePlus majorityVoteMask() {
		return majority_vote_mask;
	}

	/** One-image mode: STAPLE's sensitivity and specificity of each rater. */
	public Table raters() {
		return raters;
	}
}
