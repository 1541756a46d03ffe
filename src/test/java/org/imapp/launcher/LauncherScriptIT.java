package org.imapp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./imapp} script's start-up cache as a user meets it, in a copy of the launcher with
 * the packaged jar (so no Maven build runs): whatever the first run is (here {@code help}, which
 * loads almost nothing), the class-data-sharing archive is recorded from the fixed training run,
 * and a later dataset command then loads its IMA++, SciJava and patched ImageJ classes from it.
 */
class LauncherScriptIT {

	/** Only a guard against a hang, not a speed check. */
	private static final long TIMEOUT_MINUTES = 10;

	private record Run(int exit, String stdout, String stderr) {}

	private static Run imapp(Path root, Map<String, String> env, String... args) throws Exception {
		ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of("sh", root.resolve("imapp").toString()), Stream.of(args)).toList());
		pb.environment().putAll(env);
		Path out = Files.createTempFile(root, "out", ".txt"), err = Files.createTempFile(root, "err", ".txt");
		Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
			p.destroyForcibly();
			throw new AssertionError("./imapp " + String.join(" ", args) + " did not end in " + TIMEOUT_MINUTES + " minutes");
		}
		return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
	}

	/** A copy of {@code ./imapp} with the packaged jar and the runtime class path, as a build leaves them. */
	private static Path installedLauncher(Path tmp) throws Exception {
		Path root = tmp.resolve("imapp-root");
		Files.createDirectories(root.resolve("target"));
		Files.copy(Path.of("imapp"), root.resolve("imapp"));
		Path jar;
		try (Stream<Path> s = Files.list(Path.of("target"))) {
			jar = s.filter(p -> p.getFileName().toString().matches("IMAPP_Toolkit-[^-]+(-SNAPSHOT)?\\.jar")).findFirst()
				.orElseThrow(() -> new AssertionError("no plugin jar in target/: this test runs after mvn package"));
		}
		Files.copy(jar, root.resolve("target").resolve(jar.getFileName()));
		Files.writeString(root.resolve("target/classpath.txt"), String.join(":",
			TestImageJ.classpath().stream().filter(p -> p.toString().endsWith(".jar") && !p.getFileName().toString().startsWith("IMAPP_Toolkit")).map(Path::toString).toList()));

		return root;
	}

	@Test
	void archiveIsTrainedWhateverTheFirstRunIs(@TempDir Path tmp) throws Exception {
		Path root = installedLauncher(tmp);

		Run help = imapp(root, Map.of(), "help");
		assertEquals(0, help.exit(), help.stderr());
		assertTrue(help.stderr().contains("preparing the start-up cache"), help.stderr());
		Path archive = root.resolve("target/imapp-cache/classes.jsa");
		assertTrue(Files.isRegularFile(archive), "no archive after the first run: " + help.stderr());
		assertFalse(Files.exists(root.resolve("target/imapp-cache/training.lock")), "training lock left behind");

		Path data = TestImageJ.copyFixture(tmp);
		Path log = tmp.resolve("classes.log");
		Run run = imapp(root, Map.of("IMAPP_JAVA_OPTS", "-Xlog:class+load=info:file=" + log), "run", "IMA++ Agreement Metrics",
			"dataset=[" + data + "] output=[" + tmp.resolve("out") + "]");
		assertEquals(0, run.exit(), run.stderr());
		assertFalse(run.stderr().contains("preparing the start-up cache"), "archive recorded twice: " + run.stderr());
		List<String> lines = Files.readAllLines(log);
		for (String cls : List.of("org.imapp.runner.AgreementMetrics", "org.imapp.commands.AgreementMetricsCommand", "org.scijava.Context",
			"org.imapp.metrics.SurfaceDistances", "ij.macro.Interpreter")) {
			String line = lines.stream().filter(l -> l.contains(" " + cls + " source:")).findFirst()
				.orElseThrow(() -> new AssertionError(cls + " not loaded"));
			assertTrue(line.contains("shared objects file (top)"), cls + " not from the trained archive: " + line);
		}
		assertTrue(Files.isRegularFile(tmp.resolve("out").resolve(org.imapp.runner.AgreementMetrics.PAIRWISE_FILE)), "no pairwise table written");
	}

	/**
	 * A small dataset runs in the first, C1-only JVM; one whose masks declare more than
	 * {@link JitChoice#FULL_JIT_PIXELS} makes the launcher run the command again with the full JIT, and the exit status
	 * and messages are that run's.
	 */
	@Test
	void largeDatasetsRunAgainWithTheFullJit(@TempDir Path tmp) throws Exception {
		Path root = installedLauncher(tmp);
		Path small = TestImageJ.copyFixture(tmp);
		Run quick = imapp(root, Map.of(), "--timings", "run", "IMA++ Verify Integrity", "dataset=[" + small + "] output=[" + tmp.resolve("v1") + "]");
		assertEquals(0, quick.exit(), quick.stderr());
		assertTrue(quick.stderr().contains("; JIT quick;"), quick.stderr());

		Path large = tmp.resolve("large");
		Files.createDirectories(large);
		Files.move(small, large.resolve("data"));
		Path data = large.resolve("data");
		Path victim;
		try (Stream<Path> s = Files.list(data.resolve("segs"))) {
			victim = s.sorted().findFirst().orElseThrow();
		}
		Files.write(victim, org.imapp.mask.MaskLimitsTest.pngBomb(70000, 70000, 3));
		Run full = imapp(root, Map.of(), "--timings", "run", "IMA++ Mask QA", "dataset=[" + data + "] output=[" + tmp.resolve("qa") + "]");
		assertEquals(0, full.exit(), full.stderr());
		assertTrue(full.stderr().contains("; JIT full;"), full.stderr());
		assertTrue(full.stdout().contains(victim.getFileName().toString()) || full.stderr().contains(victim.getFileName().toString())
			|| Files.readString(tmp.resolve("qa").resolve("IMAplusplus_seg_metadata_qa_results.csv")).contains(victim.getFileName().toString()),
			"the oversized mask is not reported");
		Run failing = imapp(root, Map.of(), "run", "IMA++ Mask QA", "dataset=[" + data + "] output=[" + tmp.resolve("qa") + "] bogus_key=1");
		assertEquals(1, failing.exit(), failing.stderr());
		assertTrue(failing.stderr().contains("unknown key 'bogus_key'"), failing.stderr());
	}
}
