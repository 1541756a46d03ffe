package org.imapp.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Main class of the {@code ./imapp} launcher: runs IMA++ commands and macros in a headless,
 * in-process ImageJ (see {@link HeadlessImageJ}). Exit status 0 on success, 1 when the command or
 * macro failed (message on stderr), 2 on a usage error.
 * <p>
 * Must not touch any {@code ij.*} class: ImageJ is patched in its own class loader.
 */
public final class Imapp {

	private Imapp() {}

	/** The subcommands; others ({@code generate}, {@code sample}, ...) are added to this list. */
	static final List<Subcommand> SUBCOMMANDS = List.of(new SampleSubcommand(), new RunSubcommand(), new MacroSubcommand(), new CdsTraining());

	/** Set by {@code --timings}: where the start-up time went, on stderr. */
	private static StartupTimings timings;

	public static void main(String[] args) {
		System.setProperty("java.awt.headless", "true");
		List<String> words = Arrays.asList(args);
		if (!words.isEmpty() && words.get(0).equals("--timings")) {
			timings = StartupTimings.atMain();
			words = words.subList(1, words.size());
		}
		int status;
		try {
			status = JitChoice.needsFullJit(words) ? JitChoice.rerunWithFullJit(args) : run(words, System.out, System.err);
		}
		catch (Exception e) {
			System.err.println("imapp: " + e.getMessage());
			status = 1;
		}
		System.out.flush();
		System.err.flush();
		// Every output is written and closed by now (commands publish before they return), and no
		// shutdown hook is needed: halt skips the JVM's orderly shutdown, tens of ms of a short run.
		// (System.exit would also do: ImageJ and SciJava leave non-daemon threads behind.)
		// -Dimapp.orderlyExit=true keeps the shutdown for tools that write at exit (e.g. a JFR recording).
		if (Boolean.getBoolean("imapp.orderlyExit")) System.exit(status);
		Runtime.getRuntime().halt(status);
	}

	static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
		if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("-h") || args.get(0).equals("--help")) {
			usage(args.isEmpty() ? err : out);
			return args.isEmpty() ? 2 : 0;
		}
		for (Subcommand s : SUBCOMMANDS) {
			if (s.name().equals(args.get(0))) return s.run(args.subList(1, args.size()), out, err);
		}
		err.println("imapp: unknown subcommand '" + args.get(0) + "'");
		usage(err);
		return 2;
	}

	static void usage(PrintStream p) {
		p.println("Usage:");
		for (Subcommand s : SUBCOMMANDS) p.println("  ./imapp " + s.usage());
		p.println("  ./imapp --timings <subcommand> ...   also prints where the start-up time went (stderr)");
	}

	/** Runs ImageJ on this JVM's class path, reports the outcome, returns the exit status. */
	static int runInImageJ(PrintStream err, ImageJAction action) throws Exception {
		long before = System.nanoTime();
		HeadlessImageJ ij = HeadlessImageJ.start(HeadlessImageJ.jvmClasspath(), HeadlessImageJ.ownEntry());
		long started = System.nanoTime(), done;
		long[] context;
		HeadlessImageJ.Outcome o;
		try {
			ij.createContextInBackground();
			o = action.run(ij);
			done = System.nanoTime();
			context = ij.startupNanos();
		}
		finally {
			ij.close();
		}
		if (timings != null) timings.report(err, before, started, context, done, System.nanoTime());
		if (o.ok()) return 0;
		err.println("imapp: error: " + o.message());
		return 1;
	}

	@FunctionalInterface
	interface ImageJAction {
		HeadlessImageJ.Outcome run(HeadlessImageJ ij) throws Exception;
	}

	/** {@code run "<label>" ["<options>"]}: exactly {@code run(label, options)} in a macro. */
	static final class RunSubcommand implements Subcommand {
		@Override
		public String name() {
			return "run";
		}

		@Override
		public String usage() {
			return "run \"<command label>\" [\"<macro options>\"]   e.g. run \"IMA++ Export ROIs\" \"dataset=[/data/imapp] output=[/data/rois]\"";
		}

		@Override
		public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
			if (args.isEmpty() || args.size() > 2) {
				err.println("Usage: ./imapp " + usage());
				return 2;
			}
			return runInImageJ(err, ij -> ij.run(args.get(0), args.size() > 1 ? args.get(1) : ""));
		}
	}

	/** {@code macro <file.ijm> ["<argument>"]}: like {@code ImageJ --headless -batch}. */
	static final class MacroSubcommand implements Subcommand {
		@Override
		public String name() {
			return "macro";
		}

		@Override
		public String usage() {
			return "macro <file.ijm> [\"<argument>\"]        e.g. macro macros/imapp_pipeline.ijm \"dataset=[/data/imapp] output=[/data/results]\"";
		}

		@Override
		public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
			if (args.isEmpty() || args.size() > 2) {
				err.println("Usage: ./imapp " + usage());
				return 2;
			}
			List<String> rest = new ArrayList<>(args);
			Path file = Path.of(rest.get(0));
			return runInImageJ(err, ij -> ij.runMacroFile(file, rest.size() > 1 ? rest.get(1) : ""));
		}
	}

	/**
	 * {@code sample [dataset] [output]}: the README's first command. Runs {@code IMA++ Run Pipeline}
	 * headless on the sample dataset, generating it first when the folder holds none, and prints
	 * where the results are.
	 */
	static final class SampleSubcommand implements Subcommand {
		@Override
		public String name() {
			return "sample";
		}

		@Override
		public String usage() {
			return "sample [<dataset folder>] [<output folder>]   the whole pipeline on the sample dataset (default sample-data/, sample-output/)";
		}

		@Override
		public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
			if (args.size() > 2) {
				err.println("Usage: ./imapp " + usage());
				return 2;
			}
			Path data = Path.of(args.size() > 0 ? args.get(0) : "sample-data").toAbsolutePath().normalize();
			Path results = Path.of(args.size() > 1 ? args.get(1) : "sample-output").toAbsolutePath().normalize();
			String options = "dataset=[" + data + "] output=[" + results + "] sample";
			out.println("imapp: run(\"IMA++ Run Pipeline\", \"" + options + "\")");
			int status = runInImageJ(err, ij -> ij.run("IMA++ Run Pipeline", options));
			if (status != 0) return status;
			out.println("Results in " + results + ":");
			// Tables by name; folders of per-image files by count. Checkpoints (.checkpoint/) are left out.
			try (var top = java.nio.file.Files.list(results)) {
				for (Path p : top.sorted().toList()) {
					String name = p.getFileName().toString();
					if (name.startsWith(".")) continue;
					if (!java.nio.file.Files.isDirectory(p)) {
						out.println("  " + name);
						continue;
					}
					try (var inner = java.nio.file.Files.walk(p)) {
						List<Path> files = inner.filter(java.nio.file.Files::isRegularFile).toList();
						List<String> tables = files.stream().map(f -> p.relativize(f).toString()).filter(f -> f.endsWith(".csv") && !f.contains("/")).sorted().toList();
						out.println("  " + name + "/  (" + files.size() + " files)");
						if (tables.size() <= 6) for (String t : tables) out.println("    " + t);
						else out.println("    " + tables.size() + " tables, e.g. " + tables.get(tables.size() - 1));
					}
				}
			}
			return 0;
		}
	}
}
