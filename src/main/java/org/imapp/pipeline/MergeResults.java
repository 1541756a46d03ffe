package org.imapp.pipeline;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.imapp.data.Dataset;
import org.imapp.io.OutputFolder;
import org.imapp.data.DatasetPaths;
import org.imapp.data.ImageGroup;
import org.imapp.progress.ProgressMonitor;

/**
 * Combines the output folders of the {@code n} shards of a run ({@code shard=k/n}, e.g. a SLURM
 * job array) into one output folder holding exactly what a single run writes: per-image files
 * (consensus masks) gathered, image results taken from the shards' checkpoints, and the final
 * tables written from them in dataset order by the same code as a single run. Refuses shards of
 * different datasets or settings, missing or duplicated shards, and unfinished shards.
 */
public final class MergeResults {

	/** What was merged. */
	public record Result(Path output, int shards, int images, List<Path> tables) {}

	private MergeResults() {}

	/** The manifest of a finished shard folder; the exception names the folder and what is wrong. */
	public static Map<String, Object> manifest(Path shardOutput) throws IOException {
		Map<String, Object> m = new Checkpoints(shardOutput).readManifest();
		if (m == null) throw new IOException(shardOutput + ": not a pipeline output folder (no " + Checkpoints.FOLDER + "/" + Checkpoints.MANIFEST + ")");
		if (!Boolean.TRUE.equals(m.get("complete"))) throw new IOException(shardOutput + ": shard " + m.get("shard") + " has not finished (run it again to resume it)");
		return m;
	}

	/**
	 * Loads the dataset the shards were made from: {@code dataset} if given, else the folder the
	 * manifests name. Its seg metadata must be the one the shards saw.
	 */
	public static Dataset dataset(Map<String, Object> manifest, Path dataset) throws IOException {
		DatasetPaths paths;
		if (dataset != null) paths = DatasetPaths.of(dataset);
		else {
			String root = String.valueOf(manifest.get("dataset"));
			if (root.isEmpty()) throw new IllegalArgumentException("The shards do not name their dataset folder; give dataset=");
			paths = DatasetPaths.resolve(Path.of(root).toFile(), Path.of(String.valueOf(manifest.get("seg_metadata"))).toFile(), null, null);
		}
		String md5 = org.imapp.io.Md5.of(Files.readAllBytes(paths.segMetadata()));
		if (!md5.equals(manifest.get("seg_metadata_md5"))) {
			throw new IllegalArgumentException(paths.segMetadata() + " is not the seg metadata the shards were run on (MD5 " + md5 + " vs " + manifest.get("seg_metadata_md5") + ")");
		}
		return Dataset.load(paths);
	}

