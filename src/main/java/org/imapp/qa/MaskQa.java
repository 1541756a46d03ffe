package org.imapp.qa;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;

import org.imapp.io.Md5;
import org.imapp.data.Dataset;
import org.imapp.data.ImageMetadata;
import org.imapp.data.MaskStore;
import org.imapp.data.SegRecord;
import org.imapp.data.ValidationProblem;
import org.imapp.mask.BinaryMask;
import org.imapp.mask.MaskIO;
import org.imapp.mask.MaskReadException;
import org.imapp.progress.ParallelMap;
import org.imapp.progress.ProgressMonitor;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/**
 * Per-mask quality checks of IMA++'s {@code mask_qa.py}, with its exact issue strings, severities
 * and early exits (spec §3.1), plus checks the published script lacks.
 * <p>
 * Published checks, in order: unreadable → {@value #NOT_READABLE} (stop); no foreground →
 * {@value #EMPTY} (stop); all foreground → {@value #FULL} (stop); more than one 8-connected
 * component whose second is larger than 5 % of the first → {@code Multiple disconnected regions (N)};
 * foreground on the first/last row or column → {@value #BORDER}. "Second" and "first" are by size
 * here; the published script takes the first two components in raster label order, so a one-pixel
 * speck labelled before an island hides it (and a speck after a large region never fires) —
 * {@link Options#publishedRule()} reproduces that for exact comparison with published results.
 * <p>
 * Extra checks (skipped for unreadable masks), each its own row after the published ones:
 * the file's MD5 differs from {@code mask_md5}; the mask size differs from
 * {@code pixels_x × pixels_y} of the image metadata; the file holds more than one non-zero raw
 * value; the size differs from the other masks of the image (the most common size among them).
 * Checks of where the bytes come from (also for unreadable masks): the archive holds more than one
 * entry of the mask's name; the {@code segs/} file differs from its {@code segs.zip} entry.
 * Rows the metadata loader rejected appear at their line: a repeated {@code seg_filename} as
 * {@value #LISTED_TWICE}, anything else as {@value #INVALID_ROW}.
 * <p>
 * Masks are streamed: each task reads, checks and drops one mask, tasks run on a bounded
 * executor, and rows come out in metadata order whatever order the tasks finish in.
 */
public final class MaskQa {

	public static final String RESULTS_CSV = "IMAplusplus_seg_metadata_qa_results.csv";
	public static final String[] COLUMNS = { "image", "mask", "issue", "severity" };

	public static final String HIGH = "high";
	public static final String MEDIUM = "medium";
	public static final String LOW = "low";

	public static final String NOT_READABLE = "File not found or corrupted";
	public static final String EMPTY = "Empty mask";
	public static final String FULL = "Mask covers entire image";
	/** Followed by {@code " (N)"}, N = the number of components. */
	public static final String MULTIPLE_REGIONS = "Multiple disconnected regions";
	public static final String BORDER = "Mask touches image border";

	/** Extra checks; each is followed by details in parentheses. */
	public static final String MD5_MISMATCH = "Mask MD5 differs from mask_md5";
	public static final String SIZE_VS_METADATA = "Mask size differs from image metadata";
	public static final String NOT_TWO_VALUED = "Mask has values other than 0 and one foreground value";
	public static final String SIZE_VS_OTHERS = "Mask size differs from other masks of the image";
	public static final String LISTED_TWICE = "Mask listed more than once in metadata";
	public static final String INVALID_ROW = "Invalid metadata row";
	public static final String DUPLICATE_ENTRIES = "Mask has more than one entry in the archive";
	public static final String SOURCES_DIFFER = "Mask differs between segs/ and segs.zip";

	/** The second region must be larger than this share of the first to count as a real island. */
	public static final double SECOND_REGION_SHARE = 0.05;

	/**
	 * @param publishedRule compare the first two components in raster label order, as
	 *        {@code mask_qa.py} does, instead of the two largest
	 * @param extraChecks run the checks the published script lacks (MD5, sizes, raw values)
	 */
	public record Options(boolean publishedRule, boolean extraChecks) {
		/** Corrected region rule and every extra check. */
		public static final Options DEFAULT = new Options(false, true);
		/** Exactly the published script: raster-order rule, no extra checks. */
		public static final Options PUBLISHED = new Options(true, false);
	}

	/** One issue of one mask. */
	public record Finding(String issue, String severity) {}

	/** The issues table in metadata order, with the reasons masks could not be read. */
	public record Result(Table issues, int masksChecked, List<String> readErrors) {

