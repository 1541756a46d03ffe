package org.imapp.multirater;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.integer.UnsignedByteType;

import org.imapp.consensus.MajorityVote;
import org.imapp.consensus.Staple;
import org.imapp.data.Manifest;
import org.imapp.data.MaskVolume;
import org.imapp.data.VolumeFiles;
import org.imapp.mask.BinaryVolume;
import org.imapp.metrics.MetricOptions;
import org.imapp.metrics.OverlapMetrics;
import org.imapp.metrics.PairMetrics;
import org.imapp.metrics.VolumeSurface;
import org.imapp.progress.ParallelMap;
import org.imapp.progress.ProgressMonitor;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/**
 * The dataset runner for a generic multi-rater dataset ({@link Manifest}): for each image, in
 * parallel, reads its raters' masks once (2-D or 3-D, any format the {@link VolumeFiles} open),
 * checks them (QA), makes STAPLE and majority vote with the n-D core, writes them as calibrated
 * TIFFs, and scores every rater pair and every rater against both consensus masks in calibrated
 * units; then writes the tables ({@link MultiRaterTables}) in manifest order.
 * <p>
 * Without QA a mask that cannot be used (unreadable, another size than the image's other raters,
 * another calibration) is an error naming the manifest line and file; with QA it is a QA issue
 * and its image is left out of consensus and metrics (listed in {@value #SKIPPED_CSV}).
 */
public final class MultiRaterRun {

	public static final String STAPLE = "ST", MAJORITY_VOTE = "MV";
	public static final String CONSENSUS_FOLDER = "consensus";
	public static final String PAIRWISE_CSV = "pairwise_metrics.csv";
	public static final String VS_CONSENSUS_CSV = "rater_vs_consensus_metrics.csv";
	public static final String VS_CONSENSUS_SUMMARY_CSV = "rater_vs_consensus_summary.csv";
	public static final String IMAGE_CSV = "image_metrics.csv";
	public static final String SUMMARY_CSV = "metrics_summary.csv";
	public static final String RATERS_CSV = "staple_raters.csv";
	public static final String QA_CSV = "mask_qa.csv";
	public static final String SKIPPED_CSV = "skipped_images.csv";

	/** {@code metrics_by_<group>.csv}. */
	public static String byGroupFile(String group) {
		return "metrics_by_" + group.replaceAll("[^A-Za-z0-9_.-]", "_") + ".csv";
	}

	/** The consensus mask file of an image: {@code <image_id>_ST.tif} or {@code _MV.tif}. */
	public static String consensusFile(String imageId, String kind) {
		return imageId + "_" + kind + ".tif";
	}

	/**
	 * What to do.
	 *
	 * @param qa check every mask and write {@value #QA_CSV}; bad masks then skip their image instead of failing the run
	 * @param staple make STAPLE (written with {@code writeConsensus}; its rater estimates go to {@value #RATERS_CSV})
	 * @param majorityVote make majority vote
	 * @param writeConsensus write the consensus masks under {@value #CONSENSUS_FOLDER}/
	 * @param metrics pairwise and rater-vs-consensus metrics and their summaries
	 * @param parameters STAPLE's settings
	 * @param spacing voxel size per axis (x, y[, z]) for every mask, or null to take it from the files (1 where they have none)
	 * @param nsdTolerance NSD tolerance in calibrated units; NaN = 2 % of the image diagonal
	 * @param threads images processed at once (0 = one per core)
	 */
	public record Settings(boolean qa, boolean staple, boolean majorityVote, boolean writeConsensus, boolean metrics, Staple.Parameters parameters,
			double[] spacing, double nsdTolerance, int threads) {

		public Settings {
			if (spacing != null) {
				for (double s : spacing) if (!(s > 0) || Double.isInfinite(s)) throw new IllegalArgumentException("spacing must be positive numbers, got " + Arrays.toString(spacing));
			}
			if (nsdTolerance < 0) throw new IllegalArgumentException("NSD tolerance must be >= 0, got " + nsdTolerance);
		}

		/** Everything: QA, both consensus masks written, metrics. */
		public static Settings all() {
			return new Settings(true, true, true, true, true, Staple.Parameters.DEFAULT, null, Double.NaN, 0);
		}

		public Settings withSteps(boolean qa, boolean staple, boolean majorityVote, boolean writeConsensus, boolean metrics) {
			return new Settings(qa, staple, majorityVote, writeConsensus, metrics, parameters, spacing, nsdTolerance, threads);
		}

		public Settings with(Staple.Parameters p, double[] spacing, double nsdTolerance, int threads) {
			return new Settings(qa, staple, majorityVote, writeConsensus, metrics, p, spacing, nsdTolerance, threads);
		}

		boolean consensus() {
			return staple || majorityVote;
		}
	}

