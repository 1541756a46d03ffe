package org.imapp.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.imapp.Fixtures;
import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.imapp.data.ImageGroup;
import org.imapp.data.SegMetadata;
import org.imapp.data.SegRecord;
import org.imapp.mask.BinaryMask;
import org.imapp.progress.ProgressMonitor;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticDatasetTest {

	private static final SyntheticDataset.Options SMALL = SyntheticDataset.Options.synthetic(12, 0.04, 42).withSingleMaskImages(2);

	@Test
	void sameSeedGivesTheSameBytesWhateverTheThreadCount(@TempDir Path tmp) throws Exception {
		SyntheticDataset.generate(tmp.resolve("a"), SMALL.withThreads(1), ProgressMonitor.NONE);
		SyntheticDataset.generate(tmp.resolve("b"), SMALL.withThreads(3), ProgressMonitor.NONE);
		Map<String, byte[]> a = files(tmp.resolve("a")), b = files(tmp.resolve("b"));
		assertEquals(a.keySet(), b.keySet());
		// 12 + 2 images: their masks, JPGs, 3 metadata files, edge_cases.csv and the marker.
		assertTrue(a.keySet().stream().filter(k -> k.endsWith(".JPG")).count() == 14, a.keySet().toString());
		for (String k : a.keySet()) assertArrayEquals(a.get(k), b.get(k), k);
		SyntheticDataset.generate(tmp.resolve("c"), SyntheticDataset.Options.synthetic(12, 0.04, 43).withSingleMaskImages(2), ProgressMonitor.NONE);
		assertTrue(!java.util.Arrays.equals(a.get("metadata/IMAplusplus_seg_metadata.csv"), files(tmp.resolve("c")).get("metadata/IMAplusplus_seg_metadata.csv")),
			"another seed gives another dataset");
	}

	@Test
	void metadataPassesEveryLoaderRuleAndMatchesTheFiles(@TempDir Path tmp) throws Exception {
		Path ds = tmp.resolve("ds");
		SyntheticDataset.Result res = SyntheticDataset.generate(ds, SMALL, ProgressMonitor.NONE);
		assertTrue(SyntheticDataset.isComplete(ds, SMALL));
		SegMetadata seg = SegMetadata.read(ds.resolve("metadata").resolve(DatasetPaths.SEG_METADATA), true);
		assertEquals(res.masks(), seg.records().size());
		assertEquals(1.0, seg.syntacticAccuracy());
		for (SegRecord r : seg.records()) {
			assertNull(SegMetadata.firstBrokenRule(r), r.segFilename());
			assertEquals(r.maskMd5(), org.imapp.io.Md5.of(Files.readAllBytes(ds.resolve("segs").resolve(r.segFilename()))), r.segFilename());
		}
		try (Dataset d = Dataset.load(DatasetPaths.of(ds), true)) {
			assertEquals(14, d.groups().size());
			assertEquals(12, d.multiAnnotatorGroups().size());
			// The subset file holds exactly the rows of images with two or more masks, in order.
			SegMetadata subset = SegMetadata.read(ds.resolve("metadata").resolve(DatasetPaths.SUBSET_METADATA), true);
			assertEquals(d.multiAnnotatorRecords().stream().map(SegRecord::segFilename).toList(), subset.records().stream().map(SegRecord::segFilename).toList());
			Table img = CsvTables.read(ds.resolve("metadata").resolve(DatasetPaths.IMG_METADATA));
			assertEquals(36, img.columnCount());
			assertEquals(14, img.rowCount());
			for (ImageGroup g : d.groups()) {
				int n = g.annotatorMasks().size();
				assertTrue(n == 1 || (n >= 2 && n <= 5), g.isicId() + " has " + n + " masks");
				BinaryMask m = d.masks().read(g.annotatorMasks().get(0).segFilename());
				assertEquals(m.width(), d.imageMetadata().getInt(g.isicId(), "pixels_x").getAsInt());
				assertEquals(m.height(), d.imageMetadata().getInt(g.isicId(), "pixels_y").getAsInt());
				assertTrue(Files.isRegularFile(d.paths().image(g.imgFilename())));
			}
			// Published order of the image metadata: isic_id descending.
			for (int i = 1; i < img.rowCount(); i++) assertTrue(img.getString(i - 1, 0).compareTo(img.getString(i, 0)) > 0);
		}
	}

	@Test
	void everyRareCaseIsThereAndLooksAsNamed(@TempDir Path tmp) throws Exception {
		Path ds = tmp.resolve("ds");
		SyntheticDataset.generate(ds, SyntheticDataset.Options.synthetic(9, 0.05, 7).withImages(false), ProgressMonitor.NONE);
		Table cases = CsvTables.read(ds.resolve("edge_cases.csv"));
		Map<String, String> byCase = new TreeMap<>();
		for (int i = 0; i < cases.rowCount(); i++) byCase.put(cases.getString(i, 1), cases.getString(i, 0));
		assertEquals(List.of("border", "empty", "full", "hole", "island", "tiny", "zero_overlap"), List.copyOf(byCase.keySet()));
		try (Dataset d = Dataset.load(DatasetPaths.of(ds), true)) {
			List<BinaryMask> empty = masks(d, byCase.get("empty"));
			assertEquals(0, empty.get(empty.size() - 1).count());
			List<BinaryMask> full = masks(d, byCase.get("full"));
			assertEquals(full.get(0).size(), full.get(full.size() - 1).count());
			List<BinaryMask> tiny = masks(d, byCase.get("tiny"));
			assertEquals(9, tiny.get(tiny.size() - 1).count());
			assertTrue(enclosedBackground(masks(d, byCase.get("hole")).get(0)) > 0, "hole");
			assertTrue(components(masks(d, byCase.get("island")).get(0)) >= 2, "island");
			for (BinaryMask m : masks(d, byCase.get("border"))) assertTrue(touchesFrame(m), "border");
			List<BinaryMask> zero = masks(d, byCase.get("zero_overlap"));
			assertTrue(zero.get(0).count() > 0 && zero.get(1).count() > 0);
			assertEquals(0, intersection(zero.get(0), zero.get(1)), "zero overlap");
			// An ordinary image: annotators disagree, but overlap well.
			for (ImageGroup g : d.groups()) {
				if (byCase.containsValue(g.isicId())) continue;
				List<BinaryMask> ms = masks(d, g.isicId());
				double dice = 2.0 * intersection(ms.get(0), ms.get(1)) / (ms.get(0).count() + ms.get(1).count());
				assertTrue(dice > 0.6 && dice < 1.0, g.isicId() + " dice " + dice);
			}
		}
	}

	@Test
	void realSizesModeUsesThePublishedSubset(@TempDir Path tmp) throws Exception {
		// The whole subset as a plan (cheap), from the bundled table: the published counts and pixel total (spec §6.3).
		List<SyntheticDataset.ImagePlan> all = SyntheticDataset.plan(SyntheticDataset.Options.realSizes(1, 1));
		assertEquals(2394, all.size());
		assertEquals(5111, all.stream().mapToInt(p -> p.masks().size()).sum());
		assertEquals(53_486.3, all.stream().mapToLong(p -> p.pixels() * p.masks().size()).sum() / 1e6, 0.05);

		// A small fraction, scaled down, generated: ids, annotators (in order) and (scaled) sizes are the published ones.
		SyntheticDataset.Options o = new SyntheticDataset.Options(0, 0.02, 5, false, false, 2, true, 0.004, 0);
		Path ds = tmp.resolve("real");
		SyntheticDataset.Result res = SyntheticDataset.generate(ds, o, ProgressMonitor.NONE);
		assertEquals(9, res.images()); // floor(2,394 × 0.004), evenly spread
		SegMetadata published = SegMetadata.read(Fixtures.REFERENCE.resolve(DatasetPaths.SUBSET_METADATA), false);
		Map<String, List<String>> publishedAnnotators = new HashMap<>();
		for (ImageGroup g : Dataset.group(published.records().stream().filter(r -> !r.isConsensus()).toList())) {
			publishedAnnotators.put(g.isicId(), g.annotatorMasks().stream().map(r -> r.annotator() + r.tool() + r.skillLevel()).toList());
		}
		Table ref = CsvTables.read(Fixtures.REFERENCE.resolve(DatasetPaths.IMG_METADATA));
		try (Dataset d = Dataset.load(DatasetPaths.of(ds), true)) {
			assertEquals(ref.columns(), d.imageMetadata().columns());
			assertEquals(9, d.groups().size());
			for (ImageGroup g : d.groups()) {
				assertEquals(publishedAnnotators.get(g.isicId()), g.annotatorMasks().stream().map(r -> r.annotator() + r.tool() + r.skillLevel()).toList(), g.isicId());
				int row = rowOf(ref, g.isicId());
				BinaryMask m = d.masks().read(g.annotatorMasks().get(0).segFilename());
				assertEquals(Math.max(16, Math.round(Integer.parseInt(ref.getString(row, "pixels_x")) * 0.02)), m.width(), g.isicId());
				assertEquals(Math.max(16, Math.round(Integer.parseInt(ref.getString(row, "pixels_y")) * 0.02)), m.height(), g.isicId());
				assertEquals(m.width(), d.imageMetadata().getInt(g.isicId(), "pixels_x").getAsInt());
				assertEquals(ref.getString(row, "benign_malignant"), d.imageMetadata().get(g.isicId(), "benign_malignant"), g.isicId());
			}
		}
	}

	private static int rowOf(Table t, String id) {
		for (int i = 0; i < t.rowCount(); i++) if (t.getString(i, 0).equals(id)) return i;
		throw new AssertionError(id);
	}

	private static List<BinaryMask> masks(Dataset d, String isicId) throws Exception {
		List<BinaryMask> out = new java.util.ArrayList<>();
		for (SegRecord r : d.group(isicId).annotatorMasks()) out.add(d.masks().read(r.segFilename()));
		return out;
	}

	private static long intersection(BinaryMask a, BinaryMask b) {
		long n = 0;
		for (int i = 0; i < a.data().length; i++) n += a.data()[i] & b.data()[i];
		return n;
	}

	private static boolean touchesFrame(BinaryMask m) {
		for (int x = 0; x < m.width(); x++) if (m.get(x, 0) || m.get(x, m.height() - 1)) return true;
		for (int y = 0; y < m.height(); y++) if (m.get(0, y) || m.get(m.width() - 1, y)) return true;
		return false;
	}

	/** 8-connected foreground components. */
	private static int components(BinaryMask m) {
		return label(m, true, 8, false);
	}

	/** Background pixels not 4-connected to the frame: holes. */
	private static int enclosedBackground(BinaryMask m) {
		return label(m, false, 4, true);
	}

	private static int label(BinaryMask m, boolean value, int conn, boolean countEnclosedPixels) {
		int w = m.width(), h = m.height();
		boolean[] seen = new boolean[w * h];
		int comps = 0, enclosed = 0;
		for (int s = 0; s < w * h; s++) {
			if (seen[s] || (m.data()[s] != 0) != value) continue;
			comps++;
			boolean frame = false;
			int size = 0;
			ArrayDeque<Integer> q = new ArrayDeque<>();
			q.add(s);
			seen[s] = true;
			while (!q.isEmpty()) {
				int p = q.poll(), x = p % w, y = p / w;
				size++;
				if (x == 0 || y == 0 || x == w - 1 || y == h - 1) frame = true;
				for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) {
					if ((dx == 0 && dy == 0) || (conn == 4 && dx != 0 && dy != 0)) continue;
					int nx = x + dx, ny = y + dy;
					if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
					int n = ny * w + nx;
					if (!seen[n] && (m.data()[n] != 0) == value) {
						seen[n] = true;
						q.add(n);
					}
				}
			}
			if (!frame) enclosed += size;
		}
		return countEnclosedPixels ? enclosed : comps;
	}

	private static Map<String, byte[]> files(Path root) throws Exception {
		Map<String, byte[]> out = new TreeMap<>();
		try (Stream<Path> s = Files.walk(root)) {
			for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) out.put(root.relativize(p).toString(), Files.readAllBytes(p));
		}
		return out;
	}
}
