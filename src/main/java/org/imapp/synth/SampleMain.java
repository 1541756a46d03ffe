package org.imapp.synth;

import java.nio.file.Path;
import java.nio.file.Paths;

import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.imapp.pipeline.Pipeline;
import org.imapp.pipeline.PipelineSteps;
import org.imapp.progress.ProgressMonitor;

/**
 * The README's one-liner without Fiji: makes the sample dataset if it is absent, runs the whole
 * pipeline on it headless, and prints where the results are.
 * Usage: {@code SampleMain [dataset folder, default sample-data] [output folder, default sample-output] [threads]}.
 */
public final class SampleMain {

	private SampleMain() {}

	public static void main(String[] args) throws Exception {
		Path data = Paths.get(args.length > 0 ? args[0] : "sample-data").toAbsolutePath();
		Path out = Paths.get(args.length > 1 ? args[1] : "sample-output").toAbsolutePath();
		int threads = args.length > 2 ? Integer.parseInt(args[2]) : 0;
		if (SampleDataset.ensure(data, ProgressMonitor.NONE)) System.out.println("Generated the sample dataset in " + data);
		else System.out.println("Using the dataset in " + data);
		try (Dataset d = Dataset.load(DatasetPaths.of(data))) {
			Pipeline.Result r = Pipeline.run(d, out, Pipeline.Settings.of(PipelineSteps.create(PipelineSteps.Choice.ALL)).withThreads(threads), ProgressMonitor.NONE);
			System.out.printf("Analysed %d images (%d now, %d from an earlier run) in %.1f s. Results in %s:%n", r.images(), r.computed(), r.resumed(), r.seconds(), out);
			for (Path p : r.tables()) System.out.println("  " + out.relativize(p));
		}
	}
}
