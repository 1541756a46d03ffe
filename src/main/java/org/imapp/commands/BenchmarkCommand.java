package org.imapp.commands;

import java.io.File;
import java.nio.file.Paths;

import org.imapp.bench.PipelineBenchmark;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * The scale benchmark, printed and saved as {@code pipeline.csv} and {@code pipeline.json}: a
 * synthetic dataset with the real image sizes and mask counts of the IMA++ multi-annotator subset
 * ({@code fraction} of its images; the sizes ship inside the jar, so it needs no other file), a
 * decode-only and an encode-only pass, then the full pipeline, per stage, and pipeline ÷
 * decode-only. The developer benchmarks against ITK and medpy are main classes in
 * {@code org.imapp.bench}, not commands.
 */
@Plugin(type = Command.class, menuPath = "Plugins>IMA++>IMA++ Benchmark", label = "IMA++ Benchmark")
public class BenchmarkCommand extends ImappCommand {

	@Parameter(label = "fraction", required = false, min = "0.0001", max = "1", description = "Share of the 2,394 subset images (1 = all, ~53 gigapixels of masks)")
	private double fraction = 0.05;

	@Parameter(label = "threads", required = false, min = "0", description = "Threads (0 = one per core)")
	private int threads = 0;

	@Parameter(label = "output", style = "directory", required = false, persist = false, description = "Folder for pipeline.csv / pipeline.json (default target/benchmarks); the generated data go there while it runs")
	private File output;

	@Parameter(label = "keep", required = false, description = "Keep (and reuse) the generated dataset and the pipeline output")
	private boolean keep;

	@Parameter(type = ItemIO.OUTPUT, description = "The output folder written")
	private File output_folder;

	@Parameter(type = ItemIO.OUTPUT, description = "pipeline.csv: wall time, throughput, heap and CPU per stage")
	private File table_csv;

	@Parameter(type = ItemIO.OUTPUT, description = "The pipeline's wall time divided by the decode-only pass's")
	private double pipeline_over_decode_only;

	@Override
	protected void execute() throws Exception {
		PipelineBenchmark.Options d = PipelineBenchmark.Options.defaults();
		java.nio.file.Path out = output == null || output.getPath().isEmpty() ? d.output() : Paths.get(output.getPath());
		PipelineBenchmark.Options o = new PipelineBenchmark.Options(fraction, threads, out, keep, d.seed(), d.scale());
		PipelineBenchmark.Report r = PipelineBenchmark.run(o, System.out);
		output_folder = r.csv().getParent().toFile();
		table_csv = r.csv().toFile();
		pipeline_over_decode_only = r.pipelineOverDecode();
		if (log != null) log.info("IMA++ Benchmark: results in " + r.csv() + " and " + r.json());
	}
}
