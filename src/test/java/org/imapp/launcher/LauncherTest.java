package org.imapp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.imapp.ij1.CommandKeys;
import org.imapp.ij1.CommandsTest;
import org.imapp.ij1.FixtureInputs;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandInfo;

/**
 * The launcher's contract: {@code run} and {@code macro} subcommands, exit status 0/1/2 and a
 * one-line error naming the problem (unknown key, missing dataset, ISIC id not in the dataset).
 */
class LauncherTest {

	private static HeadlessImageJ ij;
	private static Path data;

	@TempDir
	static Path tmp;

	@BeforeAll
	static void start() throws Exception {
		ij = TestImageJ.start();
		data = TestImageJ.copyFixture(tmp);
	}

	@AfterAll
	static void stop() {
		ij.close();
	}

	private record Result(int status, String out, String err) {}

	private static Result imapp(String... args) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		int status = Imapp.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	private static void assertOneLineFailure(HeadlessImageJ.Outcome o, String... parts) {
		assertFalse(o.ok(), "should fail");
		assertFalse(o.message().contains("\n"), "one line: " + o.message());
		for (String p : parts) assertTrue(o.message().contains(p), "'" + o.message() + "' should name " + p);
	}

	/**
	 * Every IMA++ command, run as {@code ./imapp run} runs it with otherwise valid fixture inputs,
	 * answers an unknown key, a missing dataset folder, an ISIC id not in the dataset and a title
	 * of no open image with one line naming the problem.
	 */
	@Test
	void everyCommandNamesBadInputInOneLine(@TempDir Path dir) throws Exception {
		FixtureInputs fx = FixtureInputs.create(dir);
		Path missing = dir.resolve("no such dataset");
		int datasets = 0, ids = 0, images = 0;
		try (Context ctx = new Context()) {
			List<CommandInfo> commands = CommandsTest.imappCommands(ctx);
			assertTrue(commands.size() >= 25, "commands: " + commands.size());
			for (CommandInfo info : commands) {
				CommandKeys keys = CommandKeys.of(info);
				String label = keys.label();
				Map<String, Object> good = fx.inputs(keys, dir.resolve("out " + label));
				assertOneLineFailure(ij.run(label, keys.toOptions(good) + " bogus_key=1"), label, "unknown key 'bogus_key'");
				if (info.getDelegateClassName().endsWith("BrowseDatasetCommand")) { // interactive only: says so before looking at inputs
					assertOneLineFailure(ij.run(label, keys.toOptions(good)), label, "needs a display");
					continue;
				}
				if (keys.key("dataset") != null) {
					Map<String, Object> v = new LinkedHashMap<>(good);
					v.put("dataset", missing.toFile());
					assertOneLineFailure(ij.run(label, keys.toOptions(v)), label, missing.toString());
					datasets++;
				}
				if (keys.key("isic_id") != null) {
					Map<String, Object> v = new LinkedHashMap<>(good);
					v.put("isic_id", "ISIC_9999999");
					assertOneLineFailure(ij.run(label, keys.toOptions(v)), label, "ISIC_9999999");
					ids++;
				}
				if (!keys.imageInputs().isEmpty()) {
					// The fixture images are open in this JVM only, not in the launcher's ImageJ: the first title is named.
					assertOneLineFailure(ij.run(label, keys.toOptions(good)), label, "no open image titled", keys.imageInputs().get(0) + "=");
					images++;
				}
			}
		}
		assertTrue(datasets >= 20 && ids >= 4 && images == 1, datasets + " dataset, " + ids + " isic_id, " + images + " image checks");
		Result r = imapp("run", "IMA++ Agreement Metrics", "dataset=[" + missing + "] output=[" + dir.resolve("o") + "]");
		assertEquals(1, r.status());
		assertEquals(1, r.err().strip().lines().count(), r.err());
	}