		/** Writes {@value MaskQa#RESULTS_CSV} into {@code folder}, atomically. */
		public Path write(Path folder) throws IOException {
			Path file = folder.resolve(RESULTS_CSV);
			CsvTables.write(issues, file);
			return file;
		}

		/** Issue counts per severity (high, medium, low), as the published script logs them. */
		public Map<String, Integer> countsBySeverity() {
			Map<String, Integer> out = new LinkedHashMap<>();
			for (String s : new String[] { HIGH, MEDIUM, LOW }) out.put(s, 0);
			for (Object[] row : issues.rows()) out.merge((String) row[3], 1, Integer::sum);
			return out;
		}

		/** {@code Found N issues in K masks (high: a, medium: b, low: c) of M checked}. */
		public String summary() {
			long masks = issues.rows().stream().map(r -> r[1]).distinct().count();
			String counts = countsBySeverity().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
				.collect(java.util.stream.Collectors.joining(", "));
			return "Found " + issues.rowCount() + " issues in " + masks + " masks (" + counts + ") of " + masksChecked + " checked";
		}
	}

	private MaskQa() {}

	/**
	 * The published content checks on one decoded mask (without the read check).
	 * @param publishedRule raster label order instead of size order for the region rule
	 */
	public static List<Finding> check(BinaryMask mask, boolean publishedRule) {
		List<Finding> out = new ArrayList<>(2);
		ConnectedComponents cc = ConnectedComponents.of(mask);
		long fg = cc.foreground();
		if (fg == 0) return List.of(new Finding(EMPTY, HIGH));
		if (fg == mask.size()) return List.of(new Finding(FULL, HIGH));
		if (cc.count() > 1) {
			long first, second;
			if (publishedRule) {
				first = cc.size(1);
				second = cc.size(2);
			}
			else {
				first = cc.largest(1);
				second = cc.largest(2);
			}
			if (second > SECOND_REGION_SHARE * first) out.add(new Finding(multipleRegions(cc.count()), MEDIUM));
		}
		if (touchesBorder(mask)) out.add(new Finding(BORDER, LOW));
		return out;
	}

	/** {@code Multiple disconnected regions (n)}. */
	public static String multipleRegions(int components) {
		return MULTIPLE_REGIONS + " (" + components + ")";
	}

	/** Any foreground pixel in the first or last row or column. */
	public static boolean touchesBorder(BinaryMask mask) {
		int w = mask.width(), h = mask.height();
		byte[] d = mask.data();
		int last = (h - 1) * w;
		for (int x = 0; x < w; x++) if (d[x] != 0 || d[last + x] != 0) return true;
		for (int y = 0; y < h; y++) if (d[y * w] != 0 || d[y * w + w - 1] != 0) return true;
		return false;
	}

	/** Runs the QA on a fixed pool of {@code threads} (0: one per core). */
	public static Result run(Dataset dataset, Options options, int threads, ProgressMonitor monitor) {
		return ParallelMap.withPool(threads, ex -> run(dataset, options, ex, monitor));
	}

	/**
	 * Checks every mask of the dataset's seg metadata on {@code executor}.
	 * @throws org.imapp.progress.CanceledException when the monitor cancels (nothing is written)
	 */
	public static Result run(Dataset dataset, Options options, ExecutorService executor, ProgressMonitor monitor) {
		List<SegRecord> records = dataset.records();
		MaskStore store = dataset.masks();
		ImageMetadata img = options.extraChecks() ? dataset.imageMetadata() : null;
		List<Outcome> outcomes = ParallelMap.map(records, r -> checkOne(r, store, img, options), executor, monitor, "Mask QA");

		Map<String, List<Integer>> byImage = new LinkedHashMap<>();
		for (int i = 0; i < records.size(); i++) byImage.computeIfAbsent(records.get(i).imgFilename(), k -> new ArrayList<>()).add(i);
		if (options.extraChecks()) {
			for (List<Integer> masks : byImage.values()) {
				SegRecord first = records.get(masks.get(0));
				addSizeVsOthers(masks, outcomes, metadataSize(dataset.imageMetadata(), first.isicId()));
			}
		}

		Table table = new Table(COLUMNS);
		List<String> errors = new ArrayList<>();
		Map<String, SegRecord> bySeg = new HashMap<>();
		for (SegRecord r : records) bySeg.put(r.segFilename(), r);
		List<ValidationProblem> problems = dataset.segMetadata().problems();
		int p = 0;
		for (int i = 0; i < records.size(); i++) {
			SegRecord r = records.get(i);
			// Rejected rows go where they stood in the file.
			for (; p < problems.size() && problems.get(p).line() < r.line(); p++) addProblem(table, problems.get(p), bySeg);
			Outcome o = outcomes.get(i);
			if (o.error != null) errors.add(o.error);
			for (Finding f : o.findings) table.addRow(r.imgFilename(), r.segFilename(), f.issue(), f.severity());
		}
		for (; p < problems.size(); p++) addProblem(table, problems.get(p), bySeg);
		return new Result(table, records.size(), Collections.unmodifiableList(errors));
	}

