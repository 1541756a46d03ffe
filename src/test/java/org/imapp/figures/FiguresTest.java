package org.imapp.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.imageio.ImageIO;

import org.imapp.Fixtures;
import org.imapp.analysis.PairwiseMetrics;
import org.imapp.io.Md5;
import org.imapp.progress.ProgressMonitor;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Makes every figure from the published tables (and the hard cases from the small fixture) into
 * {@code target/figures/} for people to look at, and checks the CSV beside each figure against
 * values computed here from the reference files.
 */
class FiguresTest {

	static final Path OUT = Paths.get("target", "figures");
	static final Path PUBLISHED_OUT = OUT.resolve("published");
	static final Path FIXTURE_OUT = OUT.resolve("fixture");

	@TempDir
	static Path tmp;

	@BeforeAll
	static void makeAll() throws Exception {
		Path ds = tmp.resolve("published-dataset");
		Files.createDirectories(ds.resolve("metadata"));
		for (String f : List.of("IMAplusplus_seg_metadata.csv", "IMAplusplus_img_metadata.csv")) Files.copy(Fixtures.REFERENCE.resolve(f), ds.resolve("metadata").resolve(f));
		FigureInputs in = FigureInputs.resolve(ds.toFile(), Fixtures.REFERENCE.resolve(PairwiseMetrics.FILE_NAME).toFile(), null, PUBLISHED_OUT.toFile());
		Files.createDirectories(PUBLISHED_OUT);
		for (Figure f : Figure.all()) {
			if (f instanceof HardCaseFigure) continue;
			Figure.Result r = f.make(in, PUBLISHED_OUT, ProgressMonitor.NONE);
			assertTrue(r.preview().getWidth() > 100);
			for (Path p : r.files()) assertTrue(Files.size(p) > 0, p.toString());
			// The heat maps are three figures: each PNG has its image to show.
			if (f instanceof AgreementHeatmapFigure) assertEquals(3, r.previews().size());
			if (f instanceof AgreementHeatmapFigure) assertEquals(3, r.files().stream().filter(p -> p.toString().endsWith(".png")).count());
		}
		FigureInputs small = FigureInputs.resolve(Fixtures.SMALL.toFile(), Fixtures.SMALL.resolve("expected/IAA_metrics.csv").toFile(), null, FIXTURE_OUT.toFile());
		Files.createDirectories(FIXTURE_OUT);
		for (Figure f : Figure.all()) {
			if (f instanceof DatasetOverlapFigure) continue; // the fixture has no other datasets' id lists
			f.make(small, FIXTURE_OUT, ProgressMonitor.NONE);
		}
	}

	private static Table csv(Path p) throws Exception {
		return CsvTables.read(p);
	}

	@Test
	void everyFigureHasPngSvgAndCsv() throws Exception {
		for (String name : List.of("segmentations_per_image", "annotator_overlap", "dataset_overlap", "agreement_heatmap_tool", "agreement_heatmap_skill_level",
			"agreement_heatmap_annotator", "metric_distributions", "annotator_groups", "malignancy", "fosd_cdfs")) {
			Path png = PUBLISHED_OUT.resolve(name + ".png");
			assertTrue(ImageIO.read(png.toFile()).getWidth() > 500, name);
			String svg = Files.readString(PUBLISHED_OUT.resolve(name + ".svg"));
			assertTrue(svg.startsWith("<?xml") && svg.trim().endsWith("</svg>"), name);
			try (var s = Files.list(PUBLISHED_OUT)) {
				assertTrue(s.anyMatch(p -> p.getFileName().toString().startsWith(name) && p.toString().endsWith(".csv")), name);
			}
		}
	}

