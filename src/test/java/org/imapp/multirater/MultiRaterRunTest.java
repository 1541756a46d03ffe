package org.imapp.multirater;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.imapp.Fixtures;
import org.imapp.data.Manifest;
import org.imapp.data.MaskVolume;
import org.imapp.ij1.MaskStacks;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generic multi-rater runner on the 3-D fixture against ITK and medpy ({@code expected/}):
 * consensus masks voxel for voxel, STAPLE estimates and every pairwise metric at 1e-9 with the
 * same empty cells; bad masks named by manifest line and file, or reported by QA.
 */
public class MultiRaterRunTest {

	static final Path FIXTURE = Fixtures.MULTIRATER_3D;
	static final Path EXPECTED = FIXTURE.resolve("expected");

	@TempDir
	static Path shared;
	static Path out;
	static MultiRaterRun.Result result;

	@BeforeAll
	static void runFixture() throws Exception {
		out = shared.resolve("out");
		result = MultiRaterRun.run(Manifest.load(FIXTURE.resolve("manifest.csv")), MaskStacks.FILES, out, MultiRaterRun.Settings.all().with(
			org.imapp.consensus.Staple.Parameters.DEFAULT, null, Double.NaN, 2), null);
	}

	/** Consensus masks voxel-identical to ITK's, written with the volume's calibration (volumes.csv). */
	public static void assertConsensusAsItk(Path consensusDir) throws Exception {
		Table volumes = CsvTables.read(FIXTURE.resolve("volumes.csv"));
		for (int r = 0; r < volumes.rowCount(); r++) {
			String id = volumes.getString(r, "image_id");
			double[] spacing = { volumes.getDouble(r, "spacing_x"), volumes.getDouble(r, "spacing_y"), volumes.getDouble(r, "spacing_z") };
			for (String kind : List.of("ST", "MV")) {
				MaskVolume expected = MaskStacks.FILES.read(EXPECTED.resolve("consensus").resolve(id + "_" + kind + ".tif"));
				MaskVolume actual = MaskStacks.FILES.read(consensusDir.resolve(MultiRaterRun.consensusFile(id, kind)));
				assertArrayEquals(expected.dimensions(), actual.dimensions(), id + " " + kind);
				assertArrayEquals(expected.image().update(null).getCurrentStorageArray(), actual.image().update(null).getCurrentStorageArray(), id + " " + kind);
				assertTrue(actual.binary(), id + " " + kind + ": 0/255");
				// ImageJ's TIFF writer stores 1/spacing as a rational over 10^6: 0.7 comes back as 0.70000021.
				for (int d = 0; d < 3; d++) assertEquals(spacing[d], actual.spacing()[d], 1e-6 * spacing[d], id + " " + kind + " calibration");
				assertEquals("mm", actual.unit());
			}
		}
	}

	/** STAPLE's sensitivities and specificities at 1e-9 and iteration counts equal to ITK's. */
	public static void assertRatersAsItk(Path file) throws Exception {
		Table expected = CsvTables.read(EXPECTED.resolve("staple_raters.csv"));
		Table actual = CsvTables.read(file);
		assertEquals(expected.rowCount(), actual.rowCount());
		for (int r = 0; r < expected.rowCount(); r++) {
			for (String c : List.of("image_id", "rater")) assertEquals(expected.getString(r, c), actual.getString(r, c), "row " + r);
			String at = expected.getString(r, "image_id") + " " + expected.getString(r, "rater");
			assertEquals(expected.getDouble(r, "sensitivity"), actual.getDouble(r, "sensitivity"), 1e-9, at);
			assertEquals(expected.getDouble(r, "specificity"), actual.getDouble(r, "specificity"), 1e-9, at);
			assertEquals(expected.getString(r, "iterations"), actual.getString(r, "iterations"), at);
		}
	}

