package org.imapp.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite as a user installs it in plain ImageJ 1.x: an ImageJ folder made of {@code ij.jar}
 * (net.imagej:ij from the test class path) plus {@code target/ImageJ-install/}'s {@code plugins/}
 * and {@code jars/}, exactly as the README says, driven through ImageJ's own {@code -batch} entry
 * point in a child JVM. Runs after {@code package} (failsafe), under a display ({@code xvfb-run},
 * as CI): plain ImageJ 1.x needs one even in {@code -batch}.
 */
class ImageJInstallIT {

	private static final Path INSTALL = Path.of("target/ImageJ-install");
	/** Only a guard against a hang (the failure this test exists to catch), not a speed check. */
	private static final long TIMEOUT_MINUTES = 10;

	private static HeadlessImageJ launcher;

	@BeforeAll
	static void start() {
		assumeFalse(GraphicsEnvironment.isHeadless(),
			"No display: plain ImageJ 1.x -batch needs one; run under xvfb-run (as CI does). ImageJ install test skipped.");
		launcher = TestImageJ.start();
	}

	@AfterAll
	static void stop() {
		if (launcher != null) launcher.close();
	}

	/** ij.jar + the install folder's plugins/ and jars/, as the README's install section says. */
	static Path imageJFolder(Path tmp) throws IOException {
		assertTrue(Files.isDirectory(INSTALL.resolve("plugins")) && Files.isDirectory(INSTALL.resolve("jars")),
			INSTALL + " missing: this test runs after mvn package");
		Path ij = tmp.resolve("ImageJ");
		Files.createDirectories(ij);
		Path ijJar = TestImageJ.classpath().stream().filter(p -> p.getFileName().toString().matches("ij-1\\.\\d+\\w*\\.jar")).findFirst()
			.orElseThrow(() -> new AssertionError("net.imagej:ij not on the test class path"));
		Files.copy(ijJar, ij.resolve("ij.jar"));
		for (String sub : List.of("plugins", "jars")) {
			Files.createDirectories(ij.resolve(sub));
			try (Stream<Path> s = Files.list(INSTALL.resolve(sub))) {
				for (Path p : (Iterable<Path>) s::iterator) Files.copy(p, ij.resolve(sub).resolve(p.getFileName()));
			}
		}
		return ij;
	}

	record Run(int exit, String stdout, String stderr) {}

