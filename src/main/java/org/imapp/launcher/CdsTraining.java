package org.imapp.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.imapp.progress.ProgressMonitor;
import org.imapp.synth.SyntheticDataset;

/**
 * {@code cds-training}: the workload {@code ./imapp} records its class-data-sharing archive from
 * (once per build). The archive holds the classes a run loaded, so it must come from a run that
 * loads what real runs load: a tiny generated dataset through the dataset commands, not whatever
 * the first user run happens to be (an {@code ./imapp help} would leave an archive of almost nothing).
 */
final class CdsTraining implements Subcommand {

	/** The commands whose classes the archive should hold, with their options ({@code D}: dataset, {@code O}: output). */
	private static final List<String[]> RUNS = List.of(
		new String[] { "IMA++ Run Pipeline", "dataset=[D] output=[O/pipeline]" },
		new String[] { "IMA++ Consensus Masks", "dataset=[D] output=[O/consensus]" },
		new String[] { "IMA++ Agreement Metrics", "dataset=[D] output=[O/metrics]" },
		new String[] { "IMA++ Mask QA", "dataset=[D] output=[O/qa]" });

	@Override
	public String name() {
		return "cds-training";
	}

	@Override
	public String usage() {
		return "cds-training                                 (used by ./imapp itself: the run its start-up cache is recorded from)";
	}

	@Override
	public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
		Path work = Files.createTempDirectory("imapp-cds-training");
		try {
			Path data = work.resolve("data");
			// Small images, 2-5 masks each and the rare cases: every step of every command runs.
			SyntheticDataset.generate(data, SyntheticDataset.Options.synthetic(8, 0.05, 16), ProgressMonitor.NONE);
			// The launcher's own look at a run's dataset (its JIT choice) belongs in the archive too.
			JitChoice.isLarge("dataset=[" + data + "]");
			return Imapp.runInImageJ(err, ij -> {
				for (String[] r : RUNS) {
					String options = r[1].replace("[D]", "[" + data + "]").replace("[O", "[" + work.resolve("out"));
					HeadlessImageJ.Outcome o = ij.run(r[0], options);
					if (!o.ok()) return o;
				}
				return HeadlessImageJ.Outcome.success();
			});
		}
		finally {
			deleteTree(work);
		}
	}

	private static void deleteTree(Path root) throws IOException {
		try (Stream<Path> s = Files.walk(root)) {
			for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
		}
	}
}