	/** The main tables written (null when their step did not run); the per-image and per-group ones are in their files. */
	public record Result(Path output, int images, int computed, Table qa, Table skipped, Table stapleRaters, Table pairwise, Table vsConsensus,
			Table summary, Table vsConsensusSummary) {}

	/** One image's outcome. */
	private record ImageOutcome(List<Object[]> qa, String skipped, List<Object[]> raters, List<Object[]> pairs, List<Object[]> vsConsensus) {}

	private MultiRaterRun() {}

	/**
	 * Runs the chosen steps over the manifest's images and writes their files into {@code output}.
	 * @throws IllegalArgumentException naming the manifest line and mask file of a mask that cannot be used (without QA)
	 */
	public static Result run(Manifest manifest, VolumeFiles files, Path output, Settings settings, ProgressMonitor monitor) throws IOException {
		ProgressMonitor mon = monitor == null ? ProgressMonitor.NONE : monitor;
		Path consensusDir = output.resolve(CONSENSUS_FOLDER);
		List<ImageOutcome> outcomes = ParallelMap.withPool(settings.threads(), (ExecutorService ex) -> ParallelMap.mapChecked(manifest.images(),
			im -> image(manifest, im, files, consensusDir, settings), ex, mon, "Multi-rater images"));
		List<String> groups = manifest.groupColumns();
		Table qa = new Table("image_id", "rater", "mask", "issue", "severity");
		Table skipped = new Table("image_id", "reason");
		Table raters = MultiRaterTables.stapleRatersTable(groups);
		Table pairwise = MultiRaterTables.pairwiseTable(groups);
		Table vs = MultiRaterTables.vsConsensusTable(groups);
		int computed = 0;
		for (int i = 0; i < outcomes.size(); i++) {
			ImageOutcome o = outcomes.get(i);
			o.qa().forEach(qa::addRow);
			if (o.skipped() != null) skipped.addRow(manifest.images().get(i).id(), o.skipped());
			else computed++;
			o.raters().forEach(raters::addRow);
			o.pairs().forEach(pairwise::addRow);
			o.vsConsensus().forEach(vs::addRow);
		}
		if (settings.qa()) CsvTables.write(qa, output.resolve(QA_CSV));
		if (skipped.rowCount() > 0) CsvTables.write(skipped, output.resolve(SKIPPED_CSV));
		if (settings.staple()) CsvTables.write(raters, output.resolve(RATERS_CSV));
		Table summary = null, vsSummary = null;
		if (settings.metrics()) {
			CsvTables.write(pairwise, output.resolve(PAIRWISE_CSV));
			summary = MultiRaterTables.writeDerived(pairwise, output);
			if (settings.consensus()) {
				vsSummary = MultiRaterTables.vsConsensusSummary(vs, groups);
				CsvTables.write(vs, output.resolve(VS_CONSENSUS_CSV));
				CsvTables.write(vsSummary, output.resolve(VS_CONSENSUS_SUMMARY_CSV));
			}
		}
		return new Result(output, outcomes.size(), computed, settings.qa() ? qa : null, skipped, settings.staple() ? raters : null,
			settings.metrics() ? pairwise : null, settings.metrics() && settings.consensus() ? vs : null, summary, vsSummary);
	}

