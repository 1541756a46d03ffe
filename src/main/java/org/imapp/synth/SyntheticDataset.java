package org.imapp.synth;

import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.imapp.data.DatasetPaths;
import org.imapp.data.SegMetadata;
import org.imapp.data.SegRecord;
import org.imapp.io.AtomicFiles;
import org.imapp.mask.BinaryMask;
import org.imapp.mask.MaskIO;
import org.imapp.progress.CanceledException;
import org.imapp.progress.ProgressMonitor;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;
import org.imapp.progress.TaskFailure;
import org.imapp.io.Md5;

/**
 * Generates a dataset folder in the IMA++ layout — {@code metadata/} (seg, multi-annotator
 * subset and 36-column image metadata), {@code segs/*.png} with their MD5s, optionally
 * {@code images/*.JPG} — from a seed, so the same options always give the same bytes.
 * Each image has 2–5 masks from annotators with distinct tracing styles ({@link AnnotatorStyle});
 * every {@link RareCase} occurs at least once (listed in {@code edge_cases.csv}).
 * <p>
 * Two modes: {@link Options#synthetic} invents ids, sizes (common ISIC sizes up to
 * 6,688 × 4,439, times a scale) and annotators; {@link Options#realSizes} takes the real ISIC ids,
 * image sizes, annotators, tools, skill levels and mask counts of the published multi-annotator
 * subset (a {@code fraction} of its 2,394 images, evenly spread) and invents only the pixels.
 * Masks are written one at a time, so memory stays at a few masks per thread.
 */
public final class SyntheticDataset {

	/** Written last: its presence means the folder is complete, its content says how it was made. */
	public static final String MARKER = "synthetic.properties";

	/** Common ISIC image sizes (pixels_x, pixels_y), the largest one first. */
	private static final int[][] SIZES = { { 6688, 4439 }, { 3024, 2016 }, { 4288, 2848 }, { 1024, 768 }, { 3072, 2304 },
		{ 6000, 4000 }, { 2592, 1936 }, { 1504, 1129 }, { 640, 480 }, { 4000, 2667 }, { 2048, 1536 }, { 767, 1022 } };
	private static final int[] SIZE_WEIGHTS = { 4, 22, 14, 12, 8, 6, 6, 5, 4, 8, 8, 3 };

	/** Annotators with their share of the published subset and their (tool+skill, weight) habits (spec §6.1, §6.3). */
	private static final String[] ANNOTATORS = { "A00", "A01", "A02", "A03", "A04", "A05", "A06", "A07", "A08", "A09", "A10", "A11", "A12", "A14", "A15" };
	private static final int[] ANNOTATOR_WEIGHTS = { 1219, 592, 506, 946, 570, 409, 626, 9, 135, 79, 8, 7, 3, 1, 1 };
	private static final String[][] HABITS = {
		{ "T2S2:1615", "T2S1:1822" }, { "T3S2:2728", "T3S1:305", "T1S2:6", "T1S1:4" }, { "T1S1:2196", "T3S1:523" },
		{ "T1S1:2082", "T3S1:564" }, { "T1S1:1074", "T3S1:981", "T3S2:401", "T1S2:170" }, { "T3S1:992", "T1S1:911" },
		{ "T1S1:545", "T3S1:130" }, { "T1S2:259", "T1S1:68", "T3S2:39", "T3S1:12" }, { "T3S1:111", "T1S1:26" },
		{ "T1S1:66", "T3S1:23", "T3S2:3", "T1S2:1" }, { "T3S2:6", "T3S1:3", "T1S2:1" }, { "T1S1:6", "T3S1:3" },
		{ "T3S1:3", "T3S2:1" }, { "T3S1:1" }, { "T3S1:1" } };

	private SyntheticDataset() {}