	/**
	 * Merges {@code shardOutputs} into {@code output}.
	 * @param steps the steps of the run, with the settings the shards recorded
	 */
	public static Result merge(List<Path> shardOutputs, Path output, Dataset dataset, List<ImageStep> steps, ProgressMonitor monitor) throws IOException {
		if (shardOutputs.isEmpty()) throw new IllegalArgumentException("No shard folders to merge");
		List<Map<String, Object>> manifests = new ArrayList<>();
		for (Path p : shardOutputs) manifests.add(manifest(p));
		Map<String, Object> first = manifests.get(0);
		Map<Integer, Path> byIndex = new HashMap<>();
		int count = -1;
		for (int i = 0; i < manifests.size(); i++) {
			Map<String, Object> m = manifests.get(i);
			for (String k : Pipeline.IDENTITY) {
				if (!Objects.equals(String.valueOf(m.get(k)), String.valueOf(first.get(k)))) {
					throw new IllegalArgumentException(shardOutputs.get(i) + " was made with another " + k + " than " + shardOutputs.get(0) + " (" + m.get(k) + " vs " + first.get(k) + ")");
				}
			}
			Shard s = Shard.parse(String.valueOf(m.get("shard")));
			if (count < 0) count = s.count();
			if (s.count() != count) throw new IllegalArgumentException(shardOutputs.get(i) + " is shard " + s + ", others are of " + count);
			Path dup = byIndex.put(s.index(), shardOutputs.get(i));
			if (dup != null) throw new IllegalArgumentException("Shard " + s + " given twice: " + dup + " and " + shardOutputs.get(i));
		}
		TreeSet<Integer> missing = new TreeSet<>();
		for (int k = 0; k < count; k++) if (!byIndex.containsKey(k)) missing.add(k);
		if (!missing.isEmpty()) throw new IllegalArgumentException("Missing shard(s) " + missing + " of " + count);
		// The run's own manifest check: the steps given must be the steps the shards ran.
		Map<String, Object> expected = Pipeline.manifest(dataset, steps, Shard.ALL, Pipeline.images(dataset).size());
		for (String k : Pipeline.IDENTITY) {
			if (!Objects.equals(String.valueOf(expected.get(k)), String.valueOf(first.get(k)))) {
				throw new IllegalArgumentException("The shards were run with another " + k + " (" + first.get(k) + ") than this merge (" + expected.get(k) + ")");
			}
		}

		List<ImageGroup> images = Pipeline.images(dataset);
		Map<String, Integer> indexOf = new HashMap<>();
		for (int i = 0; i < images.size(); i++) indexOf.put(images.get(i).isicId(), i);
		ImageResult[] results = new ImageResult[images.size()];
		Path[] from = new Path[images.size()];
		// Everything, checkpoints included, is staged and published at the end: a failed merge leaves no new file.
		try (OutputFolder folder = OutputFolder.open(output, dataset.paths().outputGuard(shardOutputs.toArray(Path[]::new)))) {
			Path staging = folder.staging();
			for (Path old : new Checkpoints(folder.target()).imageFiles()) folder.removeOnPublish(folder.target().relativize(old).toString());
			Checkpoints merged = new Checkpoints(staging);
			Files.createDirectories(merged.folder());
			int done = 0;
			for (int k = 0; k < count; k++) {
				Path shard = byIndex.get(k);
				for (Path f : new Checkpoints(shard).imageFiles()) {
					ImageResult r = Checkpoints.read(f);
					Integer idx = indexOf.get(r.isicId());
					if (idx == null || idx != r.index()) throw new IOException(f + ": image " + r.isicId() + " is not at position " + r.index() + " of the dataset");
					if (results[idx] != null) throw new IOException(r.isicId() + " is in two shards: " + from[idx] + " and " + shard);
					results[idx] = r;
					from[idx] = shard;
					merged.write(r);
					monitor.progress(++done, images.size(), "Merging " + r.isicId());
					monitor.checkCanceled();
				}
				for (ImageStep s : steps) for (String sub : s.imageOutputFolders()) linkFolder(shard.resolve(sub), staging.resolve(sub));
			}
			List<String> absent = new ArrayList<>();
			for (int i = 0; i < results.length; i++) if (results[i] == null) absent.add(images.get(i).isicId());
			if (!absent.isEmpty()) {
				throw new IOException(absent.size() + " image(s) are in no shard's results, e.g. " + absent.subList(0, Math.min(5, absent.size()))
					+ " (was a shard run on another dataset, or stopped?)");
			}
			List<Path> tables = new ArrayList<>();
			for (Path p : Pipeline.writeTables(dataset, List.of(results), steps, staging, 0)) tables.add(folder.published(p));
			Map<String, Object> m = new LinkedHashMap<>(expected);
			m.put("complete", Boolean.TRUE);
			merged.writeManifest(m);
			folder.publish();
			return new Result(folder.target(), count, images.size(), tables);
		}
	}

	/** Every file of {@code from} into the staging folder {@code to}: a hard link when possible (same disk, no copy), else a copy. */
	private static void linkFolder(Path from, Path to) throws IOException {
		if (!Files.isDirectory(from)) return;
		Files.createDirectories(to);
		try (Stream<Path> s = Files.list(from)) {
			for (Path f : (Iterable<Path>) s::iterator) {
				String name = f.getFileName().toString();
				if (!Files.isRegularFile(f) || name.startsWith(".")) continue;
				Path target = to.resolve(name);
				try {
					Files.deleteIfExists(target);
					Files.createLink(target, f);
				}
				catch (FileSystemException | UnsupportedOperationException e) {
					Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}
}
