package org.imapp.commands;

import java.io.File;
import java.nio.file.Paths;

import org.imapp.bench.ConsensusBenchmark;
import org.imapp.bench.MetricsBenchmark;
import org.imapp.bench.PipelineBenchmark;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * The benchmarks, printed and saved as CSV and JSON: {@code benchmark=pipeline} (default) is the
 * scale benchmark — a synthetic dataset with the real image sizes and mask counts of the IMA++
 * multi-annotator subset ({@code fraction} of its images), a decode-only and an encode-only pass,
 * then the full pipeline, per stage; {@code consensus} times consensus masks per full-resolution
 * image against ITK; {@code metrics} times the agreement metrics per pair against medpy.
 */
@Plugin(type = Command.class, menuPath = "Plugins>IMA++>IMA++ Benchmark", label = "IMA++ Benchmark")
public class BenchmarkCommand extends ImappCommand {

	@Parameter(label = "benchmark", required = false, choices = { "pipeline", "consensus", "metrics" },
		description = "pipeline: the whole pipeline on the subset's sizes; consensus: per image vs ITK; metrics: per pair vs medpy")
	private String benchmark = "pipeline";

	@Parameter(label = "pairs", required = false, min = "1", description = "metrics: mask pairs per image size")
	private int pairs = 24;

	@Parameter(label = "repeats", required = false, min = "1", description = "consensus: timed repeats per image (the best counts)")
	private int repeats = 3;

	@Parameter(label = "fraction", required = false, min = "0.0001", max = "1", description = "Share of the 2,394 subset images (1 = all, ~53 gigapixels of masks)")
	private double fraction = 0.05;

	@Parameter(label = "threads", required = false, min = "0", description = "Threads (0 = one per core)")
	private int threads = 0;

	@Parameter(label = "output", style = "directory", required = false, persist = false, description = "Folder for pipeline.csv / pipeline.json (default target/benchmarks)")
	private File output;

	@Parameter(label = "keep", required = false, description = "Keep (and reuse) the generated dataset and the pipeline output")
	private boolean keep;

	@Override
	protected void execute() throws Exception {
		PipelineBenchmark.Options d = PipelineBenchmark.Options.defaults();
		java.nio.file.Path out = output == null || output.getPath().isEmpty() ? d.output() : Paths.get(output.getPath());
		switch (benchmark == null ? "pipeline" : benchmark) {
			case "consensus" -> {
				ConsensusBenchmark.main(new String[] { out.resolve("consensus-data").toString(), String.valueOf(repeats), out.toString() });
				return;
			}
			case "metrics" -> {
				MetricsBenchmark.main(new String[] { String.valueOf(pairs), out.toString() });
				return;
			}
			default -> { /* the pipeline benchmark below */ }
		}
		PipelineBenchmark.Options o = new PipelineBenchmark.Options(fraction, threads, out, keep, d.seed(), d.scale(), null);
		PipelineBenchmark.Report r = PipelineBenchmark.run(o, System.out);
		if (log != null) log.info("IMA++ Benchmark: results in " + r.csv() + " and " + r.json());
	}
}