	/** {@code java -jar ij.jar -batch macro arg} in the ImageJ folder, as a user runs it. */
	static Run batch(Path ij, Path macro, String arg) throws Exception {
		List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
			"-Dplugins.dir=" + ij.toAbsolutePath(), "-jar", ij.resolve("ij.jar").toAbsolutePath().toString(), "-batch", macro.toAbsolutePath().toString()));
		if (arg != null) cmd.add(arg);
		ProcessBuilder pb = new ProcessBuilder(cmd).directory(ij.toFile());
		pb.environment().remove("IMAPP_SHARED"); // a user's ImageJ knows nothing of the test data
		Path out = Files.createTempFile(ij, "stdout", ".txt"), err = Files.createTempFile(ij, "stderr", ".txt");
		pb.redirectOutput(out.toFile()).redirectError(err.toFile());
		Process p = pb.start();
		if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
			p.destroyForcibly();
			fail("ImageJ -batch " + macro.getFileName() + " did not end (a modal dialog?); stderr: " + Files.readString(err));
		}
		return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
	}

	@Test
	void everyShippedMacroWritesWhatTheLauncherWrites(@TempDir Path tmp) throws Exception {
		Path ij = imageJFolder(tmp);
		Path data = TestImageJ.copyFixture(tmp);
		List<Path> macros;
		try (Stream<Path> s = Files.list(Path.of("macros"))) {
			macros = s.filter(p -> p.toString().endsWith(".ijm")).sorted().toList();
		}
		assertEquals(5, macros.size());
		for (Path macro : macros) {
			String name = macro.getFileName().toString().replace(".ijm", "");
			Path viaImageJ = tmp.resolve("imagej " + name), viaLauncher = tmp.resolve("launcher " + name);
			// The manifest macro reads the generic 3-D fixture; the others the IMA++ fixture.
			String input = name.equals("imapp_manifest") ? "manifest=[" + org.imapp.Fixtures.MULTIRATER_3D.resolve("manifest.csv").toAbsolutePath() + "]"
				: "dataset=[" + data + "]";
			String extra = name.equals("imapp_pipeline") || name.equals("imapp_consensus") || name.equals("imapp_manifest") ? ""
				: " consensus=[" + data.resolve("expected/consensus") + "]";
			Run r = batch(ij, macro, input + " output=[" + viaImageJ + "]" + extra);
			assertEquals(0, r.exit(), name + ": " + r.stderr());
			HeadlessImageJ.Outcome o = launcher.runMacroFile(macro, input + " output=[" + viaLauncher + "]" + extra);
			assertTrue(o.ok(), o.message());
			assertSameOutputs(viaLauncher, viaImageJ);
		}
	}

	@Test
	void batchModeMacroGetsImagesAndRois(@TempDir Path tmp) throws Exception {
		Path ij = imageJFolder(tmp);
		Path data = TestImageJ.copyFixture(tmp);
		int masks;
		try (Dataset d = Dataset.load(DatasetPaths.of(data))) {
			masks = (int) d.group("ISIC_0015171").annotatorMasks().stream().filter(r -> {
				try {
					return !d.masks().read(r.segFilename()).isEmpty();
				}
				catch (IOException e) {
					throw new java.io.UncheckedIOException(e);
				}
			}).count();
		}
		Path saved = tmp.resolve("saved mv.png");
		Path macro = tmp.resolve("batch.ijm");
		Files.writeString(macro, String.join("\n",
			"setBatchMode(true);",
			"dataset = getArgument();",
			"run(\"IMA++ Show Annotations\", \"dataset=[\" + dataset + \"] isic_id=ISIC_0015171\");",
			"print(\"A \" + nImages + \"|\" + getTitle() + \"|\" + roiManager(\"count\"));",
			"run(\"IMA++ Consensus Masks\", \"dataset=[\" + dataset + \"] isic_id=ISIC_0015171\");",
			"print(\"B \" + nImages + \"|\" + getTitle());",
			"saveAs(\"PNG\", \"" + HeadlessImageJ.macroString(saved.toString()) + "\");",
			""));
		Run r = batch(ij, macro, data.toString());
		assertEquals(0, r.exit(), r.stderr());
		assertTrue(r.stdout().contains("A 1|ISIC_0015171 annotations|" + masks), r.stdout());
		assertTrue(r.stdout().contains("B 4|ISIC_0015171_MV_MV_MV_MV.png"), r.stdout());
		assertEquals(org.imapp.mask.MaskIO.read(data.resolve("expected/consensus/ISIC_0015171_MV_MV_MV_MV.png")), org.imapp.mask.MaskIO.read(saved));
	}

	@Test
	void failingCommandEndsWithNonZeroExitAndItsMessageOnStderr(@TempDir Path tmp) throws Exception {
		Path ij = imageJFolder(tmp);
		Path macro = tmp.resolve("fail.ijm");
		Files.writeString(macro, "run(\"IMA++ Agreement Metrics\", \"dataset=[" + tmp.resolve("no such dataset") + "] output=[" + tmp.resolve("out")
			+ "]\");\nprint(\"AFTER THE FAILURE\");\n");
		Run r = batch(ij, macro, null);
		assertEquals(1, r.exit(), r.stdout() + r.stderr());
		assertTrue(r.stderr().contains("IMA++ Agreement Metrics: Dataset folder not found: " + tmp.resolve("no such dataset")), r.stderr());
		assertTrue(!r.stdout().contains("AFTER THE FAILURE"), "the macro went on after the failure");
	}

	@Test
	void benchmarkRunsWithNothingButTheInstalledJars(@TempDir Path tmp) throws Exception {
		Path ij = imageJFolder(tmp);
		for (Path q = ij.toAbsolutePath(); q != null; q = q.getParent()) assumeFalse(Files.exists(q.resolve("shared")), q + " has shared/ above it");
		Path out = tmp.resolve("bench out");
		Path macro = tmp.resolve("bench.ijm");
		Files.writeString(macro, "run(\"IMA++ Benchmark\", \"fraction=0.01 threads=2 output=[" + HeadlessImageJ.macroString(out.toString()) + "]\");\n");
		Run r = batch(ij, macro, null);
		assertEquals(0, r.exit(), r.stdout() + r.stderr());
		assertTrue(r.stdout().contains("fraction=0.01 of the multi-annotator subset -> 23 images, 50 annotator masks"), r.stdout());
		assertTrue(r.stdout().contains("pipeline / decode-only wall time:"), r.stdout());
		// Reports only (the data and the run are deleted unless keep), each stage a row.
		try (Stream<Path> s = Files.list(out)) {
			assertEquals(List.of("pipeline.csv", "pipeline.json"), s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList());
		}
		org.imapp.table.Table report = org.imapp.table.CsvTables.read(out.resolve("pipeline.csv"));
		List<String> stages = new ArrayList<>();
		for (int i = 0; i < report.rowCount(); i++) stages.add(report.getString(i, "stage"));
		assertTrue(stages.containsAll(List.of("generate", "decode_only", "encode_only", "pipeline", "pipeline:read", "pipeline:metrics", "pipeline:tables")), stages.toString());
	}

	/**
	 * The same files with the same bytes; RoiSet zips by entry (zip entries carry the time of
	 * writing), pipeline checkpoints and run records (which record timings) by name only.
	 */
	static void assertSameOutputs(Path expected, Path actual) throws IOException {
		Map<String, Path> e = files(expected), a = files(actual);
		assertEquals(e.keySet(), a.keySet(), "files of " + actual);
		assertTrue(!e.isEmpty());
		for (String rel : e.keySet()) {
			if (rel.startsWith(".checkpoint/")) continue;
			if (rel.endsWith(".zip")) assertEquals(zipEntries(e.get(rel)), zipEntries(a.get(rel)), rel);
			else assertArrayEquals(Files.readAllBytes(e.get(rel)), Files.readAllBytes(a.get(rel)), rel);
		}
	}

	private static Map<String, Path> files(Path dir) throws IOException {
		Map<String, Path> m = new TreeMap<>();
		try (Stream<Path> s = Files.walk(dir)) {
			for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) m.put(dir.relativize(p).toString(), p);
		}
		return m;
	}

	private static Map<String, String> zipEntries(Path zip) throws IOException {
		Map<String, String> m = new TreeMap<>();
		try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
			for (ZipEntry en; (en = z.getNextEntry()) != null;) m.put(en.getName(), org.imapp.io.Md5.of(z.readAllBytes()));
		}
		return m;
	}
}
