package org.imapp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import ij.ImagePlus;
import ij.WindowManager;
import ij.macro.Interpreter;
import ij.Macro;
import ij.plugin.frame.Recorder;

import org.imapp.ij1.CommandKeys;
import org.imapp.ij1.FixtureInputs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/**
 * What the Macro Recorder writes for each command, replayed, does what the dialog did: the
 * recorded string (built by ImageJ's own {@link Recorder} from the dialog's keys) parses back to
 * the same inputs, Fiji's {@link Macro#getValue} reads the same values from it, and
 * {@code run(label, recorded)} in the headless launcher writes the same files as running the
 * command with the inputs directly.
 */
class RecordingTest {

	/**
	 * Commands whose files are measurements (the benchmark writes wall times, throughput and
	 * memory), which differ between any two runs: for them the replay must write the same files,
	 * not the same bytes. Every other command is deterministic and compared byte for byte.
	 */
	private static final Set<String> TIMED = Set.of("IMA++ Benchmark");

	private static Context context;
	private static HeadlessImageJ ij;

	@BeforeAll
	static void start() {
		context = new Context();
		ij = TestImageJ.start();
	}

	@AfterAll
	static void stop() {
		ij.close();
		context.dispose();
	}

	private static List<CommandInfo> commands() {
		List<CommandInfo> out = new ArrayList<>();
		for (CommandInfo info : context.service(CommandService.class).getCommands()) {
			var p = info.getMenuPath();
			if (p != null && p.size() == 3 && p.get(1).getName().equals("IMA++")) out.add(info);
		}
		return out;
	}

	/** The string ImageJ's Recorder builds from the dialog's values. */
	private static String recorded(CommandKeys keys, Map<String, Object> values) {
		Recorder.resetCommandOptions();
		keys.record(values);
		String s = Recorder.getCommandOptions();
		Recorder.resetCommandOptions();
		return s == null ? "" : s;
	}

	@Test
	void recordedOptionsReplayToTheSameInputsAndFiles(@TempDir Path tmp) throws Exception {
		FixtureInputs fx = FixtureInputs.create(tmp);
		int replayed = 0;
		for (CommandInfo info : commands()) {
			CommandKeys keys = CommandKeys.of(info);
			Path recordedOut = tmp.resolve("replayed " + keys.label());
			Map<String, Object> values = fx.inputs(keys, recordedOut);
			String options = recorded(keys, values);
			assertEquals(keys.toOptions(values), options, keys.label());

			// Our bridge and Fiji's macro preprocessor read the same values back.
			Map<String, Object> parsed = keys.fromOptions(options);
			for (CommandKeys.Key k : keys.keys()) {
				assertEquals(normal(values.get(k.name()), k), normal(parsed.get(k.name()), k), keys.label() + ": " + k.name());
				String text = CommandKeys.text(k, values.get(k.name()));
				if (text != null && !text.isEmpty()) assertEquals(text, Macro.getValue(options + " ", k.name(), null), keys.label() + ": Macro.getValue of " + k.name());
			}
			if (info.getDelegateClassName().endsWith("BrowseDatasetCommand")) continue; // interactive only

			boolean opens = !keys.imageInputs().isEmpty() || values.containsKey("raters");
			HeadlessImageJ.Outcome o = opens ? ij.runMacro(openThenRun(keys, values, options), "") : ij.run(keys.label(), options);
			assertTrue(o.ok(), keys.label() + " replay failed: " + o.message() + "\noptions: " + options);
			Path directOut = tmp.resolve("direct " + keys.label());
			Map<String, Object> direct = new LinkedHashMap<>(values);
			if (direct.containsKey("output")) direct.put("output", directOut.toFile());
			CommandModule m = (CommandModule) context.service(CommandService.class).run(info, true, direct).get();
			Interpreter.batchMode = false; // set by FixtureInputs.openRaters
			assertNull(m.getCancelReason(), keys.label());
			if (values.containsKey("output")) {
				Map<String, String> a = contents(recordedOut), b = contents(directOut);
				assertTrue(!a.isEmpty(), keys.label() + " wrote nothing");
				if (TIMED.contains(keys.label())) assertEquals(b.keySet(), a.keySet(), keys.label() + ": replayed and direct runs wrote different files");
				else assertEquals(b, a, keys.label() + ": replayed and direct runs wrote different files");
			}
			replayed++;
		}
		assertTrue(replayed >= 5, "replayed " + replayed + " commands");
	}

	/** A macro that opens the command's input images from their files (so the recorded titles name open images), then replays. */
	private static String openThenRun(CommandKeys keys, Map<String, Object> values, String options) {
		StringBuilder m = new StringBuilder("setBatchMode(true);\n");
		List<ImagePlus> images = new java.util.ArrayList<>();
		for (String name : keys.imageInputs()) images.add((ImagePlus) values.get(name));
		// Consensus from Open Images names its raters by title: open the files behind those titles.
		if (values.get("raters") instanceof String titles) {
			for (String t : titles.replace("[", "").replace("]", "").split(",")) images.add(WindowManager.getImage(t.trim()));
		}
		for (ImagePlus imp : images) {
			ij.io.FileInfo fi = imp.getOriginalFileInfo();
			m.append("open(\"").append(HeadlessImageJ.macroString(Path.of(fi.directory, fi.fileName).toString())).append("\");\n");
		}
		return m.append("run(\"").append(HeadlessImageJ.macroString(keys.label())).append("\", \"").append(HeadlessImageJ.macroString(options)).append("\");\n").toString();
	}

	private static Object normal(Object v, CommandKeys.Key k) {
		if (v instanceof File f) return f.getAbsolutePath();
		if (v instanceof ImagePlus imp) return imp.getTitle();
		if (k.isBoolean()) return Boolean.TRUE.equals(v);
		return v;
	}

	/** Every file's content under a folder (zip files by entry, as their timestamps differ). */
	private static Map<String, String> contents(Path dir) throws IOException {
		Map<String, String> m = new TreeMap<>();
		if (!Files.isDirectory(dir)) return m;
		try (Stream<Path> s = Files.walk(dir)) {
			for (Path p : (Iterable<Path>) s::iterator) {
				if (!Files.isRegularFile(p)) continue;
				String name = dir.relativize(p).toString();
				if (name.endsWith(".zip")) {
					try (ZipInputStream z = new ZipInputStream(Files.newInputStream(p))) {
						ZipEntry e;
						while ((e = z.getNextEntry()) != null) m.put(name + "!" + e.getName(), java.util.Base64.getEncoder().encodeToString(z.readAllBytes()));
					}
				}
				else m.put(name, java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(p)));
			}
		}
		return m;
	}
}
