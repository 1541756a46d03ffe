package org.imapp.runner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.imapp.consensus.MajorityVote;
import org.imapp.consensus.Staple;
import org.imapp.consensus.StapleResult;
import org.imapp.consensus.VotePatterns;
import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.imapp.data.ImageGroup;
import org.imapp.data.MaskStore;
import org.imapp.data.SegMetadata;
import org.imapp.data.SegRecord;
import org.imapp.io.AtomicFiles;
import org.imapp.io.Md5;
import org.imapp.mask.BinaryMask;
import org.imapp.mask.MaskIO;
import org.imapp.mask.MaskReadException;
import org.imapp.progress.ParallelMap;
import org.imapp.progress.ProgressMonitor;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/**
 * IMA++'s {@code create_consensus_masks.py} over a dataset: for every image of the
 * multi-annotator subset (at least two annotator masks) the STAPLE and majority-vote masks,
 * written as {@code consensus/<ISIC_id>_ST_ST_ST_ST.png} and {@code _MV_MV_MV_MV.png}; copies of
 * both seg metadata files with the consensus rows appended (ST before MV, images in order of
 * first appearance, {@code mask_md5} = MD5 of the written file); STAPLE's per-annotator
 * sensitivity and specificity per image and their per-annotator means.
 * <p>
 * Unreadable masks are left out of their image and reported; an image with fewer than two
 * readable masks, or masks of different sizes, is skipped and listed (as the script skips images
 * on which SimpleITK fails), and the other images are still done. Images run in parallel on a
 * bounded pool; every output is in dataset order whatever the thread count. Inputs are never
 * modified: consensus rows already in the input metadata are replaced in the copies, not fed back
 * in (the script's non-idempotence, trap 25).
 */
public final class ConsensusMasks {

	/** Which consensus masks to make; labels are the command's choices. */
	public enum Method {
		BOTH("STAPLE and majority vote", true, true),
		STAPLE("STAPLE", true, false),
		MAJORITY_VOTE("majority vote", false, true);

		private final String label;
		private final boolean staple, majorityVote;

		Method(String label, boolean staple, boolean majorityVote) {
			this.label = label;
			this.staple = staple;
			this.majorityVote = majorityVote;
		}

		public String label() {
			return label;
		}

		public boolean staple() {
			return staple;
		}

		public boolean majorityVote() {
			return majorityVote;
		}

		/** The method with this label (case-insensitive). */
		public static Method parse(String label) {
			for (Method m : values()) if (m.label.equalsIgnoreCase(label.trim())) return m;
			throw new IllegalArgumentException("Unknown consensus method '" + label + "' (use: STAPLE and majority vote, STAPLE, majority vote)");
		}
	}

	/**
	 * @param threads images processed at once (at least 1)
	 */
	public record Settings(Method method, Staple.Parameters staple, int threads) {
		public Settings {
			if (method == null || staple == null) throw new IllegalArgumentException("Method and STAPLE parameters are required");
			if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
		}

		public static Settings defaults() {
			return new Settings(Method.BOTH, Staple.Parameters.DEFAULT, Runtime.getRuntime().availableProcessors());
		}
	}

	/**
	 * What happened to one image.
	 *
	 * @param raters the annotator masks that entered the consensus, in metadata order
	 * @param sensitivity STAPLE's per-rater estimates (null without STAPLE)
	 * @param stapleRow the appended ST metadata row (null if not made)
	 * @param majorityRow the appended MV metadata row (null if not made)
	 * @param problems unreadable masks left out of this image
	 * @param skipReason why no consensus was made, or null
	 */
	public record ImageOutcome(ImageGroup image, List<SegRecord> raters, double[] sensitivity, double[] specificity, int iterations,
			SegRecord stapleRow, SegRecord majorityRow, List<String> problems, String skipReason) {

		public boolean skipped() {
			return skipReason != null;
		}
	}

	/**
	 * The run's results; tables are also written under the output folder.
	 *
	 * @param annotatorPerformance {@code img_id, seg_filename, annotator, tool, skill_level, sensitivity, specificity, iterations}
	 * @param annotatorSummary per annotator: masks, mean sensitivity, mean specificity
	 * @param skipped {@code img_id, problem}: masks left out and images skipped
	 */
	public record Result(List<ImageOutcome> images, Table annotatorPerformance, Table annotatorSummary, Table skipped, Path output) {

		/** Images that got their consensus masks. */
		public long done() {
			return images.stream().filter(o -> !o.skipped()).count();
		}

