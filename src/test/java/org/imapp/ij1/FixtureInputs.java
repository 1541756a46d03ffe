package org.imapp.ij1;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.imapp.data.SegRecord;
import org.imapp.launcher.TestImageJ;

/**
 * Input values for running any IMA++ command on a copy of the small fixture, by macro key:
 * the dataset, an output folder, ISIC_0015171 (the hole case), the expected consensus masks and
 * metrics tables, and a RoiSet of that image. Keys it does not know keep the command's default.
 */
public final class FixtureInputs {

	public static final String IMAGE = "ISIC_0015171";

	public final Path data;
	public final Path roiSet;

	private FixtureInputs(Path data, Path roiSet) {
		this.data = data;
		this.roiSet = roiSet;
	}

	/** Copies the fixture into {@code tmp} and writes the RoiSet the Import ROIs command reads. */
	public static FixtureInputs create(Path tmp) throws IOException {
		Path data = TestImageJ.copyFixture(tmp);
		Path zip = tmp.resolve("rois in").resolve(IMAGE + "_RoiSet.zip");
		try (Dataset ds = Dataset.load(DatasetPaths.of(data))) {
			ImageAnnotations ann = ImageAnnotations.load(ds, ds.group(IMAGE), null, List.of());
			RoiSets.write(ann.rois(), zip);
		}
		return new FixtureInputs(data, zip);
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
				case "metrics" -> data.resolve("expected/IAA_metrics.csv").toFile();
				case "image_level" -> data.resolve("expected/image_level_metrics.csv").toFile();
				case "rois" -> roiSet.toFile();
				default -> m.get(k.name());
			};
			if (v instanceof File && k.type() == String.class) v = ((File) v).getPath();
			m.put(k.name(), v);
		}
		return m;
	}

	/** The fixture's masks of {@link #IMAGE}, annotators then consensus rows (none in the fixture metadata). */
	public List<SegRecord> imageRecords() throws IOException {
		try (Dataset ds = Dataset.load(DatasetPaths.of(data))) {
			return ds.group(IMAGE).allMasks();
		}
	}
}