	/** Every pair medpy scored, in its order, each metric within 1e-9 (relative above 1) and empty where medpy's is. */
	public static void assertPairsAsMedpy(Path file) throws Exception {
		Table expected = CsvTables.read(EXPECTED.resolve("pairwise_metrics.csv"));
		Table actual = CsvTables.read(file);
		assertEquals(expected.rowCount(), actual.rowCount());
		int empty = 0;
		for (int r = 0; r < expected.rowCount(); r++) {
			for (String c : List.of("image_id", "rater1", "rater2")) assertEquals(expected.getString(r, c), actual.getString(r, c), "row " + r);
			String at = expected.getString(r, "image_id") + " " + expected.getString(r, "rater1") + "-" + expected.getString(r, "rater2");
			for (String m : List.of("dice", "jaccard", "hd", "hd95", "assd")) {
				String e = expected.getString(r, m), a = actual.getString(r, m);
				if (e.isEmpty()) {
					empty++;
					assertEquals("", a, at + " " + m + " should be empty");
					continue;
				}
				double ev = Double.parseDouble(e);
				assertEquals(ev, Double.parseDouble(a), 1e-9 * Math.max(1, Math.abs(ev)), at + " " + m);
			}
		}
		assertEquals(6, empty, "the fixture's empty rater: 2 pairs x 3 distances");
	}

	@Test
	void consensusMasksAreItks() throws Exception {
		assertConsensusAsItk(out.resolve("consensus"));
	}

	@Test
	void stapleEstimatesAreItks() throws Exception {
		assertRatersAsItk(out.resolve(MultiRaterRun.RATERS_CSV));
	}

	@Test
	void pairwiseMetricsAreMedpys() throws Exception {
		assertPairsAsMedpy(out.resolve(MultiRaterRun.PAIRWISE_CSV));
	}

	@Test
	void qaFindsTheEmptyRaterOnly() throws Exception {
		Table qa = CsvTables.read(out.resolve(MultiRaterRun.QA_CSV));
		assertEquals(1, qa.rowCount(), CsvTables.format(qa));
		assertEquals("VOL_005", qa.getString(0, "image_id"));
		assertEquals("R3", qa.getString(0, "rater"));
		assertEquals("Empty mask", qa.getString(0, "issue"));
		assertFalse(Files.exists(out.resolve(MultiRaterRun.SKIPPED_CSV)));
	}

	/** The derived tables agree with the pairwise rows they come from (recomputed here by definition). */
	@Test
	void summaryTablesFollowFromThePairs() throws Exception {
		Table pairs = CsvTables.read(out.resolve(MultiRaterRun.PAIRWISE_CSV));
		Table image = CsvTables.read(out.resolve(MultiRaterRun.IMAGE_CSV));
		assertEquals(10, image.rowCount());
		Map<String, double[]> dice = new HashMap<>();
		for (int r = 0; r < pairs.rowCount(); r++) {
			double[] s = dice.computeIfAbsent(pairs.getString(r, "image_id"), k -> new double[2]);
			s[0] += pairs.getDouble(r, "dice");
			s[1]++;
		}
		for (int r = 0; r < image.rowCount(); r++) {
			double[] s = dice.get(image.getString(r, "image_id"));
			assertEquals(s[1], image.getDouble(r, "pairs"));
			assertEquals(s[0] / s[1], image.getDouble(r, "dice_mean"), 1e-12);
		}
		Table byGroup = CsvTables.read(out.resolve(MultiRaterRun.byGroupFile("group")));
		long total = 0;
		for (int r = 0; r < byGroup.rowCount(); r++) total += (long) byGroup.getDouble(r, "pairs");
		assertEquals(pairs.rowCount(), total);
		Table vs = CsvTables.read(out.resolve(MultiRaterRun.VS_CONSENSUS_CSV));
		assertEquals(2 * 37, vs.rowCount(), "each of the 37 raters against ST and MV");
		Table summary = CsvTables.read(out.resolve(MultiRaterRun.SUMMARY_CSV));
		assertEquals("Defined", summary.getString(6, ""));
		assertEquals(pairs.rowCount() - 2, summary.getDouble(6, "hd"), "hd undefined for the two pairs with the empty rater");
	}