	@Test
	void segmentationBarsCsv() throws Exception {
		Table t = csv(PUBLISHED_OUT.resolve("segmentations_per_image.csv"));
		// Independently: masks per image from the raw seg metadata, consensus rows skipped.
		Table raw = csv(Fixtures.REFERENCE.resolve("IMAplusplus_seg_metadata.csv"));
		Map<String, Integer> perImage = new HashMap<>();
		for (int i = 0; i < raw.rowCount(); i++) {
			String a = raw.getString(i, "annotator");
			if (!a.equals("ST") && !a.equals("MV")) perImage.merge(raw.getString(i, "img_filename"), 1, Integer::sum);
		}
		Map<String, Long> expected = new HashMap<>();
		for (int n : perImage.values()) expected.merge(Integer.toString(n), 1L, Long::sum);
		Map<String, Long> got = new HashMap<>();
		for (int i = 0; i < t.rowCount(); i++) got.put(t.getString(i, "segmentations"), Long.parseLong(t.getString(i, "images")));
		assertEquals(expected, got);
		assertEquals(Map.of("1", 12573L, "2", 2130L, "3", 209L, "4", 51L, "5", 4L), got);
		assertEquals(List.of("segmentations", "images"), t.columns());
		assertEquals("1,12573\n", CsvTables.format(t).split("\n", 2)[1].substring(0, 8));
	}

	@Test
	void upsetCsvs() throws Exception {
		Table a = csv(PUBLISHED_OUT.resolve("annotator_overlap.csv"));
		assertEquals(57, a.rowCount());
		assertEquals("A01", a.getString(0, "intersection"));
		assertEquals("2452", a.getString(0, "size"));
		assertEquals("A00", a.getString(1, "intersection"));
		assertEquals("2319", a.getString(1, "size"));
		assertEquals("True", a.getString(0, "A01"));
		int row = -1;
		for (int i = 0; i < a.rowCount(); i++) if (a.getString(i, "intersection").equals("A00 & A03")) row = i;
		assertEquals("726", a.getString(row, "size"));
		Table sets = csv(PUBLISHED_OUT.resolve("annotator_overlap_set_sizes.csv"));
		assertEquals("A00", sets.getString(0, "category"));
		assertEquals("3286", sets.getString(0, "size"));
		Table o = csv(PUBLISHED_OUT.resolve("dataset_overlap.csv"));
		assertEquals(24, o.rowCount());
		assertEquals("IMA++", o.getString(0, "intersection"));
		assertEquals("11081", o.getString(0, "size"));
		long total = 0;
		for (int i = 0; i < o.rowCount(); i++) total += Long.parseLong(o.getString(i, "size"));
		// Every id of the nine sets lies in exactly one exact intersection.
		java.util.Set<String> ids = new java.util.HashSet<>();
		try (var dirs = Files.walk(Fixtures.REFERENCE.resolve("other-datasets"))) {
			for (Path p : (Iterable<Path>) dirs.filter(q -> q.toString().endsWith(".txt"))::iterator) ids.addAll(Files.readAllLines(p));
		}
		ids.addAll(Files.readAllLines(Fixtures.REFERENCE.resolve("ISIC_ids.txt")));
		assertEquals(ids.size(), total);
	}

