package org.imapp.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.imapp.consensus.MajorityVote;
import org.imapp.consensus.Staple;
import org.imapp.consensus.VotePatterns;
import org.imapp.data.Dataset;
import org.imapp.data.ImageGroup;
import org.imapp.data.MaskStore;
import org.imapp.data.SegRecord;
import org.imapp.mask.BinaryMask;
import org.imapp.mask.MaskIO;
import org.imapp.mask.MaskReadException;
import org.imapp.metrics.MaskSurface;
import org.imapp.metrics.MetricOptions;
import org.imapp.metrics.OverlapMetrics;
import org.imapp.metrics.PairMetrics;
import org.imapp.progress.CanceledException;
import org.imapp.progress.ProgressMonitor;
import org.imapp.progress.TaskFailure;
import org.imapp.runner.ConsensusMasks;
import org.imapp.table.Table;

/**
 * Inter-annotator agreement of a dataset, as IMA++'s {@code compute_IAA_metrics.py},
 * {@code compute_missing_metrics.py} and {@code extend_metrics_columns.py} produce it together:
 * for every image of the multi-annotator subset, every pair ({@code itertools.combinations}
 * order) of its masks in metadata order — annotators' masks, then STAPLE, then majority vote —
 * with the metrics of {@link OverlapMetrics}; rows stably sorted by ({@code img_id},
 * {@code mask1}).
 * <p>
 * Unlike the Python script, an empty mask does not lose its image's pairs (they get the
 * published empty-mask convention and a note), and a missing or unreadable mask is an error
 * naming the file, not a silent skip. Images run in parallel on a bounded pool, each mask read
 * and analysed once for all its pairs; the result does not depend on the thread count.
 */
public final class AgreementMetrics {

	/** File name of the pairwise table, as published. */
	public static final String PAIRWISE_FILE = "IMAplusplus_multiannotator_subset_IAA_metrics.csv";

	/** The eight metric columns, in the published order. */
	public static final List<String> METRIC_COLUMNS = List.of("dice_score", "jaccard_score", "hd_score", "hd95_score", "assd_score", "hd_score_normalized",
		"hd95_score_normalized", "assd_score_normalized");

	/** The 17 published columns of the pairwise table. */
	public static final List<String> PUBLISHED_COLUMNS;

	static {
		List<String> c = new ArrayList<>(List.of("img_id", "mask1", "mask2", "annotator1", "annotator2"));
		c.addAll(METRIC_COLUMNS);
		c.addAll(List.of("tool1", "skill_level1", "tool2", "skill_level2"));
		PUBLISHED_COLUMNS = List.copyOf(c);
	}

	private AgreementMetrics() {}

	/** A mask taking part in pairs: its metadata row and pixels. */
	public record NamedMask(SegRecord record, BinaryMask mask) {}

	/** One row of the pairwise table. */
	public record PairRow(String imgId, SegRecord mask1, SegRecord mask2, PairMetrics metrics) {}

	/** Where the STAPLE and majority-vote masks of an image come from. */
	@FunctionalInterface
	public interface ConsensusSource {

		/** The image's consensus masks in pair order (STAPLE, then majority vote). */
		List<NamedMask> masks(ImageGroup group, List<NamedMask> annotatorMasks) throws IOException;

		/** No consensus masks: annotator pairs only. */
		ConsensusSource NONE = (g, a) -> List.of();

		/**
		 * {@code <ISIC_id>_ST_ST_ST_ST.png} and {@code <ISIC_id>_MV_MV_MV_MV.png} in {@code given}: a
		 * consensus folder, or a Consensus Masks or Run Pipeline output folder (its {@code consensus/}).
		 */
		static ConsensusSource folder(Path given) {
			if (!Files.isDirectory(given)) throw new IllegalArgumentException("Consensus folder not found: " + given);
			Path dir = ConsensusMasks.consensusFolder(given);
			return (g, a) -> {
				List<NamedMask> out = new ArrayList<>(2);
				for (String kind : new String[] { SegRecord.STAPLE, SegRecord.MAJORITY_VOTE }) {
					SegRecord r = SegRecord.consensus(g.isicId(), g.imgFilename(), kind, "");
					out.add(new NamedMask(r, MaskIO.read(dir.resolve(r.segFilename()))));
				}
				return out;
			};
		}

		/** The consensus rows of the dataset's own metadata, read from its mask store (the published layout). */
		static ConsensusSource metadata(MaskStore store) {
			return (g, a) -> {
				if (g.consensusMasks().isEmpty()) {
					throw new IllegalArgumentException("Image " + g.imgFilename() + " has no ST/MV rows in the metadata; give a consensus folder");
				}
				List<NamedMask> out = new ArrayList<>(g.consensusMasks().size());
				for (SegRecord r : g.consensusMasks()) out.add(new NamedMask(r, store.read(r.segFilename())));
				return out;
			};
		}

