package org.imapp.commands;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.imapp.consensus.Staple;
import org.imapp.data.Dataset;
import org.imapp.multirater.MultiRaterRun;
import org.imapp.runner.AgreementMetrics;
import org.imapp.pipeline.Checkpoints;
import org.imapp.pipeline.Pipeline;
import org.imapp.pipeline.PipelineSteps;
import org.imapp.pipeline.Shard;
import org.imapp.synth.SampleDataset;
import org.scijava.ItemIO;
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

	@Parameter(label = "dataset", required = false, style = "directory", description = "IMA++ dataset folder (or manifest=)")
	private File dataset;

	@Parameter(label = "manifest", required = false, persist = false, style = "file",
		description = "Multi-rater manifest CSV (image_id,rater,mask[,groups]) instead of an IMA++ dataset: QA, consensus TIFFs, STAPLE estimates and every metric table")
	private File manifest;

	@Parameter(label = "spacing", required = false, persist = false,
		description = "With manifest=: voxel size x,y[,z] for every mask, e.g. [0.5,0.5,2.0] (empty: the files' calibration)")
	private String spacing = "";

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

	@Parameter(label = "strict", required = false, description = "Fail the run on any reported problem (e.g. a damaged mask) instead of listing it in pipeline_problems.csv")
	private boolean strict;

	@Parameter(label = "sample", required = false, description = "If the dataset folder holds no dataset, generate the synthetic sample dataset into it first")
	private boolean sample;

	@Parameter(label = "max_pixels", required = false, min = "0", description = "Largest mask read, width × height (0: 2^31); a larger one is reported, never decoded")
	private long max_pixels = 0;

	@Parameter(type = ItemIO.OUTPUT, description = "Images of this run (of its shard)")
	private int images;

	@Parameter(type = ItemIO.OUTPUT, description = "The output folder written")
	private File output_folder;

	@Parameter(type = ItemIO.OUTPUT, description = "The pairwise metrics CSV (without metrics: the QA or STAPLE table; null for one shard of several)")
	private File table_csv;

	@Override
	protected void execute() throws Exception {
		if (ManifestRuns.useManifest(dataset, manifest)) {
			if (!shard.isBlank() || resume) throw new IllegalArgumentException("shard= and resume are for IMA++ datasets; a manifest= run does all its images in one go");
			MultiRaterRun.Settings settings = MultiRaterRun.Settings.all().withSteps(!skip_qa, !skip_consensus, !skip_consensus, !skip_consensus, !skip_metrics)
				.with(Staple.Parameters.DEFAULT, ManifestRuns.spacing(spacing), Double.NaN, threads);
			Path out = manifestOutputFolder(output, manifest);
			images = ManifestRuns.run("IMA++ Run Pipeline", manifest, out, settings, monitor(), log).images();
			output_folder = publishedFile(out);
			for (String main : java.util.List.of(MultiRaterRun.PAIRWISE_CSV, MultiRaterRun.QA_CSV, MultiRaterRun.RATERS_CSV)) {
				if (table_csv == null && Files.isRegularFile(out.resolve(main))) table_csv = publishedFile(out.resolve(main));
			}
			// The figures are IMA++'s published ones (annotators, tools, skills, ISIC ids): said, not silently dropped.
			if (!skip_figures && log != null) log.info("IMA++ Run Pipeline: no figures for manifest= (the figures are IMA++'s published ones)");
			return;
		}
		if (sample && dataset != null && SampleDataset.ensure(dataset.toPath().toAbsolutePath(), monitor()) && log != null) {
			log.info("Generated the sample dataset in " + dataset.getAbsolutePath());
		}
		Path out = outputTarget(output); // Pipeline.run checks, locks and stages it
		PipelineSteps.Choice choice = new PipelineSteps.Choice(!skip_qa, !skip_consensus, !skip_metrics, !skip_figures);
		Pipeline.Settings settings = Pipeline.Settings.of(PipelineSteps.create(choice)).withThreads(threads).withShard(Shard.parse(shard)).withResume(resume).withStrict(strict);
		try (Dataset d = loadDataset(dataset, null, null, null, false, max_pixels)) {
			Pipeline.Result r;
			try {
				r = Pipeline.run(d, out, settings, monitor());
			}
			catch (IOException | RuntimeException e) {
				if (log != null && Files.isDirectory(out.resolve(Checkpoints.FOLDER))) {
					log.warn("Unfinished run: nothing new published in " + out + "; finished images are kept in " + out.resolve(Checkpoints.FOLDER)
						+ " — run again with resume to finish");
				}
				throw e;
			}
			images = r.images();
			output_folder = r.output().toFile();
			table_csv = mainTable(r.tables());
			if (log != null) {
				log.info(String.format("IMA++ Run Pipeline: %d images (%d computed, %d resumed) in %.1f s; results in %s", r.images(), r.computed(), r.resumed(),
					r.seconds(), out));
				// Where the time went (thread seconds summed over the images; tables includes the figures).
				StringBuilder stages = new StringBuilder("IMA++ Run Pipeline: thread time per stage:");
				r.times().secondsByStage().forEach((k, v) -> { if (v > 0) stages.append(String.format(" %s %.2f s", k, v)); });
				log.info(stages.toString());
				if (!r.dropped().isEmpty()) log.info("Dropped the results of " + r.dropped().size() + " images no longer in this run's dataset: " + r.dropped());
				if (r.staleParts() > 0) log.info("Removed " + r.staleParts() + " temporary files left by an earlier, stopped run");
				if (!settings.shard().isAll()) log.info("Shard " + settings.shard() + " done; combine all shards with IMA++ Merge Results");
			}
		}
	}

	/** The pairwise metrics table among a run's tables, else the first; null when none was written. */
	static File mainTable(java.util.List<Path> tables) {
		for (Path p : tables) if (p.getFileName().toString().equals(AgreementMetrics.PAIRWISE_FILE)) return p.toFile();
		return tables.isEmpty() ? null : tables.get(0).toFile();
	}
}
