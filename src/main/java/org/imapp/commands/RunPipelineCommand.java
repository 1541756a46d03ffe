package org.imapp.commands;

import java.io.File;
import java.nio.file.Path;

import org.imapp.data.Dataset;
import org.imapp.pipeline.Pipeline;
import org.imapp.pipeline.PipelineSteps;
import org.imapp.pipeline.Shard;
import org.imapp.synth.SampleDataset;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * The whole analysis in one pass over the dataset: QA, STAPLE and majority-vote consensus,
 * pairwise agreement metrics, tables (and figures), all written under {@code output}. Stages are
 * on unless skipped (ImageJ macros treat a missing checkbox key as unchecked, so the keys name
 * what to leave out). {@code shard=k/n} does one of n parts (merge them with IMA++ Merge Results);
 * {@code resume} keeps the images an earlier, cancelled run of the same settings finished.
 */
@Plugin(type = Command.class, menuPath = "Plugins>IMA++>IMA++ Run Pipeline", label = "IMA++ Run Pipeline")
public class RunPipelineCommand extends ImappCommand {

	@Parameter(label = "dataset", style = "directory", description = "IMA++ dataset folder")
	private File dataset;

	@Parameter(label = "output", style = "directory", description = "Folder for every result (created if needed)")
	private File output;

	@Parameter(label = "threads", required = false, min = "0", description = "Images analysed in parallel (0 = one per core)")
	private int threads = 0;

	@Parameter(label = "shard", required = false, description = "k/n: only the k-th of n parts of the images (k from 0), e.g. 3/16; empty = all")
	private String shard = "";

	@Parameter(label = "resume", required = false, description = "Keep images finished by an earlier run of the same settings in this output folder")
	private boolean resume;

	@Parameter(label = "skip_qa", required = false, description = "Leave out mask QA")
	private boolean skip_qa;

	@Parameter(label = "skip_consensus", required = false, description = "Leave out STAPLE / majority vote (metrics then pair the dataset's own ST/MV masks, if any)")
	private boolean skip_consensus;

	@Parameter(label = "skip_metrics", required = false, description = "Leave out the pairwise agreement metrics")
	private boolean skip_metrics;

	@Parameter(label = "skip_figures", required = false, description = "Leave out the figures")
	private boolean skip_figures;

	@Parameter(label = "sample", required = false, description = "If the dataset folder holds no dataset, generate the synthetic sample dataset into it first")
	private boolean sample;

	@Parameter(label = "max_pixels", required = false, min = "0", description = "Largest mask read, width × height (0: 2^31); a larger one is reported, never decoded")
	private long max_pixels = 0;

	@Override
	protected void execute() throws Exception {
		if (sample && dataset != null && SampleDataset.ensure(dataset.toPath().toAbsolutePath(), monitor()) && log != null) {
			log.info("Generated the sample dataset in " + dataset.getAbsolutePath());
		}
		Path out = outputFolder(output);
		PipelineSteps.Choice choice = new PipelineSteps.Choice(!skip_qa, !skip_consensus, !skip_metrics, !skip_figures);
		Pipeline.Settings settings = Pipeline.Settings.of(PipelineSteps.create(choice)).withThreads(threads).withShard(Shard.parse(shard)).withResume(resume);
		try (Dataset d = loadDataset(dataset, null, null, null, false, max_pixels)) {
			Pipeline.Result r = Pipeline.run(d, out, settings, monitor());
			if (log != null) {
				log.info(String.format("IMA++ Run Pipeline: %d images (%d computed, %d resumed) in %.1f s; results in %s", r.images(), r.computed(), r.resumed(),
					r.seconds(), out));
				if (!settings.shard().isAll()) log.info("Shard " + settings.shard() + " done; combine all shards with IMA++ Merge Results");
			}
		}
	}
}