		/**
		 * STAPLE and majority vote made here from the readable annotator masks, with the settings
		 * IMA++ used (ITK defaults), and paired in memory: nothing is written.
		 */
		static ConsensusSource computed() {
			return (g, a) -> {
				VotePatterns p = VotePatterns.of(a.stream().map(NamedMask::mask).toList(), a.stream().map(n -> n.record().segFilename()).toList());
				return List.of(new NamedMask(SegRecord.consensus(g.isicId(), g.imgFilename(), SegRecord.STAPLE, ""), Staple.compute(p, Staple.Parameters.DEFAULT).consensus()),
					new NamedMask(SegRecord.consensus(g.isicId(), g.imgFilename(), SegRecord.MAJORITY_VOTE, ""), MajorityVote.compute(p)));
			};
		}

		/** The usual choice: the folder if given, else the metadata's consensus rows when it has any, else computed on the fly. */
		static ConsensusSource choose(Dataset dataset, Path folder) {
			if (folder != null) return folder(folder);
			boolean hasRows = dataset.multiAnnotatorGroups().stream().anyMatch(g -> !g.consensusMasks().isEmpty());
			return hasRows ? metadata(dataset.masks()) : computed();
		}
	}

	/**
	 * Every pair of every multi-annotator image of {@code dataset}, sorted as published.
	 *
	 * @param threads images analysed at once (≤ 0: all cores); memory grows with it (a few masks per thread)
	 * @throws IOException for a missing or unreadable mask (naming the file)
	 * @throws IllegalArgumentException for masks of different sizes (naming both) or unparseable mask names
	 * @throws CanceledException when {@code monitor} is canceled
	 */
	public static List<PairRow> compute(Dataset dataset, ConsensusSource consensus, MetricOptions options, int threads, ProgressMonitor monitor)
		throws IOException {
		int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
		ExecutorService es = Executors.newFixedThreadPool(n, r -> {
			Thread t = new Thread(r, "IMA++ agreement metrics");
			t.setDaemon(true);
			return t;
		});
		try {
			return compute(dataset, consensus, options, es, monitor);
		}
		finally {
			es.shutdownNow();
		}
	}