	/** A cancel stops the run with CanceledException and writes no table (each consensus TIFF already written is complete). */
	@Test
	void canceledRunWritesNoTables(@TempDir Path tmp) throws Exception {
		java.util.concurrent.atomic.AtomicInteger reports = new java.util.concurrent.atomic.AtomicInteger();
		org.imapp.progress.ProgressMonitor cancelAfterFirst = new org.imapp.progress.ProgressMonitor() {
			@Override
			public void progress(long done, long total, String message) {
				if (done > 0) reports.incrementAndGet();
			}

			@Override
			public boolean isCanceled() {
				return reports.get() > 0;
			}
		};
		Manifest m = Manifest.load(FIXTURE.resolve("manifest.csv"));
		assertThrows(org.imapp.progress.CanceledException.class, () -> MultiRaterRun.run(m, MaskStacks.FILES, tmp, MultiRaterRun.Settings.all(), cancelAfterFirst));
		for (String f : List.of(MultiRaterRun.QA_CSV, MultiRaterRun.RATERS_CSV, MultiRaterRun.PAIRWISE_CSV, MultiRaterRun.SUMMARY_CSV)) {
			assertFalse(Files.exists(tmp.resolve(f)), f);
		}
		try (var files = Files.list(tmp.resolve(MultiRaterRun.CONSENSUS_FOLDER))) {
			for (Path f : (Iterable<Path>) files::iterator) {
				assertFalse(f.getFileName().toString().endsWith(".part"), "half-written " + f);
				assertTrue(MaskStacks.FILES.read(f).binary(), f.toString());
			}
		}
	}

	/** IMA++ Summarize Metrics' path: the derived tables made again from the written pairwise CSV are the same files. */
	@Test
	void derivedTablesFromThePairwiseCsvAreTheSameFiles(@TempDir Path tmp) throws Exception {
		Table pairs = CsvTables.read(out.resolve(MultiRaterRun.PAIRWISE_CSV));
		assertTrue(MultiRaterTables.isMultiRaterPairwise(pairs));
		assertEquals(List.of("group"), MultiRaterTables.groupColumns(pairs));
		MultiRaterTables.writeDerived(pairs, tmp);
		for (String f : List.of(MultiRaterRun.IMAGE_CSV, MultiRaterRun.SUMMARY_CSV, MultiRaterRun.byGroupFile("group"))) {
			assertEquals(Files.readString(out.resolve(f)), Files.readString(tmp.resolve(f)), f);
		}
	}

	/**
	 * 2-D PNG masks through a manifest: the IMA++ fixture's multi-annotator images listed generically
	 * (rater = mask file) give ITK's consensus masks and medpy's pairwise values of {@code synthetic-small/expected}.
	 */
	@Test
	void twoDimensionalPngMasksMatchTheImappFixture(@TempDir Path tmp) throws Exception {
		Path small = Fixtures.SMALL;
		Table seg = CsvTables.read(small.resolve("metadata/IMAplusplus_seg_metadata.csv"));
		Map<String, List<String>> byImage = new java.util.LinkedHashMap<>();
		for (int r = 0; r < seg.rowCount(); r++) byImage.computeIfAbsent(seg.getString(r, "ISIC_id"), k -> new java.util.ArrayList<>()).add(seg.getString(r, "seg_filename"));
		StringBuilder rows = new StringBuilder("image_id,rater,mask\n");
		for (var e : byImage.entrySet()) {
			if (e.getValue().size() < 2) continue;
			for (String f : e.getValue()) rows.append(e.getKey()).append(',').append(f).append(',').append(small.resolve("segs").resolve(f)).append('\n');
		}
		Files.writeString(tmp.resolve("manifest.csv"), rows);
		Path o = tmp.resolve("o");
		MultiRaterRun.run(Manifest.load(tmp.resolve("manifest.csv")), MaskStacks.FILES, o, MultiRaterRun.Settings.all(), null);
		Table expected = CsvTables.read(small.resolve("expected/IAA_metrics.csv"));
		Table actual = CsvTables.read(o.resolve(MultiRaterRun.PAIRWISE_CSV));
		Map<String, Integer> row = new HashMap<>();
		for (int r = 0; r < actual.rowCount(); r++) row.put(actual.getString(r, "rater1") + "|" + actual.getString(r, "rater2"), r);
		int compared = 0;
		for (int r = 0; r < expected.rowCount(); r++) {
			String m1 = expected.getString(r, "mask1"), m2 = expected.getString(r, "mask2");
			Integer a = row.containsKey(m1 + "|" + m2) ? row.get(m1 + "|" + m2) : row.get(m2 + "|" + m1);
			if (a == null) continue; // a consensus pair
			for (String[] c : new String[][] { { "dice_score", "dice" }, { "jaccard_score", "jaccard" }, { "hd_score", "hd" }, { "hd95_score", "hd95" },
				{ "assd_score", "assd" } }) {
				String e = expected.getString(r, c[0]), v = actual.getString(a, c[1]);
				if (e.isEmpty()) assertEquals("", v, m1 + " " + m2 + " " + c[1]);
				else assertEquals(Double.parseDouble(e), Double.parseDouble(v), 1e-9 * Math.max(1, Math.abs(Double.parseDouble(e))), m1 + " " + m2 + " " + c[1]);
			}
			compared++;
		}
		assertEquals(actual.rowCount(), compared, "every annotator pair of the fixture compared");
		for (String id : byImage.keySet()) {
			if (byImage.get(id).size() < 2) continue;
			for (String k : List.of("ST", "MV")) {
				MaskVolume e = MaskStacks.FILES.read(small.resolve("expected/consensus").resolve(id + "_" + k + "_" + k + "_" + k + "_" + k + ".png"));
				MaskVolume v = MaskStacks.FILES.read(o.resolve("consensus").resolve(MultiRaterRun.consensusFile(id, k)));
				assertArrayEquals(e.image().update(null).getCurrentStorageArray(), v.image().update(null).getCurrentStorageArray(), id + " " + k);
			}
		}
	}