		public List<ImageOutcome> skippedImages() {
			return images.stream().filter(ImageOutcome::skipped).toList();
		}
	}

	public static final String CONSENSUS_FOLDER = "consensus";
	public static final String METADATA_FOLDER = "metadata";
	public static final String PERFORMANCE_CSV = "staple_annotator_performance.csv";
	public static final String SUMMARY_CSV = "staple_annotator_summary.csv";
	public static final String SKIPPED_CSV = "consensus_skipped.csv";

	private ConsensusMasks() {}

	/**
	 * The folder holding the consensus PNGs, given a consensus folder itself or a folder that
	 * holds one as {@code consensus/} (IMA++ Consensus Masks' or Run Pipeline's output): users
	 * pass the output folder they ran into, and the README tells them they may.
	 */
	public static Path consensusFolder(Path dir) {
		if (dir == null) return null;
		Path sub = dir.resolve(CONSENSUS_FOLDER);
		return java.nio.file.Files.isDirectory(sub) ? sub : dir;
	}

	/**
	 * Makes the consensus masks of every multi-annotator image of {@code dataset} under
	 * {@code output}. On cancel, masks already written stay (each file is complete) and no
	 * table is written.
	 */
	public static Result run(Dataset dataset, Path output, Settings settings, ProgressMonitor monitor) throws IOException {
		refuseOverwritingInputs(dataset, output);
		List<ImageGroup> groups = dataset.multiAnnotatorGroups();
		Path consensusDir = output.resolve(CONSENSUS_FOLDER);
		Files.createDirectories(consensusDir);
		List<ImageOutcome> outcomes = processAll(groups, dataset.masks(), consensusDir, settings, monitor);
		monitor.checkCanceled();

		List<SegRecord> made = new ArrayList<>();
		for (ImageOutcome o : outcomes) {
			if (o.stapleRow() != null) made.add(o.stapleRow());
			if (o.majorityRow() != null) made.add(o.majorityRow());
		}
		writeMetadataCopies(dataset, made, output);

		Table performance = performanceTable(outcomes);
		Table summary = summaryTable(performance);
		Table skipped = skippedTable(outcomes);
		if (settings.method().staple()) {
			CsvTables.write(performance, output.resolve(PERFORMANCE_CSV));
			CsvTables.write(summary, output.resolve(SUMMARY_CSV));
		}
		CsvTables.write(skipped, output.resolve(SKIPPED_CSV));
		return new Result(outcomes, performance, summary, skipped, output);
	}

	/** Inputs are never modified: refuses an output folder whose metadata copies would replace them. */
	public static void refuseOverwritingInputs(Dataset dataset, Path output) throws IOException {
		Path segIn = dataset.paths().segMetadata();
		Path metaDir = output.resolve(METADATA_FOLDER);
		for (Path in : new Path[] { segIn, segIn.resolveSibling(DatasetPaths.SUBSET_METADATA) }) {
			Path target = metaDir.resolve(in.getFileName());
			if (Files.exists(in) && Files.exists(target) && Files.isSameFile(in, target)) {
				throw new IllegalArgumentException("Output would overwrite the input metadata " + in + "; choose another output folder");
			}
		}
	}

	/**
	 * Writes {@code output/metadata/} copies of the seg metadata and of the multi-annotator subset
	 * metadata with {@code made} (the new ST/MV rows, in image order) appended, as IMA++'s script does.
	 */
	public static void writeMetadataCopies(Dataset dataset, List<SegRecord> made, Path output) throws IOException {
		refuseOverwritingInputs(dataset, output);
		Path segIn = dataset.paths().segMetadata();
		Path subsetIn = segIn.resolveSibling(DatasetPaths.SUBSET_METADATA);
		Path metaDir = output.resolve(METADATA_FOLDER);
		CsvTables.write(appendConsensusRecords(CsvTables.read(segIn), made), metaDir.resolve(segIn.getFileName()));
		// Without a subset file beside the seg metadata, the subset is derived by IMA++'s rule.
		Table subset = Files.isRegularFile(subsetIn) ? CsvTables.read(subsetIn) : SegMetadata.toTable(Dataset.subsetOf(withoutConsensus(dataset.records())));
		CsvTables.write(appendConsensusRecords(subset, made), metaDir.resolve(DatasetPaths.SUBSET_METADATA));
	}

	private static List<SegRecord> withoutConsensus(List<SegRecord> records) {
		return records.stream().filter(r -> !r.isConsensus()).toList();
	}