	/** Reads, checks and (when usable) computes one image. */
	private static ImageOutcome image(Manifest manifest, Manifest.Image im, VolumeFiles files, Path consensusDir, Settings settings) throws IOException {
		Checked c = check(manifest, im, files, settings);
		List<Object[]> raters = new ArrayList<>(), pairs = new ArrayList<>(), vs = new ArrayList<>();
		if (!(settings.consensus() || settings.metrics())) return new ImageOutcome(c.qa(), null, raters, pairs, vs);
		if (c.blocking() != null) return new ImageOutcome(c.qa(), c.blocking(), raters, pairs, vs);
		List<Manifest.Entry> entries = im.raters();
		int nd = c.masks().get(0).image().numDimensions();
		double[] spacing = settings.spacing() != null ? settings.spacing() : c.calibrated() != null ? c.calibrated().spacing() : null;
		// spacing= keeps the files' unit name when they have one.
		String unit = c.calibrated() != null ? c.calibrated().unit() : settings.spacing() != null ? "unit" : "pixel";
		if (spacing != null && spacing.length != nd) {
			throw new IllegalArgumentException("spacing= has " + spacing.length + " values, but the masks of image " + im.id() + " are " + nd + "-D ("
				+ manifest.where(entries.get(0)) + " is " + c.masks().get(0).sizeText() + ")");
		}
		if (spacing == null) {
			spacing = new double[nd];
			Arrays.fill(spacing, 1);
		}
		List<RandomAccessibleInterval<UnsignedByteType>> imgs = new ArrayList<>();
		for (MaskVolume v : c.masks()) imgs.add(v.image());
		RandomAccessibleInterval<UnsignedByteType> st = null, mv = null;
		if (settings.staple()) {
			var result = Staple.computeNd(imgs, settings.parameters(), null, null);
			st = result.consensusImage();
			for (int r = 0; r < entries.size(); r++) {
				List<Object> row = new ArrayList<>(List.of(im.id(), entries.get(r).rater(), result.sensitivity()[r], result.specificity()[r],
					(long) result.iterations()));
				row.addAll(entries.get(r).groups());
				raters.add(row.toArray());
			}
			if (settings.writeConsensus()) files.writeTiff(st, true, spacing, unit, consensusDir.resolve(consensusFile(im.id(), STAPLE)));
		}
		if (settings.majorityVote()) {
			mv = MajorityVote.computeNd(imgs, null, null);
			if (settings.writeConsensus()) files.writeTiff(mv, true, spacing, unit, consensusDir.resolve(consensusFile(im.id(), MAJORITY_VOTE)));
		}
		if (settings.metrics()) {
			Scorer score = new Scorer(spacing, MetricOptions.DEFAULT.withNsdTolerance(settings.nsdTolerance()));
			for (int i = 0; i < entries.size(); i++) {
				for (int j = i + 1; j < entries.size(); j++) pairs.add(MultiRaterTables.pairRow(entries.get(i), entries.get(j), score.pair(imgs.get(i), imgs.get(j))));
			}
			for (int i = 0; i < entries.size(); i++) {
				if (st != null) vs.add(MultiRaterTables.vsConsensusRow(entries.get(i), STAPLE, score.pair(imgs.get(i), st)));
				if (mv != null) vs.add(MultiRaterTables.vsConsensusRow(entries.get(i), MAJORITY_VOTE, score.pair(imgs.get(i), mv)));
			}
		}
		return new ImageOutcome(c.qa(), null, raters, pairs, vs);
	}

	/**
	 * Scores the pairs of one image. Where {@link OverlapMetrics#computeNd} would analyse both
	 * masks' surfaces for every pair (3-D, or calibrated 2-D), each mask is analysed once here and
	 * reused for all its pairs; 2-D at unit spacing keeps computeNd's tuned 2-D path.
	 */
	private static final class Scorer {
		private final double[] spacing;
		private final MetricOptions options;
		private final boolean reuse;
		private final java.util.Map<RandomAccessibleInterval<UnsignedByteType>, VolumeSurface> surfaces = new java.util.IdentityHashMap<>();

		Scorer(double[] spacing, MetricOptions options) {
			this.spacing = spacing;
			this.options = options;
			this.reuse = !(spacing.length == 2 && spacing[0] == 1 && spacing[1] == 1);
		}

		PairMetrics pair(RandomAccessibleInterval<UnsignedByteType> a, RandomAccessibleInterval<UnsignedByteType> b) {
			if (!reuse) return OverlapMetrics.computeNd(a, b, spacing, options, null);
			return OverlapMetrics.compute(surface(a), surface(b), spacing, options, null);
		}