	private static void addProblem(Table table, ValidationProblem p, Map<String, SegRecord> bySeg) {
		SegRecord listed = p.detail() == null ? null : bySeg.get(p.detail());
		if (listed != null) {
			table.addRow(listed.imgFilename(), listed.segFilename(), LISTED_TWICE + " (line " + p.line() + ")", MEDIUM);
		}
		else {
			table.addRow("", p.detail() != null && p.detail().endsWith(".png") ? p.detail() : "", INVALID_ROW + " (" + p + ")", HIGH);
		}
	}

	/** What one mask task found; width/height -1 when unreadable. */
	private record Outcome(int width, int height, List<Finding> findings, String error) {
		/** Width and height packed in one long, for grouping. */
		long size() {
			return packSize(width, height);
		}
	}

	private static long packSize(int width, int height) {
		return ((long) width << 32) | (height & 0xffffffffL);
	}

	private static Outcome checkOne(SegRecord r, MaskStore store, ImageMetadata img, Options options) {
		byte[] bytes = null;
		MaskIO.Decoded d;
		try {
			bytes = store.readBytes(r.segFilename());
			d = options.extraChecks() ? store.decodeCountingValues(bytes, r.segFilename()) : new MaskIO.Decoded(store.decode(bytes, r.segFilename()), 0);
		}
		catch (MaskReadException | RuntimeException e) {
			// Any decoder failure is this mask's problem; the run goes on with the others.
			return unreadable(r, bytes, e.getMessage(), store, options);
		}
		return checkDecoded(r, bytes, d, img, store, options);
	}

	private static Outcome unreadable(SegRecord r, byte[] bytes, String error, MaskStore store, Options options) {
		List<Finding> findings = new ArrayList<>(List.of(new Finding(NOT_READABLE, HIGH)));
		if (options.extraChecks()) addSourceChecks(r, bytes, store, findings);
		return new Outcome(-1, -1, findings, error);
	}

	/** Duplicate archive entries of the mask, and a {@code segs/} file that differs from its {@code segs.zip} entry. */
	private static void addSourceChecks(SegRecord r, byte[] bytes, MaskStore store, List<Finding> findings) {
		List<String> entries = store.duplicates(r.segFilename());
		if (!entries.isEmpty()) {
			// Identical copies are harmless; different ones make the mask a guess.
			boolean differ = entries.stream().map(e -> e.substring(e.lastIndexOf(" ("))).distinct().count() > 1;
			findings.add(new Finding(DUPLICATE_ENTRIES + " (" + entries.size() + " entries, " + (differ ? "contents differ" : "identical") + ": "
				+ String.join(", ", entries) + "; read: " + store.describe(r.segFilename()) + ")", differ ? HIGH : LOW));
		}
		String differs = bytes == null ? null : store.disagreement(r.segFilename(), bytes);
		if (differs != null) findings.add(new Finding(SOURCES_DIFFER + " (" + differs + "; read: segs/)", MEDIUM));
	}

	/** The checks of one mask already read ({@code d.foregroundValues()} is used with the extra checks only). */
	private static Outcome checkDecoded(SegRecord r, byte[] bytes, MaskIO.Decoded d, ImageMetadata img, MaskStore store, Options options) {
		BinaryMask mask = d.mask();
		List<Finding> findings = new ArrayList<>(check(mask, options.publishedRule()));
		if (options.extraChecks()) {
			String md5 = Md5.of(bytes);
			if (!md5.equals(r.maskMd5())) findings.add(new Finding(MD5_MISMATCH + " (file " + md5 + ", metadata " + r.maskMd5() + ")", MEDIUM));
			long expected = metadataSize(img, r.isicId());
			long size = packSize(mask.width(), mask.height());
			if (expected >= 0 && expected != size) {
				findings.add(new Finding(SIZE_VS_METADATA + " (mask " + sizeText(size) + ", pixels_x × pixels_y " + sizeText(expected) + ")", MEDIUM));
			}
			int values = d.foregroundValues();
			if (values > 1) findings.add(new Finding(NOT_TWO_VALUED + " (" + values + (values >= 65536 ? "+" : "") + " foreground values)", LOW));
			addSourceChecks(r, bytes, store, findings);
		}
		return new Outcome(mask.width(), mask.height(), findings, null);
	}