	/**
	 * How to generate.
	 * @param images number of images (synthetic mode)
	 * @param scale factor on every image side (1 = full ISIC resolution)
	 * @param seed everything random derives from it
	 * @param writeImages also paint {@code images/*.JPG} (the masks are the workload; images are optional)
	 * @param hairs paint hairs on the lesion images
	 * @param threads worker threads (0 = all cores)
	 * @param realSizes real-sizes mode: the published subset's images ({@link SubsetSizes}, bundled) instead of invented ones
	 * @param fraction share of the real subset's images (real-sizes mode)
	 * @param singleMaskImages extra images with one mask (synthetic mode; outside the multi-annotator subset)
	 */
	public record Options(int images, double scale, long seed, boolean writeImages, boolean hairs, int threads, boolean realSizes,
		double fraction, int singleMaskImages) {

		public Options {
			if (scale <= 0 || scale > 1.5) throw new IllegalArgumentException("scale must be in (0, 1.5]: " + scale);
			if (!realSizes && (images < 1 || images > 100_000)) throw new IllegalArgumentException("images must be 1..100000: " + images);
			if (realSizes && !(fraction > 0 && fraction <= 1)) throw new IllegalArgumentException("fraction must be in (0, 1]: " + fraction);
			if (threads < 0) throw new IllegalArgumentException("threads must be >= 0");
		}

		/** Invented images at common ISIC sizes times {@code scale}, with lesion images. */
		public static Options synthetic(int images, double scale, long seed) {
			return new Options(images, scale, seed, true, true, 0, false, 1, 0);
		}

		/** The real subset's ids, sizes and annotators (a {@code fraction} of its images), masks only. */
		public static Options realSizes(double fraction, long seed) {
			return new Options(0, 1, seed, false, false, 0, true, fraction, 0);
		}

		public Options withImages(boolean write) {
			return new Options(images, scale, seed, write, hairs, threads, realSizes, fraction, singleMaskImages);
		}

		public Options withHairs(boolean h) {
			return new Options(images, scale, seed, writeImages, h, threads, realSizes, fraction, singleMaskImages);
		}

		public Options withThreads(int t) {
			return new Options(images, scale, seed, writeImages, hairs, t, realSizes, fraction, singleMaskImages);
		}

		public Options withScale(double s) {
			return new Options(images, s, seed, writeImages, hairs, threads, realSizes, fraction, singleMaskImages);
		}

		public Options withSingleMaskImages(int n) {
			return new Options(images, scale, seed, writeImages, hairs, threads, realSizes, fraction, n);
		}

		/** A one-line description (written into the marker file). */
		public String describe() {
			return !realSizes
				? "synthetic images=" + images + " scale=" + scale + " seed=" + seed + " lesion_images=" + writeImages + " hairs=" + hairs + " single_mask_images=" + singleMaskImages
				: "real_sizes(bundled) fraction=" + fraction + " scale=" + scale + " seed=" + seed + " lesion_images=" + writeImages + " hairs=" + hairs;
		}
	}

	/** One annotator mask to make. */
	public record MaskPlan(String annotator, String tool, String skill, String mskObjectId) {
		public String segFilename(String isicId) {
			return isicId + "_" + annotator + "_" + tool + "_" + skill + "_" + mskObjectId + ".png";
		}
	}

	/** One image to make: id, size, masks in metadata order, its rare case (or null) and clinical metadata row. */
	public record ImagePlan(String isicId, int width, int height, List<MaskPlan> masks, RareCase rare, Object[] metadataRow) {
		public long pixels() {
			return (long) width * height;
		}
	}

	/** What was generated. */
	public record Result(Path folder, int images, int masks, long maskPixels, List<ImagePlan> plan) {}

	/** The images a run of {@code options} makes, without making them (cheap). */
	public static List<ImagePlan> plan(Options o) throws IOException {
		return o.realSizes() ? realPlan(o) : syntheticPlan(o);
	}

