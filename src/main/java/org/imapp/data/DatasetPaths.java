package org.imapp.data;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.imapp.io.OutputFolder;

/**
 * Where the parts of an IMA++ dataset folder are: {@code metadata/IMAplusplus_seg_metadata.csv}
 * (required), {@code metadata/IMAplusplus_img_metadata.csv} (optional), masks in {@code segs/}
 * or {@code segs.zip}, lesion images in {@code images/} (optional). Each can be overridden.
 */
public record DatasetPaths(Path root, Path segMetadata, Path imageMetadata, Path masks, Path images) {

	public static final String SEG_METADATA = "IMAplusplus_seg_metadata.csv";
	public static final String SUBSET_METADATA = "IMAplusplus_multiannotator_subset_seg_metadata.csv";
	public static final String IMG_METADATA = "IMAplusplus_img_metadata.csv";

	/** The default layout of a dataset folder. */
	public static DatasetPaths of(Path root) {
		return resolve(root.toFile(), null, null, null);
	}

	/**
	 * The layout of {@code dataset}, with any non-null override taking the place of its default.
	 * @throws IllegalArgumentException naming the path when the dataset folder or a required part is missing
	 */
	public static DatasetPaths resolve(File dataset, File metadata, File masks, File images) {
		Path root = root(dataset);
		Path seg = segMetadata(dataset, metadata);
		Path img = seg.resolveSibling(IMG_METADATA);
		if (!Files.isRegularFile(img)) img = null;
		Path m = given(masks);
		if (m == null && root != null) {
			m = root.resolve("segs");
			if (!Files.isDirectory(m)) m = root.resolve("segs.zip");
		}
		if (m == null || !Files.exists(m)) throw new IllegalArgumentException("Mask folder or segs.zip not found: " + (m == null ? "(none given)" : m));
		Path im = given(images);
		if (im == null && root != null) im = root.resolve("images");
		if (im != null && !Files.isDirectory(im)) {
			if (images != null) throw new IllegalArgumentException("Image folder not found: " + im);
			im = null;
		}
		return new DatasetPaths(root, seg, img, m, im);
	}

	/**
	 * The seg metadata CSV only ({@code metadata=}, a file or its folder, else
	 * {@code dataset/metadata/}), for commands that read no masks: a dataset of only
	 * {@code metadata/} is enough for them.
	 */
	public static Path segMetadata(File dataset, File metadata) {
		Path root = root(dataset);
		Path seg = given(metadata);
		if (seg != null && Files.isDirectory(seg)) seg = seg.resolve(SEG_METADATA);
		if (seg == null) {
			if (root == null) throw new IllegalArgumentException("No dataset folder and no metadata file given");
			seg = root.resolve("metadata").resolve(SEG_METADATA);
		}
		if (!Files.isRegularFile(seg)) throw new IllegalArgumentException("Seg metadata file not found: " + seg);
		return seg;
	}

	private static Path root(File dataset) {
		Path root = given(dataset);
		if (root != null && !Files.isDirectory(root)) throw new IllegalArgumentException("Dataset folder not found: " + root);
		return root;
	}

	private static Path given(File f) {
		return f == null || f.getPath().isEmpty() ? null : f.toPath().toAbsolutePath().normalize();
	}

	/**
	 * {@code segs.zip} when the dataset folder also has a {@code segs/} folder, which is the one
	 * read (the two may disagree); null otherwise, or when masks were given explicitly.
	 */
	public Path unreadMasks() {
		if (root == null || !masks.equals(root.resolve("segs"))) return null;
		Path zip = root.resolve("segs.zip");
		return Files.isRegularFile(zip) ? zip : null;
	}

	/** The lesion image of an ISIC id, or null when there is no image folder or file. */
	public Path image(String imgFilename) {
		if (images == null) return null;
		Path p = images.resolve(imgFilename);
		if (Files.isRegularFile(p)) return p;
		String stem = imgFilename.replaceFirst("\\.[^.]*$", "");
		for (String ext : new String[] { ".JPG", ".jpg", ".jpeg", ".png" }) {
			Path q = images.resolve(stem + ext);
			if (Files.isRegularFile(q)) return q;
		}
		return null;
	}

	/**
	 * The inputs no output may replace or be written into: the dataset folder itself (an output
	 * folder beside its parts is fine), {@code segs/}, {@code segs.zip}, {@code images/},
	 * {@code metadata/} and the metadata files, wherever they are; {@code more} inputs (e.g. a
	 * consensus folder) must not be replaced by an output file.
	 */
	public OutputFolder.Inputs outputGuard(Path... more) {
		List<Path> parts = new ArrayList<>(datasetParts(root));
		parts.addAll(java.util.Arrays.asList(segMetadata, imageMetadata, masks, images));
		return new OutputFolder.Inputs(root, parts, java.util.Arrays.asList(more));
	}

	/** As {@link #outputGuard} for a dataset folder alone, and any other input files. */
	public static OutputFolder.Inputs folderGuard(Path root, Path... files) {
		return new OutputFolder.Inputs(root, datasetParts(root == null ? null : root.toAbsolutePath().normalize()), java.util.Arrays.asList(files));
	}

	private static List<Path> datasetParts(Path root) {
		if (root == null) return List.of();
		return List.of(root.resolve("segs"), root.resolve("segs.zip"), root.resolve("images"), root.resolve("metadata"));
	}
}
