package org.imapp.synth;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.imapp.Fixtures;
import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.imapp.data.ImageGroup;
import org.imapp.data.ImageMetadata;
import org.imapp.data.SegMetadata;

/**
 * Developer tool (test sources, not in the jar): derives {@link SubsetSizes}' bundled table from
 * the published metadata — the multi-annotator subset's seg metadata (annotator masks per image,
 * in their order) and the image metadata ({@code pixels_x}, {@code pixels_y},
 * {@code benign_malignant}). Run after the published tables change:
 * {@code java -cp target/classes:target/test-classes:... org.imapp.synth.SubsetSizesGenerator [reference folder]}.
 */
public final class SubsetSizesGenerator {

	static final Path RESOURCE = Path.of("src/main/resources/org/imapp/synth", SubsetSizes.RESOURCE);

	private SubsetSizesGenerator() {}

	public static void main(String[] args) throws IOException {
		Path reference = args.length > 0 ? Path.of(args[0]) : Fixtures.REFERENCE;
		List<SubsetSizes.Image> images = derive(reference);
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(RESOURCE))) {
			out.write(SubsetSizes.csv(images).getBytes(StandardCharsets.UTF_8));
		}
		System.out.println("Wrote " + RESOURCE + ": " + images.size() + " images, " + images.stream().mapToInt(i -> i.masks().size()).sum() + " masks");
	}

	static List<SubsetSizes.Image> derive(Path reference) throws IOException {
		Path imgFile = reference.resolve(DatasetPaths.IMG_METADATA);
		SegMetadata seg = SegMetadata.read(reference.resolve(DatasetPaths.SUBSET_METADATA), false);
		ImageMetadata img = ImageMetadata.read(imgFile);
		int idCol = img.table().indexOf(ImageMetadata.ID);
		Map<String, Integer> rowOf = new HashMap<>();
		for (int i = 0; i < img.table().rowCount(); i++) rowOf.put(img.table().getString(i, idCol), i);
		List<SubsetSizes.Image> out = new ArrayList<>();
		for (ImageGroup g : Dataset.group(seg.records().stream().filter(s -> !s.isConsensus()).toList())) {
			Integer row = rowOf.get(g.isicId());
			if (row == null) throw new IOException(imgFile + ": no row for " + g.isicId());
			int w = Integer.parseInt(img.table().getString(row, "pixels_x").trim());
			int h = Integer.parseInt(img.table().getString(row, "pixels_y").trim());
			List<String> masks = g.annotatorMasks().stream().map(s -> s.annotator() + "_" + s.tool() + "_" + s.skillLevel()).toList();
			out.add(new SubsetSizes.Image(g.isicId(), w, h, img.table().getString(row, "benign_malignant"), masks));
		}
		return out;
	}
}