	@Test
	void heatmapCsvReadsAsPublishedFigure() throws Exception {
		Table t = csv(PUBLISHED_OUT.resolve("agreement_heatmap_tool.csv"));
		Map<String, String> cells = new HashMap<>();
		for (int i = 0; i < t.rowCount(); i++) {
			if (!t.getString(i, "metric").equals("dice_score")) continue;
			String v = t.getString(i, "mean");
			cells.put(t.getString(i, "row_level") + "-" + t.getString(i, "col_level"), v.isEmpty() ? "" : String.format(java.util.Locale.ROOT, "%.2f", Double.parseDouble(v)));
		}
		Map<String, String> published = Map.ofEntries(Map.entry("T1-T1", "0.84"), Map.entry("T2-T1", "0.66"), Map.entry("T2-T2", "0.92"), Map.entry("T3-T1", "0.80"),
			Map.entry("T3-T2", "0.74"), Map.entry("T3-T3", "0.87"), Map.entry("MV-T1", "0.92"), Map.entry("MV-T2", "0.85"), Map.entry("MV-T3", "0.90"),
			Map.entry("ST-T1", "0.88"), Map.entry("ST-T2", "0.88"), Map.entry("ST-T3", "0.90"), Map.entry("ST-MV", "0.86"), Map.entry("MV-MV", ""), Map.entry("ST-ST", ""));
		assertEquals(published, cells);
		// The T2–T1 mean, computed here from the raw pairwise CSV.
		Table raw = csv(Fixtures.REFERENCE.resolve(PairwiseMetrics.FILE_NAME));
		double sum = 0;
		int n = 0;
		for (int i = 0; i < raw.rowCount(); i++) {
			String a = raw.getString(i, "tool1"), b = raw.getString(i, "tool2");
			if (a.equals("T1") && b.equals("T2") || a.equals("T2") && b.equals("T1")) {
				sum += raw.getDouble(i, "dice_score");
				n++;
			}
		}
		for (int i = 0; i < t.rowCount(); i++) {
			if (t.getString(i, "metric").equals("dice_score") && t.getString(i, "row_level").equals("T2") && t.getString(i, "col_level").equals("T1")) {
				assertEquals(sum / n, t.getDouble(i, "mean"), 1e-12);
				assertEquals(Integer.toString(n), t.getString(i, "pairs"));
			}
		}
		Table skill = csv(PUBLISHED_OUT.resolve("agreement_heatmap_skill_level.csv"));
		assertEquals(2 * 10, skill.rowCount());
		assertEquals(2 * 17 * 18 / 2, csv(PUBLISHED_OUT.resolve("agreement_heatmap_annotator.csv")).rowCount());
	}

	@Test
	void malignancyCsvs() throws Exception {
		Table g = csv(PUBLISHED_OUT.resolve("malignancy_groups.csv"));
		assertEquals("benign", g.getString(0, "group"));
		assertEquals("1880", g.getString(0, "n"));
		assertEquals("malignant", g.getString(1, "group"));
		assertEquals("505", g.getString(1, "n"));
		assertTrue(g.getDouble(1, "mean") < g.getDouble(0, "mean"));
		Table tests = csv(PUBLISHED_OUT.resolve("malignancy_tests.csv"));
		Map<String, Double> p = new HashMap<>();
		for (int i = 0; i < tests.rowCount(); i++) p.put(tests.getString(i, "test"), tests.getDouble(i, "p_value"));
		assertTrue(p.get("mann_whitney_u_malignant_lower") < 1e-6);
		assertTrue(p.get("kolmogorov_smirnov") < 1e-6);
		Table fosd = csv(PUBLISHED_OUT.resolve("fosd_cdfs.csv"));
		assertEquals(List.of("grid_value", "Malignant", "Benign", "published_Malignant", "published_Benign"), fosd.columns());
		assertEquals(100, fosd.rowCount());
		for (int i = 0; i < fosd.rowCount(); i++) assertEquals(fosd.getDouble(i, "published_Malignant"), fosd.getDouble(i, "Malignant"), 0.004);
	}

	@Test
	void groupAndDistributionCsvs() throws Exception {
		Table box = csv(PUBLISHED_OUT.resolve("annotator_groups.csv"));
		assertEquals("{A00, A03}", box.getString(0, "group"));
		assertEquals("726", box.getString(0, "images"));
		assertEquals("786", box.getString(0, "pairs"));
		assertEquals("{A02, A03, A04}", box.getString(14, "group"));
		assertEquals("177", box.getString(14, "pairs"));
		assertEquals(786 + 486 + 291 + 243 + 318 + 73 + 70 + 177, csv(PUBLISHED_OUT.resolve("annotator_groups_points.csv")).rowCount());
		Table h = csv(PUBLISHED_OUT.resolve("metric_distributions.csv"));
		long dice = 0;
		for (int i = 0; i < h.rowCount(); i++) if (h.getString(i, "metric").equals("dice_score")) dice += Long.parseLong(h.getString(i, "count"));
		assertEquals(3103, dice);
	}

