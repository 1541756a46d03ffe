package org.imapp.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import ij.ImagePlus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;

import org.imapp.Fixtures;
import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/**
 * Every command of {@code plugins.config} run through SciJava's {@link CommandService} on a copy
 * of the small fixture, as a Fiji script runs it: it declares outputs, and each declared output
 * is filled with a real value — files that exist (the output folder is the one asked for and
 * holds the main CSV), images with pixels, counts equal to independent counts of the fixture or
 * of the tables written, and Compare Masks' metrics equal to medpy's for that pair.
 */
class CommandOutputsTest {

	private static Context context;

	/** The 3-D multi-rater fixture's manifest, for the commands' manifest= runs. */
	private static final Path MANIFEST = Fixtures.MULTIRATER_3D.resolve("manifest.csv");

	private static final Set<String> MANIFEST_RUNS = Set.of("IMA++ Consensus Masks", "IMA++ Agreement Metrics", "IMA++ Mask QA", "IMA++ Run Pipeline",
		"IMA++ Export ROIs");

	@BeforeAll
	static void start() {
		context = new Context(CommandService.class, StatusService.class);
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	@Test
	void everyCommandFillsItsDeclaredOutputs(@TempDir Path tmp) throws Exception {
		FixtureInputs fx = FixtureInputs.create(tmp);
		CommandService cs = context.service(CommandService.class);
		int images;
		try (Dataset ds = Dataset.load(DatasetPaths.of(fx.data))) {
			images = ds.multiAnnotatorGroups().size();
		}
		int checked = 0;
		for (var entry : CommandsTest.pluginsConfig().entrySet()) {
			String label = entry.getKey();
			CommandInfo info = cs.getCommand(entry.getValue());
			assertNotNull(info, entry.getValue());
			Set<String> declared = new TreeSet<>();
			for (ModuleItem<?> item : info.outputs()) declared.add(item.getName());
			assertFalse(declared.isEmpty(), label + " declares no ItemIO.OUTPUT");
			if (label.equals("IMA++ Browse Dataset") && GraphicsEnvironment.isHeadless()) continue; // needs a display: run under xvfb-run
			Set<String> filled = new LinkedHashSet<>();
			for (Map<String, Object> inputs : runs(CommandKeys.of(info), fx, tmp.resolve("out").resolve(label))) {
				CommandModule m = (CommandModule) cs.run(info, true, inputs).get();
				ij.macro.Interpreter.batchMode = false; // set by FixtureInputs.openRaters
				assertNull(m.getCancelReason(), label + " failed with " + inputs);
				for (String name : declared) {
					Object v = m.getOutput(name);
					if (v == null) continue;
					check(label, name, v, m, fx, images);
					filled.add(name);
				}
				CommandsTest.closeWindows();
			}
			assertEquals(declared, new TreeSet<>(filled), label + ": outputs never filled");
			checked++;
		}
		assertTrue(checked >= 25, "commands checked: " + checked);
	}

	/**
	 * Outputs are no macro keys (so no dialog field or Recorder entry), and the README's tables
	 * list exactly each command's outputs ("Scripting: outputs") and keys ("Every command's macro keys").
	 */
	@Test
	void outputsAreNotKeysAndTheReadmeListsOutputsAndKeys() throws Exception {
		CommandService cs = context.service(CommandService.class);
		Map<String, List<String>> outputsInReadme = readmeTable("### Scripting: outputs");
		Map<String, List<String>> keysInReadme = readmeTable("### Every command's macro keys");
		for (var entry : CommandsTest.pluginsConfig().entrySet()) {
			String label = entry.getKey();
			CommandInfo info = cs.getCommand(entry.getValue());
			CommandKeys keys = CommandKeys.of(info);
			List<String> keyNames = keys.keys().stream().map(CommandKeys.Key::name).toList();
			List<String> outputs = new ArrayList<>();
			for (ModuleItem<?> item : info.outputs()) {
				outputs.add(item.getName());
				assertFalse(keyNames.contains(item.getName()), label + ": output " + item.getName() + " is also a macro key");
				assertTrue(CommandKeys.SNAKE_CASE.matcher(item.getName()).matches(), label + ": output not snake_case: " + item.getName());
			}
			assertEquals(keyNames, keysInReadme.get(label), label + ": README's macro keys");
			String row = outputsInReadme.containsKey(label) ? label : label.startsWith("IMA++ Figure") ? "IMA++ Figures" : label;
			assertEquals(new TreeSet<>(outputs), new TreeSet<>(outputsInReadme.getOrDefault(row, List.of())), label + ": README's outputs");
		}
	}

	/** The rows {@code | `IMA++ Xyz` | `a` `b` … |} of the README table under {@code heading}: label → the back-quoted names of the second column. */
	private static Map<String, List<String>> readmeTable(String heading) throws Exception {
		List<String> lines = Files.readAllLines(Path.of("README.md"));
		int i = lines.indexOf(heading);
		assertTrue(i >= 0, "README has no " + heading);
		Map<String, List<String>> out = new LinkedHashMap<>();
		java.util.regex.Pattern quoted = java.util.regex.Pattern.compile("`([^`]+)`");
		for (i++; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
			String[] cells = lines.get(i).split("\\|");
			if (cells.length < 3 || !cells[1].trim().startsWith("`IMA++")) continue;
			List<String> names = new ArrayList<>();
			for (var m = quoted.matcher(cells[2]); m.find();) names.add(m.group(1));
			for (var m = quoted.matcher(cells[1]); m.find();) out.put(m.group(1), names);
		}
		return out;
	}

	/**
	 * The runs of a command: {@link FixtureInputs}' values, plus the dataset-wide run of Consensus
	 * Masks (its fixture run is the one-image one, {@code isic_id=}).
	 */
	private static List<Map<String, Object>> runs(CommandKeys keys, FixtureInputs fx, Path out) {
		List<Map<String, Object>> runs = new ArrayList<>();
		runs.add(fx.inputs(keys, out));
		if (keys.label().equals("IMA++ Consensus Masks")) {
			Map<String, Object> all = new LinkedHashMap<>(fx.inputs(keys, out.resolveSibling(keys.label() + " all")));
			all.put("isic_id", "");
			runs.add(all);
		}
		if (MANIFEST_RUNS.contains(keys.label())) {
			Map<String, Object> manifest = new LinkedHashMap<>(fx.inputs(keys, out.resolveSibling(keys.label() + " manifest")));
			manifest.put("dataset", null);
			if (manifest.containsKey("consensus")) manifest.put("consensus", null);
			manifest.put("manifest", MANIFEST.toFile());
			if (manifest.containsKey("isic_id")) manifest.put("isic_id", "");
			runs.add(manifest);
		}
		return runs;
	}

	/** One output value is real: see the class comment. Every numeric output needs a case here. */
	private static void check(String label, String name, Object v, CommandModule m, FixtureInputs fx, int images) throws Exception {
		String what = label + ": " + name;
		File folder = (File) m.getOutput("output_folder");
		Table table = m.getOutput("table_csv") instanceof File f ? CsvTables.read(f.toPath()) : null;
		if (v instanceof File f && name.equals("output_folder")) {
			assertTrue(f.isDirectory(), what + " " + f);
			assertEquals(((File) m.getInput("output")).getAbsoluteFile().toPath().normalize(), f.toPath(), what);
		}
		else if (v instanceof File f && name.equals("table_csv")) {
			assertTrue(f.isFile(), what + " " + f);
			assertTrue(f.toPath().startsWith(folder.toPath()), what + " " + f + " is not in " + folder);
			assertTrue(f.getName().endsWith(".csv"), what + " " + f);
			assertTrue(table.rowCount() > 0 || label.equals("IMA++ Mask QA"), what + " has no rows");
		}
		else if (v instanceof ImagePlus imp) assertTrue(imp.getWidth() > 1 && imp.getHeight() > 1 && imp.getProcessor() != null, what);
		else if (v instanceof String s && name.equals("img_id")) assertEquals(FixtureInputs.IMAGE, s, what);
		else if (v instanceof Number n) assertEquals(expected(label, name, m, fx, images, table), n.doubleValue(), 1e-9, what);
		else fail(what + ": an output without a check: " + v);
	}

	/** The value a numeric output must have, from the fixture, medpy or the tables written. */
	private static double expected(String label, String name, CommandModule m, FixtureInputs fx, int images, Table table) throws Exception {
		boolean oneImage = m.getInputs().get("isic_id") instanceof String id && !id.isBlank();
		if (m.getInputs().get("manifest") != null) {
			java.util.Set<String> ids = new java.util.HashSet<>();
			Table manifest = CsvTables.read(MANIFEST);
			for (int r = 0; r < manifest.rowCount(); r++) ids.add(manifest.getString(r, "image_id"));
			images = ids.size();
		}
		return switch (label + " " + name) {
			case "IMA++ Compare Masks dice", "IMA++ Compare Masks jaccard", "IMA++ Compare Masks hd", "IMA++ Compare Masks hd95", "IMA++ Compare Masks assd",
				"IMA++ Compare Masks hd_normalized", "IMA++ Compare Masks hd95_normalized", "IMA++ Compare Masks assd_normalized" ->
				medpy(fx, name.replace("_normalized", "_score_normalized").replaceAll("^(dice|jaccard|hd|hd95|assd)$", "$1_score"));
			// NSD is not in medpy's table: the row the command showed, which the fixture test of Compare Masks checks by brute force.
			case "IMA++ Compare Masks nsd" -> ((org.imapp.commands.CompareMasksCommand) m.getCommand()).comparison().getDouble(0, "nsd_score");
			case "IMA++ Load Metadata rows" -> CsvTables.read(fx.data.resolve("metadata/IMAplusplus_seg_metadata.csv")).rowCount();
			case "IMA++ Load Metadata invalid_rows" -> CsvTables.read(((File) m.getOutput("output_folder")).toPath().resolve("IMAplusplus_metadata_problems.csv")).rowCount();
			case "IMA++ Create Multi-annotator Subset rows" -> CsvTables.read(fx.data.resolve("metadata/IMAplusplus_multiannotator_subset_seg_metadata.csv")).rowCount();
			case "IMA++ Mask QA issues", "IMA++ Agreement Metrics pairs", "IMA++ Import ROIs masks_written" -> table.rowCount();
			case "IMA++ Consensus Masks images" -> oneImage ? 1 : images;
			case "IMA++ Run Pipeline images", "IMA++ Merge Results images", "IMA++ Browse Dataset images" -> images;
			case "IMA++ Export ROIs roi_sets" -> oneImage ? 1 : images;
			case "IMA++ Show Annotations roi_count" -> fx.imageRecords().size() + 2; // the annotators' masks, STAPLE and majority vote
			case "IMA++ Metadata Report syntactic_accuracy" ->
				CsvTables.read(((File) m.getOutput("output_folder")).toPath().resolve(org.imapp.qa.MetadataReport.ACCURACY_CSV)).getDouble(0, "syntactic_accuracy");
			case "IMA++ Figures figure_count" -> 8;
			// What the report says (pipeline.csv rounds the walls to ms; pipeline.json keeps the ratio whole), and its stages' walls give within that rounding.
			case "IMA++ Benchmark pipeline_over_decode_only" -> {
				File folder = (File) m.getOutput("output_folder");
				double ratio = ((Number) org.imapp.io.Json.object(org.imapp.io.Json.parse(Files.readString(folder.toPath().resolve("pipeline.json"))), "report")
					.get("pipeline_over_decode_only")).doubleValue();
				double decode = table.getDouble(rowOf(table, "decode_only"), "wall_s");
				assertEquals(table.getDouble(rowOf(table, "pipeline"), "wall_s") / decode, ratio, ratio * 0.0011 / decode + 1e-9, "pipeline.csv vs pipeline.json");
				yield ratio;
			}
			default -> {
				if (name.equals("figure_count")) yield 1;
				throw new AssertionError(label + ": no check for the numeric output " + name);
			}
		};
	}

	/** The row of {@code stage} in a benchmark table. */
	private static int rowOf(Table t, String stage) {
		for (int r = 0; r < t.rowCount(); r++) if (t.getString(r, "stage").equals(stage)) return r;
		throw new AssertionError("no stage " + stage);
	}

	/** A metric of the fixture pair FixtureInputs opens as mask1 and mask2, in medpy's table. */
	private static double medpy(FixtureInputs fx, String column) throws Exception {
		Table t = CsvTables.read(Fixtures.SMALL.resolve("expected/IAA_metrics.csv"));
		String a = fx.imageRecords().get(0).segFilename(), b = fx.imageRecords().get(1).segFilename();
		for (int r = 0; r < t.rowCount(); r++) {
			String m1 = t.getString(r, "mask1"), m2 = t.getString(r, "mask2");
			if (m1.equals(a) && m2.equals(b) || m1.equals(b) && m2.equals(a)) return t.getDouble(r, column);
		}
		throw new AssertionError("pair not in medpy's table: " + a + ", " + b);
	}
}