	/** Runs the images on a bounded pool and returns their outcomes in input order. */
	private static List<ImageOutcome> processAll(List<ImageGroup> groups, MaskStore store, Path consensusDir, Settings settings,
			ProgressMonitor monitor) throws IOException {
		if (groups.isEmpty()) return new ArrayList<>();
		return ParallelMap.withPool(Math.min(settings.threads(), groups.size()),
			pool -> ParallelMap.mapChecked(groups, g -> process(g, store, consensusDir, settings), pool, monitor, "Consensus masks"));
	}

	/**
	 * One image: read its annotator masks, compute the chosen consensus masks and write them.
	 * Input problems become the outcome's problems or skip reason; only output failures throw.
	 */
	public static ImageOutcome process(ImageGroup g, MaskStore store, Path consensusDir, Settings settings) throws IOException {
		List<BinaryMask> masks = new ArrayList<>();
		List<SegRecord> raters = new ArrayList<>();
		List<String> names = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		for (SegRecord r : g.annotatorMasks()) {
			try {
				masks.add(store.read(r.segFilename()));
				raters.add(r);
				names.add(store.describe(r.segFilename()));
			}
			catch (MaskReadException e) {
				problems.add(e.getMessage());
			}
		}
		return fromMasks(g, raters, masks, names, problems, consensusDir, settings).outcome();
	}

	/**
	 * One image's outcome and the consensus masks themselves (null when not made), for callers
	 * that go on using them (the pipeline pairs them in its metrics without reading them back).
	 */
	public record Made(ImageOutcome outcome, BinaryMask staple, BinaryMask majority) {}

	/**
	 * As {@link #process}, from masks already decoded: {@code masks[i]} of {@code raters[i]}
	 * (named {@code names[i]} in errors); {@code problems} lists masks that could not be read.
	 */
	public static Made fromMasks(ImageGroup g, List<SegRecord> raters, List<BinaryMask> masks, List<String> names, List<String> problems, Path consensusDir,
			Settings settings) throws IOException {
		if (masks.size() < 2) {
			String reason = masks.size() + " readable mask" + (masks.size() == 1 ? "" : "s") + " (need 2)";
			return new Made(new ImageOutcome(g, raters, null, null, 0, null, null, problems, reason), null, null);
		}
		VotePatterns patterns;
		try {
			patterns = VotePatterns.of(masks, names);
		}
		catch (IllegalArgumentException e) {
			return new Made(new ImageOutcome(g, raters, null, null, 0, null, null, problems, e.getMessage()), null, null);
		}
		masks = null; // the patterns hold all that is needed; let the rater masks go
		Method method = settings.method();
		StapleResult st = null;
		BinaryMask mv = null;
		SegRecord stRow = null, mvRow = null;
		if (method.staple()) {
			st = Staple.compute(patterns, settings.staple());
			stRow = write(g, SegRecord.STAPLE, st.consensus(), consensusDir);
		}
		if (method.majorityVote()) {
			mv = MajorityVote.compute(patterns);
			mvRow = write(g, SegRecord.MAJORITY_VOTE, mv, consensusDir);
		}
		ImageOutcome o = new ImageOutcome(g, raters, st == null ? null : st.sensitivity(), st == null ? null : st.specificity(), st == null ? 0 : st.iterations(),
			stRow, mvRow, problems, null);
		return new Made(o, st == null ? null : st.consensus(), mv);
	}

	/**
	 * One image's consensus for interactive inspection: STAPLE (whose result carries the
	 * probability map), majority vote, and STAPLE's estimate of each rater as rows of
	 * {@value #PERFORMANCE_CSV}. Nothing is written.
	 *
	 * @throws MaskReadException naming an unreadable mask (interactive use wants to know, not a skip)
	 * @throws IllegalArgumentException with fewer than two annotator masks, or masks of different sizes (naming both)
	 */
	public static Inspection inspect(ImageGroup g, MaskStore store, Staple.Parameters parameters) throws IOException {
		if (!g.isMultiAnnotator()) {
			throw new IllegalArgumentException(g.isicId() + " has " + g.annotatorMasks().size() + " annotator mask(s); a consensus needs at least 2");
		}
		List<BinaryMask> masks = new ArrayList<>();
		List<String> names = new ArrayList<>();
		for (SegRecord r : g.annotatorMasks()) {
			masks.add(store.read(r.segFilename()));
			names.add(store.describe(r.segFilename()));
		}
		VotePatterns patterns = VotePatterns.of(masks, names);
		StapleResult st = Staple.compute(patterns, parameters);
		ImageOutcome o = new ImageOutcome(g, g.annotatorMasks(), st.sensitivity(), st.specificity(), st.iterations(), null, null, List.of(), null);
		return new Inspection(g.annotatorMasks(), st, MajorityVote.compute(patterns), performanceTable(List.of(o)));
	}

