package org.imapp.commands;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.imapp.data.Dataset;
import org.imapp.pipeline.Checkpoints;
import org.imapp.pipeline.MergeResults;
import org.imapp.pipeline.PipelineSteps;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Combines the output folders of the shards of an IMA++ Run Pipeline ({@code shard=k/n}) into
 * the tables a single run writes. {@code shards} is either one folder whose sub-folders are the
 * shard outputs, or the shard folders separated by commas.
 */
@Plugin(type = Command.class, menuPath = "Plugins>IMA++>IMA++ Merge Results", label = "IMA++ Merge Results")
public class MergeResultsCommand extends ImappCommand {

	@Parameter(label = "shards", description = "Folder holding the shard output folders, or shard folders separated by commas")
	private String shards;

	@Parameter(label = "output", style = "directory", description = "Folder for the merged results")
	private File output;

	@Parameter(label = "dataset", style = "directory", required = false, persist = false, description = "The dataset folder, if it moved since the shards ran")
	private File dataset;

	@Parameter(label = "manifest", required = false, persist = false, style = "file", description = "Not for merges: manifest= runs are not sharded (an error says so)")
	private File manifest;

	@Parameter(type = ItemIO.OUTPUT, description = "Images merged")
	private int images;

	@Parameter(type = ItemIO.OUTPUT, description = "The output folder written")
	private File output_folder;

	@Parameter(type = ItemIO.OUTPUT, description = "The pairwise metrics CSV (else the first table written)")
	private File table_csv;

	@Override
	protected void execute() throws Exception {
		ManifestRuns.refuseManifest(manifest, "IMA++ Merge Results combines shards of an IMA++ Run Pipeline (shard=k/n), and manifest= runs are not sharded");
		List<Path> folders = shardFolders(shards);
		Map<String, Object> manifest = MergeResults.manifest(folders.get(0));
		Path ds = dataset == null || dataset.getPath().isEmpty() ? null : dataset.toPath().toAbsolutePath();
		try (Dataset d = MergeResults.dataset(manifest, ds)) {
			MergeResults.Result r = MergeResults.merge(folders, outputTarget(output), d, PipelineSteps.fromManifest(manifest), monitor());
			images = r.images();
			output_folder = r.output().toFile();
			table_csv = RunPipelineCommand.mainTable(r.tables());
			if (log != null) log.info("IMA++ Merge Results: " + r.shards() + " shards, " + r.images() + " images merged into " + r.output());
		}
	}

	/** The shard folders named by {@code spec}. */
	static List<Path> shardFolders(String spec) throws java.io.IOException {
		if (spec == null || spec.isBlank()) throw new IllegalArgumentException("No shard folders given (shards=)");
		List<Path> named = Arrays.stream(spec.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(s -> Paths.get(s).toAbsolutePath()).toList();
		for (Path p : named) if (!Files.isDirectory(p)) throw new IllegalArgumentException("Shard folder not found: " + p);
		if (named.size() == 1 && !isShard(named.get(0))) {
			List<Path> inside = new ArrayList<>();
			try (Stream<Path> s = Files.list(named.get(0))) {
				s.filter(Files::isDirectory).filter(MergeResultsCommand::isShard).sorted().forEach(inside::add);
			}
			if (inside.isEmpty()) throw new IllegalArgumentException(named.get(0) + " holds no shard output folders (no " + Checkpoints.FOLDER + "/" + Checkpoints.MANIFEST + ")");
			return inside;
		}
		return named;
	}

	private static boolean isShard(Path p) {
		return Files.isRegularFile(p.resolve(Checkpoints.FOLDER).resolve(Checkpoints.MANIFEST));
	}
}
