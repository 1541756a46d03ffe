package org.imapp.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.imapp.data.SegRecord;
import org.imapp.mask.MaskIO;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * Every IMA++ command as Fiji finds and runs it: discovered through the SciJava plugin index
 * with its menu path under Plugins > IMA++, listed in plugins.config under the same label (the
 * ImageJ 1.x entry), with snake_case macro keys, and runnable from a parameter map.
 */
public class CommandsTest {

	private static final Pattern CONFIG_LINE = Pattern.compile(
		"^(Plugins>IMA\\+\\+), \"([^\"]+)\", org\\.imapp\\.ij1\\.LegacyCommand\\(\"([\\w.]+)\"\\)$");

	private static Context context;

	@BeforeAll
	static void start() {
		context = new Context();
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	/** The IMA++ commands SciJava discovers: menu path Plugins > IMA++ > leaf. */
	public static List<CommandInfo> imappCommands(Context ctx) {
		List<CommandInfo> out = new ArrayList<>();
		for (CommandInfo info : ctx.service(CommandService.class).getCommands()) {
			var path = info.getMenuPath();
			if (path != null && path.size() == 3 && path.get(0).getName().equals("Plugins") && path.get(1).getName().equals("IMA++")) out.add(info);
		}
		out.sort((a, b) -> a.getDelegateClassName().compareTo(b.getDelegateClassName()));
		return out;
	}

	/** label → class of each plugins.config line (lines other than comments must all match the format). */
	static Map<String, String> pluginsConfig() throws Exception {
		Map<String, String> out = new LinkedHashMap<>();
		for (String line : Files.readAllLines(Path.of("plugins.config"), StandardCharsets.UTF_8)) {
			if (line.isBlank() || line.startsWith("#")) continue;
			Matcher m = CONFIG_LINE.matcher(line);
			assertTrue(m.matches(), "plugins.config line not in the expected format: " + line);
			assertNull(out.put(m.group(2), m.group(3)), "label listed twice in plugins.config: " + m.group(2));
		}
		return out;
	}

	@Test
	void everyCommandIsIndexedAndHasAPluginsConfigLineWithTheSameLabel() throws Exception {
		List<CommandInfo> commands = imappCommands(context);
		List<String> names = commands.stream().map(CommandInfo::getDelegateClassName).toList();
		for (String mine : List.of("ExportRoisCommand", "ShowAnnotationsCommand", "BrowseDatasetCommand", "ImportRoisCommand", "LoadMetadataCommand")) {
			assertTrue(names.contains("org.imapp.commands." + mine), mine + " not discovered; found " + names);
		}
		// Discovery went through the annotation index that the jar ships.
		StringBuilder index = new StringBuilder();
		for (URL u : Collections.list(getClass().getClassLoader().getResources("META-INF/json/org.scijava.plugin.Plugin"))) {
			try (InputStream in = u.openStream()) {
				index.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		Map<String, String> config = pluginsConfig();
		for (CommandInfo info : commands) {
			String cls = info.getDelegateClassName();
			assertTrue(index.indexOf("\"" + cls + "\"") >= 0, cls + " missing from the plugin index");
			String label = CommandKeys.labelOf(info);
			assertTrue(label.startsWith("IMA++ "), cls + ": menu label should start with 'IMA++ ': " + label);
			assertEquals(label, info.getLabel(), cls + ": @Plugin label differs from the menu leaf");
			assertEquals(cls, config.get(label), "plugins.config has no line \"" + label + "\" for " + cls);
		}
		for (var e : config.entrySet()) {
			assertTrue(names.contains(e.getValue()), "plugins.config names a class that is not an IMA++ command: " + e.getValue());
		}
		assertEquals(commands.size(), config.size());
	}

	@Test
	void macroKeysAreSnakeCaseAndNoneHidesAnother() {
		for (CommandInfo info : imappCommands(context)) {
			CommandKeys keys = CommandKeys.of(info);
			List<String> names = keys.keys().stream().map(CommandKeys.Key::name).toList();
			for (String n : names) {
				assertTrue(CommandKeys.SNAKE_CASE.matcher(n).matches(), keys.label() + ": key not snake_case: " + n);
				// ImageJ's Macro.getValue (used by Fiji) finds "output=" inside "image_output=".
				for (String other : names) {
					assertFalse(!other.equals(n) && other.endsWith("_" + n), keys.label() + ": key " + n + " is a suffix of " + other);
				}
			}
		}
	}

	@Test
	void everyCommandRunsFromAParameterMap(@TempDir Path tmp) throws Exception {
		FixtureInputs fx = FixtureInputs.create(tmp);
		CommandService cs = context.service(CommandService.class);
		for (CommandInfo info : imappCommands(context)) {
			CommandKeys keys = CommandKeys.of(info);
			Path out = tmp.resolve("out").resolve(keys.label());
			Map<String, Object> inputs = fx.inputs(keys, out);
			CommandModule m = (CommandModule) cs.run(info, true, inputs).get();
			ij.macro.Interpreter.batchMode = false; // set by FixtureInputs.openRaters
			if (info.getDelegateClassName().endsWith("BrowseDatasetCommand") && GraphicsEnvironment.isHeadless()) {
				assertTrue(String.valueOf(m.getCancelReason()).contains("needs a display"), String.valueOf(m.getCancelReason()));
				continue;
			}
			assertNull(m.getCancelReason(), keys.label() + " failed with " + inputs);
			closeWindows();
		}
		// Outputs of this package's commands.
		assertTrue(Files.isRegularFile(tmp.resolve("out/IMA++ Export ROIs/" + FixtureInputs.IMAGE + "_RoiSet.zip")));
		assertTrue(Files.isRegularFile(tmp.resolve("out/IMA++ Show Annotations/" + FixtureInputs.IMAGE + "_annotations.png")));
		assertTrue(Files.isRegularFile(tmp.resolve("out/IMA++ Show Annotations/" + FixtureInputs.IMAGE + "_metrics.csv")));
		assertDatasetOverlapCounted(tmp.resolve("out/IMA++ Figure Dataset Overlap"), fx);
		// Import ROIs wrote the exported ROIs back as masks equal to the originals.
		for (SegRecord r : fx.imageRecords()) {
			Path back = tmp.resolve("out/IMA++ Import ROIs/" + r.segFilename());
			assertTrue(Files.isRegularFile(back), "not imported: " + back);
			assertEquals(MaskIO.read(fx.data.resolve("segs").resolve(r.segFilename())), MaskIO.read(back), r.segFilename());
		}
	}

	/**
	 * The dataset-overlap figure's tables count the real id lists: each other dataset's size is
	 * its number of distinct ids, IMA++'s is the fixture's images, and the exact intersections
	 * containing IMA++ partition those images.
	 */
	private static void assertDatasetOverlapCounted(Path out, FixtureInputs fx) throws Exception {
		Table sizes = CsvTables.read(out.resolve("dataset_overlap_set_sizes.csv"));
		Map<String, Long> size = new LinkedHashMap<>();
		for (int r = 0; r < sizes.rowCount(); r++) size.put(sizes.getString(r, "category"), (long) sizes.getDouble(r, "size"));
		long images;
		try (Dataset ds = Dataset.load(DatasetPaths.of(fx.data))) {
			images = ds.groups().size();
		}
		assertEquals(24, images);
		assertEquals(images, size.get("IMA++"));
		Set<String> ham = new HashSet<>();
		try (Stream<Path> s = Files.list(FixtureInputs.OTHER_DATASETS.resolve("HAM10000"))) {
			for (Path txt : (Iterable<Path>) s.filter(p -> p.toString().endsWith(".txt"))::iterator) {
				for (String line : Files.readAllLines(txt)) if (!line.isBlank()) ham.add(line.strip());
			}
		}
		assertTrue(ham.size() > 1000, "HAM10000 ids: " + ham.size());
		assertEquals((long) ham.size(), size.get("HAM10000"));
		assertEquals(9, size.size(), "IMA++ and the 8 other datasets: " + size.keySet());
		Table inter = CsvTables.read(out.resolve("dataset_overlap.csv"));
		long withImapp = 0;
		for (int r = 0; r < inter.rowCount(); r++) if (Boolean.parseBoolean(inter.getString(r, "IMA++"))) withImapp += (long) inter.getDouble(r, "size");
		assertEquals(images, withImapp);
	}

	static void closeWindows() throws Exception {
		if (GraphicsEnvironment.isHeadless()) return;
		// On the event thread: closeAllWindows holds WindowManager's lock while disposing, and a window
		// still being shown on the event thread (the browser's image) waits for that lock — a deadlock
		// when called from another thread.
		// Until none is left showing: a dialog of an earlier test may still be on its way to the
		// screen (a layout test that started with it placed its windows around it).
		for (int i = 0; i < 100; i++) {
			java.awt.EventQueue.invokeAndWait(() -> {
				ij.WindowManager.closeAllWindows();
				for (java.awt.Window w : java.awt.Window.getWindows()) if (w.isDisplayable() && !(w instanceof ij.ImageJ)) w.dispose();
			});
			java.awt.EventQueue.invokeAndWait(() -> {});
			boolean showing = false;
			for (java.awt.Window w : java.awt.Window.getWindows()) if (w.isShowing() && !(w instanceof ij.ImageJ)) showing = true;
			if (!showing) return;
			Thread.sleep(50);
		}
	}

	@Test
	void labelsAreFoundForCommandsNamedInPluginsConfig() throws Exception {
		CommandService cs = context.service(CommandService.class);
		for (String cls : pluginsConfig().values()) assertNotNull(cs.getCommand(cls), cls);
	}
}
