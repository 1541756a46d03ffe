package org.imapp.figures;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.imapp.analysis.PairwiseMetrics;
import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.imapp.data.ImageMetadata;
import org.imapp.data.SegMetadata;
import org.imapp.data.SegRecord;

/**
 * The inputs of the figures, located once and loaded on first use: the dataset's metadata
 * ({@code metadata/IMAplusplus_seg_metadata.csv}, {@code IMAplusplus_img_metadata.csv}), the
 * pairwise metrics table, the other datasets' id lists, the published FOSD curves, and (for the
 * hard cases only) masks and lesion images. The metadata-only figures work on a dataset folder
 * without masks, e.g. the published tables.
 */
public final class FigureInputs {

	public static final String OTHER_DATASETS = "other-datasets";
	public static final String FOSD_FILE = "FOSD_CDF_values.csv";

	private final File datasetArg;
	private final Path root;
	private final Path metrics;
	private final Path otherDatasets;
	private final Path fosd;
	private List<SegRecord> records;
	private ImageMetadata imageMetadata;
	private PairwiseMetrics pairs;

	private FigureInputs(File datasetArg, Path root, Path metrics, Path otherDatasets, Path fosd) {
		this.datasetArg = datasetArg;
		this.root = root;
		this.metrics = metrics;
		this.otherDatasets = otherDatasets;
		this.fosd = fosd;
	}

	/**
	 * @param dataset the dataset folder (required)
	 * @param metrics the pairwise metrics CSV; when null, {@code <output>/}, {@code <dataset>/metrics/}
	 *        and {@code <dataset>/} are searched for {@value PairwiseMetrics#FILE_NAME}
	 * @param otherDatasets folder of id lists; when null, {@code other-datasets} beside the metrics or in the dataset
	 * @param output the output folder (searched for the metrics this suite wrote)
	 */
	public static FigureInputs resolve(File dataset, File metrics, File otherDatasets, File output) {
		if (dataset == null || dataset.getPath().isEmpty()) throw new IllegalArgumentException("No dataset folder given (dataset=)");
		Path root = dataset.toPath().toAbsolutePath().normalize();
		if (!Files.isDirectory(root)) throw new IllegalArgumentException("Dataset folder not found: " + root);
		Path m;
		if (metrics != null && !metrics.getPath().isEmpty()) {
			m = metrics.toPath().toAbsolutePath().normalize();
			if (!Files.isRegularFile(m)) throw new IllegalArgumentException("Metrics file not found: " + m);
		}
		else {
			List<Path> candidates = new ArrayList<>();
			if (output != null && !output.getPath().isEmpty()) candidates.add(output.toPath().toAbsolutePath().resolve(PairwiseMetrics.FILE_NAME));
			candidates.add(root.resolve("metrics").resolve(PairwiseMetrics.FILE_NAME));
			candidates.add(root.resolve(PairwiseMetrics.FILE_NAME));
			m = candidates.stream().filter(Files::isRegularFile).findFirst().orElse(null);
		}
		Path other;
		if (otherDatasets != null && !otherDatasets.getPath().isEmpty()) {
			other = otherDatasets.toPath().toAbsolutePath().normalize();
			if (!Files.isDirectory(other)) throw new IllegalArgumentException("Folder of other datasets' id lists not found: " + other);
		}
		else other = firstExisting(m == null ? null : m.resolveSibling(OTHER_DATASETS), root.resolve(OTHER_DATASETS));
		Path fosd = firstExisting(m == null ? null : m.resolveSibling(FOSD_FILE), root.resolve(FOSD_FILE));
		return new FigureInputs(dataset, root, m, other, fosd);
	}

	private static Path firstExisting(Path... paths) {
		for (Path p : paths) if (p != null && Files.exists(p)) return p;
		return null;
	}

	public Path root() {
		return root;
	}

	/** The seg metadata's rows (consensus rows included when the file has them). */
	public synchronized List<SegRecord> records() throws IOException {
		if (records == null) {
			Path seg = root.resolve("metadata").resolve(DatasetPaths.SEG_METADATA);
			if (!Files.isRegularFile(seg)) throw new MissingInputException("Seg metadata file not found: " + seg);
			records = SegMetadata.read(seg, true).records();
		}
		return records;
	}

	/** The image metadata. */
	public synchronized ImageMetadata imageMetadata() throws IOException {
		if (imageMetadata == null) {
			Path img = root.resolve("metadata").resolve(DatasetPaths.IMG_METADATA);
			if (!Files.isRegularFile(img)) throw new MissingInputException("Image metadata file not found: " + img);
			imageMetadata = ImageMetadata.read(img);
		}
		return imageMetadata;
	}

	/** The pairwise metrics. */
	public synchronized PairwiseMetrics pairs() throws IOException {
		if (pairs == null) {
			if (metrics == null) throw new MissingInputException("No pairwise metrics table: give metrics= or compute the metrics into the output or dataset folder (" + PairwiseMetrics.FILE_NAME + ")");
			pairs = PairwiseMetrics.read(metrics);
		}
		return pairs;
	}

	public Path metricsFile() {
		return metrics;
	}

	/** The folder of other datasets' id lists. */
	public Path otherDatasets() {
		if (otherDatasets == null) throw new MissingInputException("No folder of other datasets' id lists (" + OTHER_DATASETS + "/ beside the metrics or in the dataset; or other_datasets=)");
		return otherDatasets;
	}

	/** The published FOSD curves, or null. */
	public Path fosdCsv() {
		return fosd;
	}

	/** The full dataset with its mask store and images (the caller closes it). */
	public Dataset openDataset() throws IOException {
		try {
			return Dataset.load(DatasetPaths.resolve(datasetArg, null, null, null), true);
		}
		catch (IllegalArgumentException e) {
			throw new MissingInputException("Hard-case overlays need the masks and images: " + e.getMessage(), e);
		}
	}
}