	/** As {@link #compute(Dataset, ConsensusSource, MetricOptions, int, ProgressMonitor)}, images run on {@code es}. */
	public static List<PairRow> compute(Dataset dataset, ConsensusSource consensus, MetricOptions options, ExecutorService es, ProgressMonitor monitor)
		throws IOException {
		List<ImageGroup> groups = dataset.multiAnnotatorGroups();
		MaskStore store = dataset.masks();
		ExecutorCompletionService<Integer> ecs = new ExecutorCompletionService<>(es);
		List<Future<Integer>> futures = new ArrayList<>(groups.size());
		@SuppressWarnings("unchecked")
		List<PairRow>[] results = new List[groups.size()];
		for (int i = 0; i < groups.size(); i++) {
			int gi = i;
			futures.add(ecs.submit(() -> {
				monitor.checkCanceled();
				ImageGroup g = groups.get(gi);
				List<NamedMask> masks = new ArrayList<>();
				for (SegRecord r : g.annotatorMasks()) masks.add(new NamedMask(r, store.read(r.segFilename())));
				masks.addAll(consensus.masks(g, List.copyOf(masks)));
				results[gi] = forImage(g.imgFilename(), masks, options);
				return gi;
			}));
		}
		try {
			for (int done = 0; done < groups.size(); done++) {
				if (monitor.isCanceled()) throw new CanceledException();
				int gi = ecs.take().get();
				monitor.progress(done + 1, groups.size(), "Agreement metrics: " + groups.get(gi).imgFilename());
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CanceledException();
		}
		catch (ExecutionException e) {
			throw TaskFailure.unwrap(e);
		}
		catch (CancellationException e) {
			throw new CanceledException();
		}
		finally {
			futures.forEach(f -> f.cancel(true));
		}
		List<PairRow> rows = new ArrayList<>();
		for (List<PairRow> r : results) rows.addAll(r);
		sortAsPublished(rows);
		return rows;
	}

	/** All pairs of one image's masks (given in metadata order), in combination order. */
	public static List<PairRow> forImage(String imgId, List<NamedMask> masks, MetricOptions options) {
		List<MaskSurface> surfaces = new ArrayList<>(masks.size());
		for (NamedMask m : masks) surfaces.add(MaskSurface.of(m.mask(), m.record().segFilename()));
		List<PairRow> rows = new ArrayList<>(masks.size() * (masks.size() - 1) / 2);
		for (int i = 0; i < masks.size(); i++) {
			for (int j = i + 1; j < masks.size(); j++) {
				PairMetrics p;
				try {
					p = OverlapMetrics.compute(surfaces.get(i), surfaces.get(j), options);
				}
				catch (IllegalArgumentException e) {
					throw new IllegalArgumentException(imgId + ": " + e.getMessage(), e);
				}
				rows.add(new PairRow(imgId, masks.get(i).record(), masks.get(j).record(), p));
			}
		}
		return rows;
	}

	/** Stable sort by (img_id, mask1), plain string order, as pandas' {@code sort_values} leaves the published file. */
	public static void sortAsPublished(List<PairRow> rows) {
		rows.sort(Comparator.comparing(PairRow::imgId).thenComparing(r -> r.mask1().segFilename()));
	}

	/** The columns of {@link #table}: the 17 published ones, then the note and the extra metrics. */
	public static List<String> columns(MetricOptions options) {
		List<String> c = new ArrayList<>(PUBLISHED_COLUMNS);
		c.addAll(List.of("note", "nsd_score", "nsd_tolerance_px"));
		if (options.hasSpacing()) c.addAll(List.of("hd_mm", "hd95_mm", "assd_mm", "nsd_tolerance_mm"));
		return c;
	}

	/** The pairwise table; {@code options} chooses the HD95 and ASSD definitions of the published columns. */
	public static Table table(List<PairRow> rows, MetricOptions options) {
		Table t = new Table(columns(options));
		for (PairRow r : rows) {
			String n1 = r.mask1().segFilename(), n2 = r.mask2().segFilename();
			t.addRow(row(r.imgId(), n1, n2, r.mask1().annotator(), r.mask2().annotator(),
				new String[] { nameToken(n1, 3), nameToken(n1, 4), nameToken(n2, 3), nameToken(n2, 4) }, r.metrics(), options));
		}
		return t;
	}

	/**
	 * One row of the pairwise table's columns for two masks that need not be dataset masks (e.g.
	 * images or ROIs picked in Fiji): {@code img_id} is {@code image}; annotator, tool and skill
	 * level come from the names when they follow the IMA++ pattern and are empty otherwise.
	 * @throws IllegalArgumentException for masks of different sizes, naming both
	 */
	public static Table compare(String image, String name1, BinaryMask mask1, String name2, BinaryMask mask2, MetricOptions options) {
		PairMetrics m = OverlapMetrics.compute(MaskSurface.of(mask1, name1), MaskSurface.of(mask2, name2), options);
		Table t = new Table(columns(options));
		t.addRow(row(image, name1, name2, optionalToken(name1, 2), optionalToken(name2, 2),
			new String[] { optionalToken(name1, 3), optionalToken(name1, 4), optionalToken(name2, 3), optionalToken(name2, 4) }, m, options));
		return t;
	}

	private static Object[] row(String imgId, String n1, String n2, String annotator1, String annotator2, String[] toolsAndSkills, PairMetrics m,
		MetricOptions options) {
		double hd95 = m.hd95(options.hd95()), assd = m.assd(options.assd());
		List<Object> row = new ArrayList<>(List.of(imgId, n1, n2));
		row.add(annotator1);
		row.add(annotator2);
		row.addAll(List.of(m.dice(), m.jaccard(), m.hd(), hd95, assd, m.normalized(m.hd()), m.normalized(hd95), m.normalized(assd)));
		row.addAll(java.util.Arrays.asList(toolsAndSkills));
		row.add(m.note());
		row.add(m.nsd());
		row.add(m.nsdTolerance());
		if (options.hasSpacing()) {
			double s = options.spacing();
			row.addAll(List.of(m.hd() * s, hd95 * s, assd * s, m.nsdTolerance() * s));
		}
		return row.toArray();
	}

	/** {@code name.split("_")[i]} when the name has the IMA++ form {@code <ISIC>_<id>_<annotator>_<tool>_<skill>_...}, else null. */
	private static String optionalToken(String name, int i) {
		String[] p = name.split("_", -1);
		return p.length > 5 && p[0].equals("ISIC") ? p[i] : null;
	}

	/** {@code name.split("_")[i]}, how IMA++ derives tool and skill level (consensus names repeat ST/MV for this). */
	static String nameToken(String segFilename, int i) {
		String[] p = segFilename.split("_", -1);
		if (p.length <= i) {
			throw new IllegalArgumentException("Mask name " + segFilename + " has no tool/skill field " + i + " (expected <ISIC>_<id>_<annotator>_<tool>_<skill>_...)");
		}
		return p[i];
	}
}
