package org.imapp.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.imapp.data.ImageGroup;
import org.imapp.data.ImageMetadata;
import org.imapp.data.MaskStore;
import org.imapp.data.SegRecord;
import org.imapp.mask.BinaryMask;
import org.imapp.table.Table;

/**
 * One image in flight through the pipeline: its masks read once and decoded once, then handed
 * from stage to stage (QA sees the file bytes, consensus adds its masks, metrics pairs them all),
 * and the small tables each stage leaves behind. Dropped as soon as the image is done.
 */
public final class ImageWork {

	/**
	 * One annotator mask as read: bytes unless missing, the decoded mask unless unreadable, and the
	 * number of distinct raw foreground values when a step asked for them ({@link ImageStep#needsForegroundValues}), else -1.
	 */
	public record Mask(SegRecord record, byte[] bytes, BinaryMask mask, int foregroundValues, String error) {
		public boolean readable() {
			return mask != null;
		}
	}

	/** A consensus mask made in this run (STAPLE or majority vote), with its metadata row. */
	public record Consensus(SegRecord record, BinaryMask mask) {}

	private final ImageGroup group;
	private final MaskStore store;
	private final int index;
	private final ImageMetadata imageMetadata;
	private final Path output;
	private final StageTimes times;
	private final List<Mask> masks;
	private final List<Consensus> consensus = new ArrayList<>(2);
	private final Map<String, Table> parts = new LinkedHashMap<>();

	ImageWork(ImageGroup group, MaskStore store, int index, ImageMetadata imageMetadata, Path output, StageTimes times, List<Mask> masks) {
		this.group = group;
		this.store = store;
		this.index = index;
		this.imageMetadata = imageMetadata;
		this.output = output;
		this.times = times;
		this.masks = masks;
	}

	public ImageGroup group() {
		return group;
	}

	/** Where the dataset's masks are (for masks a step reads itself). */
	public MaskStore store() {
		return store;
	}

	/** Image metadata of the dataset, or null. */
	public ImageMetadata imageMetadata() {
		return imageMetadata;
	}

	/** The run's output folder. */
	public Path output() {
		return output;
	}

	public StageTimes times() {
		return times;
	}

	/** Annotator masks in metadata order, readable or not. */
	public List<Mask> masks() {
		return masks;
	}

	/** The readable annotator masks, in metadata order. */
	public List<Mask> readable() {
		return masks.stream().filter(Mask::readable).toList();
	}

	public List<Consensus> consensus() {
		return consensus;
	}

	public void addConsensus(SegRecord record, BinaryMask mask) {
		consensus.add(new Consensus(record, mask));
	}

	/** Adds rows to a part of this image's result (created with the given columns on first use). */
	public Table part(String name, List<String> columns) {
		return parts.computeIfAbsent(name, k -> new Table(columns));
	}

	public void putPart(String name, Table table) {
		parts.put(name, table);
	}

	/** Records a problem of this image (an unreadable mask, a skipped stage) for the problems table. */
	public void problem(String stage, String message) {
		part(ImageResult.PROBLEMS, PROBLEM_COLUMNS).addRow(group.imgFilename(), stage, message);
	}

	static final List<String> PROBLEM_COLUMNS = List.of("img_id", "stage", "problem");

	ImageResult result(String inputs) {
		return new ImageResult(group.isicId(), index, inputs, parts);
	}
}