	/**
	 * The masks of one image, already read, checked as {@link #run} checks them (the streaming
	 * pipeline's QA, which decodes each mask once for all its stages).
	 * @param bytes each mask's file bytes (null when it could not be read)
	 * @param decoded each mask decoded with its foreground-value count (null when unreadable)
	 * @param errors the read or decode error of each unreadable mask
	 * @return the findings of each mask, in the given order
	 */
	public static List<List<Finding>> checkImage(List<SegRecord> records, List<byte[]> bytes, List<MaskIO.Decoded> decoded, List<String> errors,
			ImageMetadata img, MaskStore store, Options options) {
		List<Outcome> outcomes = new ArrayList<>(records.size());
		List<Integer> all = new ArrayList<>(records.size());
		for (int i = 0; i < records.size(); i++) {
			all.add(i);
			SegRecord r = records.get(i);
			outcomes.add(decoded.get(i) == null ? unreadable(r, bytes.get(i), errors.get(i), store, options) : checkDecoded(r, bytes.get(i), decoded.get(i), img, store, options));
		}
		if (options.extraChecks() && !records.isEmpty()) addSizeVsOthers(all, outcomes, metadataSize(img, records.get(0).isicId()));
		return outcomes.stream().map(Outcome::findings).toList();
	}

	/**
	 * The rows of metadata problems (rejected rows, masks listed twice), placed among the issue
	 * rows by file line as {@link #run} places them.
	 * @param issues rows {@code image, mask, issue, severity} in metadata order
	 * @param lines the metadata line of each issue row
	 */
	public static Table withMetadataProblems(Table issues, long[] lines, Dataset dataset) {
		Map<String, SegRecord> bySeg = new HashMap<>();
		for (SegRecord r : dataset.records()) bySeg.put(r.segFilename(), r);
		List<ValidationProblem> problems = dataset.segMetadata().problems();
		Table table = new Table(COLUMNS);
		int p = 0;
		for (int i = 0; i < issues.rowCount(); i++) {
			for (; p < problems.size() && problems.get(p).line() < lines[i]; p++) addProblem(table, problems.get(p), bySeg);
			table.addRow(issues.rows().get(i));
		}
		for (; p < problems.size(); p++) addProblem(table, problems.get(p), bySeg);
		return table;
	}

	/**
	 * Flags masks whose size differs from the image's reference size: the size most of its
	 * readable masks share; on a tie, the tied size that equals {@code pixels_x × pixels_y};
	 * with no reference (e.g. two masks of two sizes, no metadata) every mask is flagged, since
	 * which one is wrong cannot be told.
	 */
	private static void addSizeVsOthers(List<Integer> masks, List<Outcome> outcomes, long metadataSize) {
		Map<Long, Integer> counts = new LinkedHashMap<>();
		for (int i : masks) {
			Outcome o = outcomes.get(i);
			if (o.width >= 0) counts.merge(o.size(), 1, Integer::sum);
		}
		if (counts.size() < 2) return;
		int best = counts.values().stream().max(Integer::compare).get();
		List<Long> top = counts.entrySet().stream().filter(e -> e.getValue() == best).map(Map.Entry::getKey).toList();
		Long ref = top.size() == 1 ? top.get(0) : top.contains(metadataSize) ? Long.valueOf(metadataSize) : null;
		for (int i : masks) {
			Outcome o = outcomes.get(i);
			if (o.width < 0 || (ref != null && o.size() == ref)) continue;
			String others;
			if (ref != null) {
				others = sizeText(ref);
			}
			else {
				others = masks.stream().filter(j -> j != i && outcomes.get(j).width >= 0).map(j -> sizeText(outcomes.get(j).size()))
					.distinct().collect(java.util.stream.Collectors.joining(", "));
			}
			o.findings.add(new Finding(SIZE_VS_OTHERS + " (mask " + sizeText(o.size()) + ", others " + others + ")", HIGH));
		}
	}

	/** {@code pixels_x × pixels_y} of the image metadata packed, or -1 when unknown. */
	private static long metadataSize(ImageMetadata img, String isicId) {
		if (img == null) return -1;
		OptionalInt px = img.getInt(isicId, "pixels_x");
		OptionalInt py = img.getInt(isicId, "pixels_y");
		return px.isPresent() && py.isPresent() ? packSize(px.getAsInt(), py.getAsInt()) : -1;
	}

	private static String sizeText(long size) {
		return (size >>> 32) + "x" + (int) size;
	}
}
