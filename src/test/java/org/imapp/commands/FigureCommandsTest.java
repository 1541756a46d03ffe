package org.imapp.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.imapp.Fixtures;
import org.imapp.data.DatasetPaths;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.command.CommandModule;
import org.scijava.plugin.Plugin;

class FigureCommandsTest extends CommandTestBase {


	@Test
	void figuresCommandMakesEverythingOnTheFixtureAndListsWhatItSkipped(@TempDir Path tmp) throws Exception {
		Map<String, Object> args = new HashMap<>();
		args.put("dataset", Fixtures.SMALL.toFile());
		args.put("metrics", Fixtures.SMALL.resolve("expected/IAA_metrics.csv").toFile());
		args.put("output", tmp.toFile());
		CommandModule m = run(FiguresCommand.class, args);
		assertNull(m.getCancelReason());
		Table index = CsvTables.read(tmp.resolve("figures_index.csv"));
		assertEquals(8, index.rowCount());
		for (int i = 0; i < index.rowCount(); i++) {
			boolean overlap = index.getString(i, "figure").equals("IMA++ Figure Dataset Overlap");
			assertEquals(overlap ? "skipped" : "made", index.getString(i, "status").split(":")[0], index.getString(i, "figure"));
		}
		assertTrue(Files.exists(tmp.resolve("hard_cases/ISIC_0022678.png")));
		// Fixture: 24 images, each with 2–4 annotator masks; bars computed here from its metadata.
		Table bars = CsvTables.read(tmp.resolve("segmentations_per_image.csv"));
		Table seg = CsvTables.read(Fixtures.SMALL.resolve("metadata/" + DatasetPaths.SEG_METADATA));
		Map<String, Integer> perImage = new HashMap<>();
		for (int i = 0; i < seg.rowCount(); i++) perImage.merge(seg.getString(i, "img_filename"), 1, Integer::sum);
		Map<String, String> expected = new HashMap<>();
		for (int n : perImage.values()) expected.merge(Integer.toString(n), "1", (a, b) -> Integer.toString(Integer.parseInt(a) + 1));
		Map<String, String> got = new HashMap<>();
		for (int i = 0; i < bars.rowCount(); i++) got.put(bars.getString(i, 0), bars.getString(i, 1));
		assertEquals(expected, got);
	}

	@Test
	void singleFigureWithMissingInputFailsWithTheReason(@TempDir Path tmp) throws Exception {
		Map<String, Object> args = new HashMap<>();
		args.put("dataset", Fixtures.SMALL.toFile());
		args.put("metrics", Fixtures.SMALL.resolve("expected/IAA_metrics.csv").toFile());
		args.put("output", tmp.toFile());
		CommandModule m = run(DatasetOverlapFigureCommand.class, args);
		assertTrue(m.getCancelReason() != null && m.getCancelReason().contains("other datasets"), m.getCancelReason());
		args.remove("metrics");
		m = run(MalignancyFigureCommand.class, args);
		assertTrue(m.getCancelReason() != null && m.getCancelReason().contains("No pairwise metrics table"), m.getCancelReason());
	}

	@Test
	void splitCommandWritesCopiesWithSplitColumn(@TempDir Path tmp) throws Exception {
		Path img = Fixtures.SMALL.resolve("metadata/" + DatasetPaths.IMG_METADATA);
		byte[] before = Files.readAllBytes(img);
		Map<String, Object> args = new HashMap<>();
		args.put("dataset", Fixtures.SMALL.toFile());
		args.put("output", tmp.toFile());
		// Every key given: SciJava remembers parameter values between runs.
		args.put("seed", 3L);
		args.put("train_fraction", 0.7);
		args.put("val_fraction", 0.15);
		args.put("test_fraction", 0.15);
		args.put("ignore_malignancy", false);
		args.put("stratify_by_annotators", false);
		CommandModule m = run(SplitDatasetCommand.class, args);
		assertNull(m.getCancelReason());
		Table out = CsvTables.read(tmp.resolve(SplitDatasetCommand.IMG_OUT));
		Table in = CsvTables.read(img);
		assertEquals(in.rowCount(), out.rowCount());
		assertEquals(in.columnCount() + 1, out.columnCount());
		// Every original cell is kept; each image got a split; patients never straddle splits.
		Map<String, String> patientSplit = new HashMap<>();
		for (int i = 0; i < out.rowCount(); i++) {
			for (int c = 0; c < in.columnCount(); c++) assertEquals(in.getString(i, c), out.getString(i, c));
			String split = out.getString(i, "split");
			assertTrue(Set.of("train", "val", "test").contains(split), split);
			String p = out.getString(i, "patient_id");
			if (!p.isBlank()) assertEquals(patientSplit.computeIfAbsent(p, k -> split), split);
		}
		Table seg = CsvTables.read(tmp.resolve(SplitDatasetCommand.SEG_OUT));
		assertEquals(55, seg.rowCount());
		Table sizes = CsvTables.read(tmp.resolve(SplitDatasetCommand.SIZES_OUT));
		assertEquals("all", sizes.getString(3, "split"));
		assertEquals("24", sizes.getString(3, "images"));
		assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(img)));

		args.put("train_fraction", 0.9);
		m = run(SplitDatasetCommand.class, args);
		assertTrue(m.getCancelReason().contains("sum to 1"), m.getCancelReason());
		args.put("train_fraction", 0.7);
		assertNull(run(SplitDatasetCommand.class, args).getCancelReason());
	}

	@Test
	void pluginsConfigLabelsMatchTheCommands() throws Exception {
		Pattern line = Pattern.compile("Plugins>IMA\\+\\+, \"([^\"]+)\", org\\.imapp\\.ij1\\.LegacyCommand\\(\"([^\"]+)\"\\)");
		Set<String> figureLabels = new HashSet<>();
		for (String l : Files.readAllLines(Paths.get("plugins.config"))) {
			Matcher mt = line.matcher(l);
			if (!mt.matches()) continue;
			Class<?> c;
			try {
				c = Class.forName(mt.group(2));
			}
			catch (ClassNotFoundException e) {
				continue; // another helper's command, not on this branch
			}
			String menu = c.getAnnotation(Plugin.class).menuPath();
			assertEquals(mt.group(1), menu.substring(menu.lastIndexOf('>') + 1), mt.group(2));
			if (FigureCommand.class.isAssignableFrom(c)) figureLabels.add(mt.group(1));
		}
		assertEquals(9, figureLabels.size());
		for (org.imapp.figures.Figure f : org.imapp.figures.Figure.all()) assertTrue(figureLabels.contains(f.label()), f.label());
	}
}