	@Test
	void unknownKeyIsNamed() {
		assertOneLineFailure(ij.run("IMA++ Export ROIs", "dataset=[" + data + "] output=[" + tmp.resolve("o1") + "] bogus_key=3"),
			"IMA++ Export ROIs", "unknown key 'bogus_key'");
	}

	@Test
	void missingDatasetFolderIsNamed() {
		Path missing = tmp.resolve("no such dataset");
		assertOneLineFailure(ij.run("IMA++ Show Annotations", "dataset=[" + missing + "] isic_id=ISIC_0015171"),
			"IMA++ Show Annotations", "Dataset folder not found", missing.toString());
		assertOneLineFailure(ij.run("IMA++ Export ROIs", "output=[" + tmp.resolve("o2") + "]"), "missing dataset=");
	}

	@Test
	void isicIdNotInTheDatasetIsNamed() {
		assertOneLineFailure(ij.run("IMA++ Show Annotations", "dataset=[" + data + "] isic_id=ISIC_9999999"),
			"ISIC id not in the dataset: ISIC_9999999");
		assertOneLineFailure(ij.run("IMA++ Import ROIs", "rois=[" + tmp.resolve("none.zip") + "] dataset=[" + data + "] isic_id=ISIC_0015171 output=[" + tmp + "]"),
			"ROI file not found");
	}

	@Test
	void badChoiceAndUnrecognizedCommandAreNamed() {
		assertOneLineFailure(ij.run("IMA++ Browse Dataset", "dataset=[" + data + "] order=sideways"), "order=sideways is not one of");
		assertOneLineFailure(ij.run("IMA++ No Such Command", ""), "Unrecognized command");
	}

	@Test
	void macroErrorsFailAndExitDoesNot(@TempDir Path dir) throws Exception {
		assertOneLineFailure(ij.runMacro("x = undefinedVariable + 1;", ""), "Undefined variable");
		assertTrue(ij.runMacro("exit();", "").ok(), "exit() ends a macro normally");
		HeadlessImageJ.Outcome afterFailure = ij.runMacro("run(\"IMA++ Export ROIs\", \"bogus=1\"); print(\"not reached\");", "");
		assertOneLineFailure(afterFailure, "unknown key 'bogus'");
		assertTrue(ij.runMacro("if (getArgument() != \"a b\") exit_with_error();", "a b").ok(), "argument passed through");
	}

	@Test
	void exitStatusAndStderr(@TempDir Path dir) throws Exception {
		Result ok = imapp("run", "IMA++ Export ROIs", "dataset=[" + data + "] output=[" + dir.resolve("rois") + "] isic_id=ISIC_0036108");
		assertEquals(0, ok.status(), ok.err());
		assertTrue(Files.isRegularFile(dir.resolve("rois/ISIC_0036108_RoiSet.zip")));

		Result bad = imapp("run", "IMA++ Export ROIs", "dataset=[" + data + "] output=[" + dir + "] isic_id=ISIC_0000001");
		assertEquals(1, bad.status());
		assertTrue(bad.err().contains("imapp: error: IMA++ Export ROIs: ISIC id not in the dataset: ISIC_0000001"), bad.err());

		Path macro = dir.resolve("m.ijm");
		Files.writeString(macro, "print(\"argument=\" + getArgument());\n");
		assertEquals(0, imapp("macro", macro.toString(), "x y").status());
		Result missing = imapp("macro", dir.resolve("missing.ijm").toString());
		assertEquals(1, missing.status());
		assertTrue(missing.err().contains("Macro file not found"), missing.err());

		assertEquals(2, imapp().status());
		assertEquals(2, imapp("frobnicate").status());
		assertEquals(2, imapp("run").status());
		Result help = imapp("help");
		assertEquals(0, help.status());
		assertTrue(help.out().contains("./imapp run") && help.out().contains("./imapp macro"), help.out());
	}

	@Test
	void macroStringEscaping() {
		assertEquals("a \\\"b\\\" c\\\\d", HeadlessImageJ.macroString("a \"b\" c\\d"));
	}
}
