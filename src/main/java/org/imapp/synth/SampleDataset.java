package org.imapp.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.imapp.data.DatasetPaths;
import org.imapp.progress.ProgressMonitor;

/**
 * The sample dataset the README's first command runs on: 30 multi-annotator images and 4
 * single-mask ones at a quarter of ISIC resolution (up to 1,672 × 1,110), lesion images with
 * hairs, every rare case included — small enough to generate and analyse in seconds.
 */
public final class SampleDataset {

	public static final SyntheticDataset.Options OPTIONS = SyntheticDataset.Options.synthetic(30, 0.25, 2026).withSingleMaskImages(4);

	private SampleDataset() {}

	/**
	 * Generates the sample into {@code folder} unless it already holds a dataset (a seg metadata
	 * file), which is then left untouched.
	 * @return true when it was generated now
	 */
	public static boolean ensure(Path folder, ProgressMonitor monitor) throws IOException {
		if (Files.isRegularFile(folder.resolve("metadata").resolve(DatasetPaths.SEG_METADATA))) return false;
		if (Files.isDirectory(folder)) {
			try (var s = Files.list(folder)) {
				if (s.anyMatch(p -> !p.getFileName().toString().startsWith("."))) {
					throw new IllegalArgumentException(folder + " is not empty and holds no IMA++ dataset (no metadata/" + DatasetPaths.SEG_METADATA
						+ "); choose an empty or new folder for the sample");
				}
			}
		}
		SyntheticDataset.generate(folder, OPTIONS, monitor);
		return true;
	}
}