		private VolumeSurface surface(RandomAccessibleInterval<UnsignedByteType> m) {
			return surfaces.computeIfAbsent(m, k -> VolumeSurface.of(BinaryVolume.of(k), null));
		}
	}

	/**
	 * An image's masks as read and checked: QA rows, why the image cannot be computed (null when it
	 * can), and the first calibrated mask (null when none is).
	 */
	private record Checked(List<MaskVolume> masks, List<Object[]> qa, String blocking, MaskVolume calibrated) {}

	/** Reads an image's masks; without QA a mask that cannot be used is an error naming its manifest line and file. */
	private static Checked check(Manifest manifest, Manifest.Image im, VolumeFiles files, Settings settings) {
		List<Object[]> qa = new ArrayList<>();
		List<MaskVolume> masks = new ArrayList<>();
		String blocking = null;
		Manifest.Entry first = null, calibratedEntry = null;
		MaskVolume firstMask = null, calibrated = null;
		for (Manifest.Entry e : im.raters()) {
			MaskVolume v;
			try {
				v = files.read(e.mask());
			}
			catch (IOException ex) {
				if (!settings.qa()) throw new IllegalArgumentException(manifest.where(e) + ": " + ex.getMessage(), ex);
				qa.add(issue(manifest, e, "File not found or not readable as an image: " + ex.getMessage(), "high"));
				blocking = blocking == null ? "unreadable mask " + e.label(manifest) : blocking;
				continue;
			}
			masks.add(v);
			if (settings.qa() && v.foreground() == 0) qa.add(issue(manifest, e, "Empty mask", "high"));
			if (settings.qa() && !v.binary()) qa.add(issue(manifest, e, "Not binary: non-zero values " + v.valuesText(), "medium"));
			if (firstMask == null) {
				first = e;
				firstMask = v;
			}
			else if (!Arrays.equals(v.dimensions(), firstMask.dimensions())) {
				if (!settings.qa()) {
					throw new IllegalArgumentException(manifest.where(e) + " is " + v.sizeText() + ", but line " + first.line() + " (" + first.label(manifest) + ") is "
						+ firstMask.sizeText() + ": all raters of image " + im.id() + " must have one size");
				}
				qa.add(issue(manifest, e, "Size differs from the image's other raters: " + v.sizeText() + " vs " + firstMask.sizeText() + " (" + first.rater() + ")",
					"high"));
				blocking = blocking == null ? "masks of different sizes" : blocking;
				continue;
			}
			if (v.spacing() == null) continue;
			if (calibrated == null) {
				calibrated = v;
				calibratedEntry = e;
			}
			else if (settings.spacing() == null && (!sameSpacing(v.spacing(), calibrated.spacing()) || !v.unit().equals(calibrated.unit()))) {
				String why = "has voxel size " + Arrays.toString(v.spacing()) + " " + v.unit() + ", but line " + calibratedEntry.line() + " ("
					+ calibratedEntry.label(manifest) + ") has " + Arrays.toString(calibrated.spacing()) + " " + calibrated.unit()
					+ " (give spacing= to use one voxel size for all)";
				if (!settings.qa()) throw new IllegalArgumentException(manifest.where(e) + " " + why);
				qa.add(issue(manifest, e, "Calibration differs from the image's other raters: " + why, "high"));
				blocking = blocking == null ? "masks of different calibrations" : blocking;
			}
		}
		if (blocking == null && im.raters().size() < 2) {
			blocking = "only one rater";
			if (settings.qa()) qa.add(issue(manifest, im.raters().get(0), "Only rater of its image: no consensus, no pairs", "low"));
		}
		return new Checked(masks, qa, blocking, calibrated);
	}

	private static Object[] issue(Manifest manifest, Manifest.Entry e, String issue, String severity) {
		return new Object[] { e.imageId(), e.rater(), e.label(manifest), issue, severity };
	}

	private static boolean sameSpacing(double[] a, double[] b) {
		if (a.length != b.length) return false;
		for (int d = 0; d < a.length; d++) if (Math.abs(a[d] - b[d]) > 1e-6 * Math.max(Math.abs(a[d]), Math.abs(b[d]))) return false;
		return true;
	}
}