	private static Path manifest(Path dir, String... rows) throws Exception {
		Files.createDirectories(dir);
		Path f = dir.resolve("manifest.csv");
		Files.write(f, ("image_id,rater,mask\n" + String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8));
		return f;
	}

	private static String mask(String name) {
		return FIXTURE.resolve("masks").resolve(name).toString();
	}

	@Test
	void ratersOfDifferentSizesAreAnErrorNamingLineAndFile(@TempDir Path tmp) throws Exception {
		Manifest m = Manifest.load(manifest(tmp, "v,a," + mask("VOL_000_R1.tif"), "v,b," + mask("VOL_001_R1.tif")));
		var settings = MultiRaterRun.Settings.all().withSteps(false, true, true, true, true);
		String e = assertThrows(IllegalArgumentException.class, () -> MultiRaterRun.run(m, MaskStacks.FILES, tmp.resolve("o"), settings, null)).getMessage();
		assertTrue(e.startsWith("manifest.csv: line 3 ("), e);
		assertTrue(e.contains("VOL_001_R1.tif) is 47×68×35, but line 2 ("), e);
		assertTrue(e.contains("VOL_000_R1.tif) is 92×75×28: all raters of image v must have one size"), e);
		assertFalse(Files.exists(tmp.resolve("o").resolve(MultiRaterRun.PAIRWISE_CSV)));
	}

	@Test
	void withQaBadMasksAreIssuesAndTheirImageIsSkipped(@TempDir Path tmp) throws Exception {
		Path notImage = tmp.resolve("notes.tif");
		Files.writeString(notImage, "not an image");
		ij.ImagePlus grey = ij.IJ.createImage("grey", "8-bit black", 92, 75, 28);
		grey.getStack().getProcessor(3).set(10, 10, 1);
		grey.getStack().getProcessor(3).set(11, 10, 2);
		Path greyFile = tmp.resolve("grey.tif");
		MaskStacks.saveTiff(grey, greyFile);
		Manifest m = Manifest.load(manifest(tmp, "v,a," + mask("VOL_000_R1.tif"), "v,b," + mask("VOL_001_R1.tif"), "w,a," + mask("VOL_000_R1.tif"),
			"w,b," + greyFile, "w,c," + notImage));
		MultiRaterRun.Result r = MultiRaterRun.run(m, MaskStacks.FILES, tmp.resolve("o"), MultiRaterRun.Settings.all(), null);
		Table qa = CsvTables.read(tmp.resolve("o").resolve(MultiRaterRun.QA_CSV));
		String text = CsvTables.format(qa);
		assertEquals(3, qa.rowCount(), text);
		assertTrue(text.contains("v,b,") && text.contains("Size differs from the image's other raters: 47×68×35 vs 92×75×28 (a),high"), text);
		assertTrue(text.contains("w,b,grey.tif,\"Not binary: non-zero values 1, 2\",medium"), text);
		assertTrue(text.contains("w,c,notes.tif,File not found or not readable as an image: "), text);
		Table skipped = CsvTables.read(tmp.resolve("o").resolve(MultiRaterRun.SKIPPED_CSV));
		assertEquals(2, skipped.rowCount());
		assertEquals(0, r.computed());
	}
}
