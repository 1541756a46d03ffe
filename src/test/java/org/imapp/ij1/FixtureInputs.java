package org.imapp.ij1;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ij.IJ;
import ij.ImagePlus;

import org.imapp.Fixtures;
import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.imapp.data.SegRecord;
import org.imapp.launcher.TestImageJ;
import org.imapp.pipeline.Pipeline;
import org.imapp.pipeline.PipelineSteps;
import org.imapp.pipeline.Shard;
import org.imapp.progress.ProgressMonitor;

/**
 * Input values for running any IMA++ command on a copy of the small fixture, by macro key:
 * the dataset, an output folder, ISIC_0015171 (the hole case), the expected consensus masks and
 * metrics tables, a RoiSet of that image, the published other datasets' id lists, pipeline shards to merge,
 * the smallest benchmark and two of the image's masks as open images. Keys it does not know keep the command's default.
 */
public final class FixtureInputs {

	public static final String IMAGE = "ISIC_0015171";

	/** The real id lists of the other public datasets (the fixture has none of its own). */
	public static final Path OTHER_DATASETS = Fixtures.REFERENCE.resolve("other-datasets");

	/**
	 * The smallest benchmark that still runs every stage: one generated image (the share of the
	 * 2,394 subset images rounds up to one).
	 */
	public static final double BENCHMARK_FRACTION = 0.0001;

	public final Path data;
	public final Path roiSet;
	/** A folder holding the two shard outputs of an IMA++ Run Pipeline of the fixture ({@code shard=0/2}, {@code 1/2}). */
	public final Path shards;

	private FixtureInputs(Path data, Path roiSet, Path shards) {
		this.data = data;
		this.roiSet = roiSet;
		this.shards = shards;
	}

	/** Copies the fixture into {@code tmp} and writes the RoiSet the Import ROIs command reads. */
	public static FixtureInputs create(Path tmp) throws IOException {
		Path data = TestImageJ.copyFixture(tmp);
		Path zip = tmp.resolve("rois in").resolve(IMAGE + "_RoiSet.zip");
		Path shards = tmp.resolve("pipeline shards");
		try (Dataset ds = Dataset.load(DatasetPaths.of(data))) {
			ImageAnnotations ann = ImageAnnotations.load(ds, ds.group(IMAGE), null, List.of());
			RoiSets.write(ann.rois(), zip);
			for (int k = 0; k < 2; k++) {
				Pipeline.Settings settings = Pipeline.Settings.of(PipelineSteps.create(PipelineSteps.Choice.ALL)).withShard(Shard.parse(k + "/2"));
				Pipeline.run(ds, shards.resolve("shard " + k), settings, ProgressMonitor.NONE);
			}
		}
		return new FixtureInputs(data, zip, shards);
	}

	/** A value for each of the command's keys; {@code output} is where its files go. */
	public Map<String, Object> inputs(CommandKeys keys, Path output) {
		Map<String, Object> m = new LinkedHashMap<>(keys.defaults());
		for (CommandKeys.Key k : keys.keys()) {
			Object v = switch (k.name()) {
				case "dataset" -> data.toFile();
				case "output" -> output.toFile();
				case "isic_id" -> IMAGE;
				case "consensus" -> data.resolve("expected/consensus").toFile();
				case "metrics", "pairwise" -> data.resolve("expected/IAA_metrics.csv").toFile();
				case "image_level" -> data.resolve("expected/image_level_metrics.csv").toFile();
				case "rois" -> roiSet.toFile();
				case "other_datasets" -> OTHER_DATASETS.toFile();
				case "shards" -> shards.toString();
				case "fraction" -> BENCHMARK_FRACTION;
				case "mask1" -> openMask(0);
				case "mask2" -> openMask(1);
				case "raters" -> openRaters();
				default -> m.get(k.name());
			};
			if (v instanceof File && k.type() == String.class) v = ((File) v).getPath();
			m.put(k.name(), v);
		}
		return m;
	}

	/**
	 * The image's two masks as open images of a batch-mode macro (how a headless run
	 * holds images; the caller leaves batch mode after the command), named by title.
	 */
	public String openRaters() {
		ij.macro.Interpreter.batchMode = true;
		List<String> titles = new java.util.ArrayList<>();
		for (int k = 0; k < 2; k++) {
			ImagePlus imp = openMask(k);
			ij.macro.Interpreter.addBatchModeImage(imp);
			titles.add(imp.getTitle());
		}
		return String.join(",", titles);
	}

	/** The {@code k}-th annotator mask of {@link #IMAGE} opened as ImageJ opens a file (titled with its file name). */
	public ImagePlus openMask(int k) {
		try {
			return IJ.openImage(data.resolve("segs").resolve(imageRecords().get(k).segFilename()).toString());
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	/** The fixture's masks of {@link #IMAGE}, annotators then consensus rows (none in the fixture metadata). */
	public List<SegRecord> imageRecords() throws IOException {
		try (Dataset ds = Dataset.load(DatasetPaths.of(data))) {
			return ds.group(IMAGE).allMasks();
		}
	}
}
