package org.imapp.data;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.imapp.mask.MaskLimits;

/**
 * An IMA++ dataset loaded once: validated seg metadata, optional image metadata, the mask store,
 * and the masks grouped per image in file order.
 */
public final class Dataset implements Closeable {

	private final DatasetPaths paths;
	private final SegMetadata segMetadata;
	private final ImageMetadata imageMetadata;
	private final MaskStore masks;
	private final List<ImageGroup> groups;

	private Dataset(DatasetPaths paths, SegMetadata seg, ImageMetadata img, MaskStore masks) {
		this.paths = paths;
		this.segMetadata = seg;
		this.imageMetadata = img;
		this.masks = masks;
		this.groups = group(seg.records());
	}

	/** Loads metadata (leaving invalid rows out unless {@code strict}) and opens the mask store. */
	public static Dataset load(DatasetPaths paths, boolean strict) throws IOException {
		return load(paths, strict, MaskLimits.defaults());
	}

	/** As {@link #load(DatasetPaths, boolean)}, masks read under {@code limits}. */
	public static Dataset load(DatasetPaths paths, boolean strict, MaskLimits limits) throws IOException {
		SegMetadata seg = SegMetadata.read(paths.segMetadata(), strict);
		ImageMetadata img = paths.imageMetadata() == null ? null : ImageMetadata.read(paths.imageMetadata());
		MaskStore store = MaskStore.open(paths.masks(), limits, paths.unreadMasks());
		return new Dataset(paths, seg, img, store);
	}

	/**
	 * For commands that work on masks: fails early, before any step, when the metadata lists none.
	 * @throws MetadataException "no masks in the dataset: file" (with the rejected rows, if any)
	 */
	public Dataset requireMasks() throws MetadataException {
		if (!records().isEmpty()) return this;
		List<ValidationProblem> rejected = segMetadata.problems();
		throw new MetadataException("no masks in the dataset: " + segMetadata.file()
			+ (rejected.isEmpty() ? " (no data rows)" : " (all " + rejected.size() + " rows rejected; first: " + rejected.get(0) + ")"));
	}

	public static Dataset load(DatasetPaths paths) throws IOException {
		return load(paths, false);
	}

	/** The same dataset restricted to some records (e.g. a filter or a shard). */
	public Dataset withRecords(List<SegRecord> records) {
		return new Dataset(paths, SegMetadata.of(segMetadata.file(), records), imageMetadata, masks);
	}

	/** Groups records per image in order of first appearance, consensus rows apart. */
	public static List<ImageGroup> group(List<SegRecord> records) {
		Map<String, List<SegRecord>[]> byImage = new LinkedHashMap<>();
		for (SegRecord r : records) {
			@SuppressWarnings("unchecked")
			List<SegRecord>[] lists = byImage.computeIfAbsent(r.imgFilename(), k -> new List[] { new ArrayList<>(), new ArrayList<>() });
			lists[r.isConsensus() ? 1 : 0].add(r);
		}
		List<ImageGroup> out = new ArrayList<>(byImage.size());
		for (var e : byImage.entrySet()) {
			List<SegRecord> ann = e.getValue()[0];
			List<SegRecord> cons = new ArrayList<>(e.getValue()[1]);
			// STAPLE before majority vote, whatever order the rows came in.
			cons.sort((a, b) -> a.annotator().equals(b.annotator()) ? 0 : SegRecord.STAPLE.equals(a.annotator()) ? -1 : 1);
			SegRecord first = ann.isEmpty() ? cons.get(0) : ann.get(0);
			out.add(new ImageGroup(first.isicId(), e.getKey(), ann, cons));
		}
		return out;
	}

	public DatasetPaths paths() {
		return paths;
	}

	public SegMetadata segMetadata() {
		return segMetadata;
	}

	public List<SegRecord> records() {
		return segMetadata.records();
	}

	/** Image metadata, or null when the dataset has none. */
	public ImageMetadata imageMetadata() {
		return imageMetadata;
	}

	public MaskStore masks() {
		return masks;
	}

	/** Every image with its masks, in order of first appearance. */
	public List<ImageGroup> groups() {
		return groups;
	}

	/** Images with at least two annotator masks. */
	public List<ImageGroup> multiAnnotatorGroups() {
		return groups.stream().filter(ImageGroup::isMultiAnnotator).toList();
	}

	public ImageGroup group(String isicIdOrFilename) {
		for (ImageGroup g : groups) if (g.isicId().equals(isicIdOrFilename) || g.imgFilename().equals(isicIdOrFilename)) return g;
		return null;
	}

	/**
	 * The rows of the multi-annotator subset in file order, exactly as IMA++'s
	 * {@code create_multiannotator_subset.py} keeps them (its consensus rows included).
	 */
	public List<SegRecord> multiAnnotatorRecords() {
		return subsetOf(records());
	}

	/** The multi-annotator subset of any record list, file order kept. */
	public static List<SegRecord> subsetOf(List<SegRecord> records) {
		java.util.Set<String> keep = new java.util.HashSet<>();
		for (ImageGroup g : group(records)) if (g.isMultiAnnotator()) keep.add(g.imgFilename());
		return records.stream().filter(r -> keep.contains(r.imgFilename())).toList();
	}

	/** Records matching a filter, in file order. */
	public List<SegRecord> filter(Predicate<SegRecord> p) {
		return records().stream().filter(p).toList();
	}

	@Override
	public void close() throws IOException {
		masks.close();
	}
}