	/**
	 * Generates the dataset into {@code folder} (created if needed; existing files of the same
	 * names are replaced). Progress counts images; cancel stops between images.
	 */
	public static Result generate(Path folder, Options o, ProgressMonitor monitor) throws IOException {
		List<ImagePlan> plan = plan(o);
		Path segs = folder.resolve("segs");
		Path images = folder.resolve("images");
		Files.createDirectories(segs);
		if (o.writeImages()) Files.createDirectories(images);
		Files.deleteIfExists(folder.resolve(MARKER));
		int threads = o.threads() > 0 ? o.threads() : Runtime.getRuntime().availableProcessors();
		ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, plan.size())), r -> {
			Thread t = new Thread(r, "imapp-synth");
			t.setDaemon(true);
			return t;
		});
		List<List<SegRecord>> records = new ArrayList<>(plan.size());
		AtomicLong done = new AtomicLong();
		long maskPixels = 0;
		int masks = 0;
		try {
			List<Future<List<SegRecord>>> futures = new ArrayList<>(plan.size());
			for (ImagePlan p : plan) {
				futures.add(pool.submit(() -> {
					monitor.checkCanceled();
					List<SegRecord> out = generateImage(p, segs, images, o);
					monitor.progress(done.incrementAndGet(), plan.size(), "Generated " + p.isicId());
					return out;
				}));
			}
			for (int i = 0; i < futures.size(); i++) {
				records.add(get(futures.get(i)));
				masks += plan.get(i).masks().size();
				maskPixels += plan.get(i).pixels() * plan.get(i).masks().size();
			}
		}
		finally {
			pool.shutdownNow();
		}
		writeMetadata(folder, plan, records, o);
		AtomicFiles.write(folder.resolve(MARKER), ("# IMA++ synthetic dataset (org.imapp.synth.SyntheticDataset)\noptions=" + o.describe()
			+ "\nimages=" + plan.size() + "\nmasks=" + masks + "\nmask_pixels=" + maskPixels + "\n").getBytes(StandardCharsets.UTF_8));
		return new Result(folder, plan.size(), masks, maskPixels, plan);
	}

	/** True when {@code folder} holds a complete dataset generated with exactly these options. */
	public static boolean isComplete(Path folder, Options o) {
		Path marker = folder.resolve(MARKER);
		if (!Files.isRegularFile(marker)) return false;
		try {
			return Files.readAllLines(marker).contains("options=" + o.describe());
		}
		catch (IOException e) {
			return false;
		}
	}

	private static <T> T get(Future<T> f) throws IOException {
		try {
			return f.get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CanceledException();
		}
		catch (ExecutionException e) {
			throw TaskFailure.unwrap(e);
		}
	}

	// ---------------------------------------------------------------------------------------------
	// Plans

	private static List<ImagePlan> syntheticPlan(Options o) {
		Random r = new Random(o.seed());
		int n = o.images() + o.singleMaskImages();
		List<RareCase> rare = rareCaseSlots(o.images(), r);
		List<ImagePlan> plan = new ArrayList<>(n);
		int id = 0;
		// Single-mask images are interleaved at fixed positions so the subset is a real selection.
		int multi = 0, single = 0;
		for (int i = 0; i < n; i++) {
			id += 1 + r.nextInt(Math.max(1, 9_000_000 / Math.max(1, n)));
			String isic = String.format("ISIC_%07d", id);
			int[] size = SIZES[pick(r, SIZE_WEIGHTS)];
			int w = scaled(size[0], o.scale()), h = scaled(size[1], o.scale());
			boolean isSingle = single < o.singleMaskImages() && (multi >= o.images() || (long) (i + 1) * o.singleMaskImages() / n > single);
			int count;
			RareCase rc = null;
			if (isSingle) {
				count = 1;
				single++;
			}
			else {
				int k = r.nextInt(100);
				count = k < 60 ? 2 : k < 82 ? 3 : k < 94 ? 4 : 5;
				rc = rare.get(multi);
				multi++;
			}
			List<MaskPlan> masks = new ArrayList<>(count);
			Set<String> used = new HashSet<>();
			for (int m = 0; m < count; m++) {
				String ann;
				// Mostly distinct annotators; now and then one annotator twice (intra-annotator pairs).
				if (m > 0 && r.nextInt(20) == 0) ann = masks.get(r.nextInt(m)).annotator();
				else {
					int guard = 0;
					do ann = ANNOTATORS[pick(r, ANNOTATOR_WEIGHTS)];
					while (!used.add(ann) && ++guard < 50);
				}
				int a = Arrays.asList(ANNOTATORS).indexOf(ann);
				String[] habit = HABITS[a];
				int[] hw = new int[habit.length];
				for (int k = 0; k < habit.length; k++) hw[k] = Integer.parseInt(habit[k].substring(5));
				String ts = habit[pick(r, hw)];
				masks.add(new MaskPlan(ann, ts.substring(0, 2), ts.substring(2, 4), objectId(r)));
			}
			plan.add(new ImagePlan(isic, w, h, masks, rc, ClinicalMetadata.row(isic, w, h, r)));
		}
		return plan;
	}

	private static List<ImagePlan> realPlan(Options o) throws IOException {
		List<SubsetSizes.Image> images = SubsetSizes.bundled();
		List<SubsetSizes.Image> selected = new ArrayList<>();
		for (int i = 0; i < images.size(); i++) {
			// Evenly spread over the id range: image i is taken when floor((i+1)·f) steps up.
			if (Math.floor((i + 1) * o.fraction() + 1e-9) > Math.floor(i * o.fraction() + 1e-9)) selected.add(images.get(i));
		}
		if (selected.isEmpty()) selected.add(images.get(0));
		Random r = new Random(o.seed());
		List<RareCase> rare = rareCaseSlots(selected.size(), r);
		List<ImagePlan> plan = new ArrayList<>(selected.size());
		for (int i = 0; i < selected.size(); i++) {
			SubsetSizes.Image g = selected.get(i);
			int w = scaled(g.width(), o.scale()), h = scaled(g.height(), o.scale());
			List<MaskPlan> masks = new ArrayList<>(g.masks().size());
			for (int k = 0; k < g.masks().size(); k++) {
				String[] ats = g.masks().get(k).split("_");
				// The published object ids are not shipped: a stable stand-in from the image, annotator and position.
				String objectId = Md5.of((g.isicId() + "_" + g.masks().get(k) + "_" + k).getBytes(StandardCharsets.UTF_8)).substring(0, 24);
				masks.add(new MaskPlan(ats[0], ats[1], ats[2], objectId));
			}
			Object[] cells = ClinicalMetadata.row(g.isicId(), w, h, g.benignMalignant(), new Random(o.seed() ^ g.isicId().hashCode()));
			plan.add(new ImagePlan(g.isicId(), w, h, List.copyOf(masks), rare.get(i), cells));
		}
		return plan;
	}

	/**
	 * Which image gets which rare case: each case at least once (when there are ≥ 7 images),
	 * about one per 400 images, at seeded positions.
	 */
	private static List<RareCase> rareCaseSlots(int n, Random r) {
		RareCase[] slots = new RareCase[n];
		RareCase[] cases = RareCase.values();
		int each = Math.max(1, Math.round(n / 400f));
		List<Integer> positions = new ArrayList<>();
		for (int i = 0; i < n; i++) positions.add(i);
		java.util.Collections.shuffle(positions, r);
		int p = 0;
		for (int k = 0; k < each; k++) for (RareCase c : cases) if (p < n) slots[positions.get(p++)] = c;
		return Arrays.asList(slots);
	}

	private static int scaled(int side, double scale) {
		return Math.max(16, (int) Math.round(side * scale));
	}

	private static int pick(Random r, int[] weights) {
		int total = 0;
		for (int w : weights) total += w;
		int x = r.nextInt(total);
		for (int i = 0; i < weights.length; i++) {
			x -= weights[i];
			if (x < 0) return i;
		}
		return weights.length - 1;
	}

	private static String objectId(Random r) {
		StringBuilder sb = new StringBuilder(24);
		for (int i = 0; i < 24; i++) sb.append(Character.forDigit(r.nextInt(16), 16));
		return sb.toString();
	}

	// ---------------------------------------------------------------------------------------------
	// Pixels

	/** The lesion(s) of one image and the masks' outlines. */
	private record Scene(LesionShape main, LesionShape hole, LesionShape island, LesionShape otherSpot) {}

	private static Scene scene(ImagePlan p, Random r) {
		int w = p.width(), h = p.height();
		RareCase rc = p.rare();
		if (rc == RareCase.ZERO_OVERLAP) {
			boolean wide = w >= 1.2 * h;
			double ax = wide ? 0.26 * w : 0.27 * w, ay = wide ? 0.5 * h : 0.27 * h;
			double bx = wide ? 0.74 * w : 0.73 * w, by = wide ? 0.5 * h : 0.73 * h;
			LesionShape a = LesionShape.random(r, w, h, 0.08, ax, ay);
			LesionShape b = LesionShape.random(r, w, h, 0.06, bx, by);
			return new Scene(a, null, null, b);
		}
		if (rc == RareCase.ISLAND) {
			LesionShape main = LesionShape.random(r, w, h, 0.12, 0.38 * w, 0.5 * h);
			LesionShape island = LesionShape.random(r, w, h, 0.045, 0, 0);
			double d = 1.35 * main.maxRadius() + 1.6 * island.maxRadius();
			double ix = main.cx() + d, iy = main.cy();
			if (ix + 1.6 * island.maxRadius() > w) {
				ix = main.cx();
				iy = main.cy() + d;
			}
			return new Scene(main, null, island.at(ix, iy), null);
		}
		if (rc == RareCase.BORDER) {
			double rel = 0.32 + 0.12 * r.nextDouble();
			int side = r.nextInt(4);
			double cx = side == 0 ? 0.06 * w : side == 1 ? 0.94 * w : w * (0.3 + 0.4 * r.nextDouble());
			double cy = side == 2 ? 0.06 * h : side == 3 ? 0.94 * h : h * (0.3 + 0.4 * r.nextDouble());
			return new Scene(LesionShape.random(r, w, h, rel, cx, cy), null, null, null);
		}
		double rel = rc == RareCase.HOLE ? 0.25 + 0.08 * r.nextDouble() : 0.12 + 0.24 * r.nextDouble();
		double cx = w * (0.5 + 0.2 * (r.nextDouble() - 0.5));
		double cy = h * (0.5 + 0.2 * (r.nextDouble() - 0.5));
		LesionShape main = LesionShape.random(r, w, h, rel, cx, cy);
		LesionShape hole = rc == RareCase.HOLE ? main.scaled(0.35) : null;
		return new Scene(main, hole, null, null);
	}

	/** The mask of annotator {@code i} of {@code n}. */
	private static BinaryMask mask(ImagePlan p, Scene s, int i, Random r) {
		int n = p.masks().size();
		MaskPlan m = p.masks().get(i);
		AnnotatorStyle style = AnnotatorStyle.of(m.annotator(), m.tool(), m.skill());
		RareCase rc = p.rare();
		boolean last = i == n - 1;
		int w = p.width(), h = p.height();
		if (rc == RareCase.EMPTY && last) return BinaryMask.empty(w, h);
		if (rc == RareCase.FULL && last) {
			BinaryMask full = BinaryMask.empty(w, h);
			Arrays.fill(full.data(), (byte) 1);
			return full;
		}
		if (rc == RareCase.TINY && last) {
			int x0 = (int) Math.max(0, Math.min(w - 3, s.main().cx() - 1)), y0 = (int) Math.max(0, Math.min(h - 3, s.main().cy() - 1));
			return PolygonFill.fill(w, h, List.of(new PolygonFill.Ring(new double[] { x0, x0 + 3, x0 + 3, x0 }, new double[] { y0, y0, y0 + 3, y0 + 3 })));
		}
		List<PolygonFill.Ring> rings = new ArrayList<>(3);
		if (rc == RareCase.ZERO_OVERLAP && i == 1) rings.add(style.trace(s.otherSpot(), r));
		else rings.add(style.trace(s.main(), r));
		if (s.hole() != null && i % 2 == 0) rings.add(style.trace(s.hole(), r).reversed());
		if (s.island() != null && !last) rings.add(style.trace(s.island(), r));
		return PolygonFill.fill(w, h, rings);
	}

	private static List<SegRecord> generateImage(ImagePlan p, Path segs, Path images, Options o) throws IOException {
		Random r = new Random(o.seed() * 0x9E3779B97F4A7C15L ^ p.isicId().hashCode());
		Scene s = scene(p, r);
		List<SegRecord> out = new ArrayList<>(p.masks().size());
		ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 16);
		for (int i = 0; i < p.masks().size(); i++) {
			BinaryMask mask = mask(p, s, i, r);
			buf.reset();
			MaskIO.writePng(mask, buf);
			byte[] png = buf.toByteArray();
			MaskPlan m = p.masks().get(i);
			String name = m.segFilename(p.isicId());
			AtomicFiles.write(segs.resolve(name), png);
			out.add(new SegRecord(0, p.isicId(), p.isicId() + ".JPG", name, m.annotator(), m.tool(), m.skill(), m.mskObjectId(), Md5.of(png)));
		}
		if (o.writeImages()) {
			List<PolygonFill.Ring> pigment = new ArrayList<>();
			pigment.add(s.main().ring(720));
			if (s.hole() != null) pigment.add(s.hole().ring(360).reversed());
			if (s.island() != null) pigment.add(s.island().ring(360));
			if (s.otherSpot() != null) pigment.add(s.otherSpot().ring(360));
			BufferedImage img = LesionImage.render(p.width(), p.height(), pigment, new Point2D.Double(s.main().cx(), s.main().cy()), r, o.hairs());
			LesionImage.writeJpeg(img, images.resolve(p.isicId() + ".JPG"));
		}
		return out;
	}


	// ---------------------------------------------------------------------------------------------
	// Metadata

	private static void writeMetadata(Path folder, List<ImagePlan> plan, List<List<SegRecord>> records, Options o) throws IOException {
		Path meta = folder.resolve("metadata");
		List<SegRecord> all = new ArrayList<>();
		List<SegRecord> subset = new ArrayList<>();
		for (List<SegRecord> rs : records) {
			all.addAll(rs);
			if (rs.size() >= 2) subset.addAll(rs);
		}
		CsvTables.write(SegMetadata.toTable(all), meta.resolve(DatasetPaths.SEG_METADATA));
		CsvTables.write(SegMetadata.toTable(subset), meta.resolve(DatasetPaths.SUBSET_METADATA));
		Table img = new Table(ClinicalMetadata.COLUMNS);
		// Published order: descending isic_id.
		TreeMap<String, Object[]> byId = new TreeMap<>(java.util.Comparator.reverseOrder());
		for (ImagePlan p : plan) byId.put(p.isicId(), p.metadataRow());
		for (Object[] row : byId.values()) img.addRow(row);
		CsvTables.write(img, meta.resolve(DatasetPaths.IMG_METADATA));
		Table cases = new Table("ISIC_id", "case");
		TreeMap<String, String> rare = new TreeMap<>();
		for (ImagePlan p : plan) if (p.rare() != null) rare.put(p.isicId(), p.rare().label());
		rare.forEach((id, c) -> cases.addRow(id, c));
		CsvTables.write(cases, folder.resolve("edge_cases.csv"));
	}
}