	/** What {@link #inspect} found: the raters in metadata order, STAPLE, the majority-vote mask, the raters' estimates. */
	public record Inspection(List<SegRecord> raters, StapleResult staple, BinaryMask majorityVote, Table performance) {}

	/** Writes a consensus PNG atomically and returns its metadata row (MD5 of the file bytes). */
	private static SegRecord write(ImageGroup g, String kind, BinaryMask mask, Path dir) throws IOException {
		ByteArrayOutputStream buf = new ByteArrayOutputStream(Math.max(1024, (int) Math.min(Integer.MAX_VALUE - 8, mask.size() / 64)));
		MaskIO.writePng(mask, buf);
		byte[] png = buf.toByteArray();
		AtomicFiles.write(dir.resolve(SegRecord.consensusFilename(g.isicId(), kind)), png);
		return SegRecord.consensus(g.isicId(), g.imgFilename(), kind, Md5.of(png));
	}


	/**
	 * {@code metadata} without its consensus rows, then {@code rows} (the new ST and MV rows in image
	 * order). Cells are placed by column name, so extra or reordered columns survive.
	 */
	public static Table appendConsensusRecords(Table metadata, List<SegRecord> rows) {
		int annotator = metadata.require("annotator", "seg metadata");
		Table out = new Table(metadata.columns());
		for (Object[] row : metadata.rows()) {
			Object a = row[annotator];
			if (a != null && SegRecord.isConsensusLabel(a.toString())) continue;
			out.addRow(row);
		}
		int[] idx = new int[SegRecord.COLUMNS.length];
		for (int c = 0; c < idx.length; c++) idx[c] = metadata.require(SegRecord.COLUMNS[c], "seg metadata");
		for (SegRecord r : rows) {
			Object[] cells = new Object[metadata.columnCount()];
			Object[] values = r.cells();
			for (int c = 0; c < idx.length; c++) cells[idx[c]] = values[c];
			out.addRow(cells);
		}
		return out;
	}

	public static Table performanceTable(List<ImageOutcome> outcomes) {
		Table t = new Table("img_id", "seg_filename", "annotator", "tool", "skill_level", "sensitivity", "specificity", "iterations");
		for (ImageOutcome o : outcomes) {
			if (o.sensitivity() == null) continue;
			for (int i = 0; i < o.raters().size(); i++) {
				SegRecord r = o.raters().get(i);
				t.addRow(o.image().imgFilename(), r.segFilename(), r.annotator(), r.tool(), r.skillLevel(), o.sensitivity()[i], o.specificity()[i],
					(long) o.iterations());
			}
		}
		return t;
	}

	/** Mean sensitivity and specificity per annotator (NaN estimates skipped, as pandas does). */
	public static Table summaryTable(Table performance) {
		Map<String, double[]> acc = new TreeMap<>(); // masks, sum p, n p, sum q, n q
		for (int r = 0; r < performance.rowCount(); r++) {
			double[] a = acc.computeIfAbsent(performance.getString(r, 2), k -> new double[5]);
			double p = performance.getDouble(r, 5), q = performance.getDouble(r, 6);
			a[0]++;
			if (!Double.isNaN(p)) {
				a[1] += p;
				a[2]++;
			}
			if (!Double.isNaN(q)) {
				a[3] += q;
				a[4]++;
			}
		}
		Table t = new Table("annotator", "masks", "mean_sensitivity", "mean_specificity");
		for (var e : acc.entrySet()) {
			double[] a = e.getValue();
			t.addRow(e.getKey(), (long) a[0], a[2] == 0 ? Double.NaN : a[1] / a[2], a[4] == 0 ? Double.NaN : a[3] / a[4]);
		}
		return t;
	}

	public static Table skippedTable(List<ImageOutcome> outcomes) {
		Table t = new Table("img_id", "problem");
		for (ImageOutcome o : outcomes) {
			for (String p : o.problems()) t.addRow(o.image().imgFilename(), p);
			if (o.skipped()) t.addRow(o.image().imgFilename(), "skipped: " + o.skipReason());
		}
		return t;
	}
}