	@Test
	void hardCasesOnTheFixture() throws Exception {
		Table t = csv(FIXTURE_OUT.resolve("hard_cases.csv"));
		assertEquals("ISIC_0022329.JPG", t.getString(0, "img_id"));
		assertTrue(t.rowCount() >= 11);
		for (int i = 0; i < t.rowCount(); i++) {
			String id = t.getString(i, "img_id").replace(".JPG", "");
			var img = ImageIO.read(FIXTURE_OUT.resolve("hard_cases").resolve(id + ".png").toFile());
			assertTrue(img.getWidth() > 400, id);
		}
		Table masks = csv(FIXTURE_OUT.resolve("hard_cases_masks.csv"));
		long zeroCaseMasks = 0;
		for (int i = 0; i < masks.rowCount(); i++) if (masks.getString(i, "img_id").equals("ISIC_0022678.JPG")) zeroCaseMasks++;
		assertEquals(3, zeroCaseMasks); // A00, A03, A08 in the fixture metadata
		assertTrue(Files.exists(FIXTURE_OUT.resolve("hard_cases.png")));
	}

	@Test
	void hardCasesWithoutMasksWriteTheSelectionAndSayWhy(@TempDir Path t) throws Exception {
		Path ds = t.resolve("ds");
		Files.createDirectories(ds.resolve("metadata"));
		Files.copy(Fixtures.SMALL.resolve("metadata/IMAplusplus_seg_metadata.csv"), ds.resolve("metadata/IMAplusplus_seg_metadata.csv"));
		FigureInputs in = FigureInputs.resolve(ds.toFile(), Fixtures.SMALL.resolve("expected/IAA_metrics.csv").toFile(), null, null);
		MissingInputException e = assertThrows(MissingInputException.class, () -> new HardCaseFigure().make(in, t, ProgressMonitor.NONE));
		assertTrue(e.getMessage().contains("masks"), e.getMessage());
		assertTrue(Files.exists(t.resolve("hard_cases.csv")));
		assertThrows(MissingInputException.class, () -> new DatasetOverlapFigure().make(in, t, ProgressMonitor.NONE));
		assertThrows(IllegalArgumentException.class, () -> FigureInputs.resolve(ds.toFile(), new File(t.toFile(), "nope.csv"), null, null));
	}

	/** Figures made several at once write the same bytes, index and callbacks as one by one. */
	@Test
	void parallelFigureSetMatchesOneThread(@TempDir Path t) throws Exception {
		List<Map<String, String>> runs = new ArrayList<>();
		List<List<String>> calls = new ArrayList<>();
		for (int threads : new int[] { 1, 3 }) {
			Path out = t.resolve("threads" + threads);
			Files.createDirectories(out);
			FigureInputs small = FigureInputs.resolve(Fixtures.SMALL.toFile(), Fixtures.SMALL.resolve("expected/IAA_metrics.csv").toFile(), null, out.toFile());
			List<String> called = new ArrayList<>();
			FigureSet.make(Figure.all(), small, out, ProgressMonitor.NONE, (f, r) -> called.add("made " + f.label()), (f, why) -> called.add("skipped " + f.label() + ": " + why),
				threads);
			Map<String, String> files = new TreeMap<>();
			try (var s = Files.walk(out)) {
				for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) files.put(out.relativize(p).toString(), Md5.of(p));
			}
			runs.add(files);
			calls.add(called);
		}
		assertTrue(runs.get(0).size() > 20 && runs.get(0).containsKey(FigureSet.INDEX_CSV) && runs.get(0).containsKey("hard_cases.png"), runs.get(0).keySet().toString());
		assertEquals(runs.get(0), runs.get(1));
		assertEquals(8, calls.get(0).size());
		assertTrue(calls.get(0).get(2).startsWith("skipped IMA++ Figure Dataset Overlap: "), calls.get(0).toString());
		assertEquals(calls.get(0), calls.get(1));
	}
}
