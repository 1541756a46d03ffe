package org.imapp.ij1;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.gui.Roi;

import org.imapp.data.Dataset;
import org.imapp.data.ImageGroup;
import org.imapp.data.SegRecord;
import org.imapp.mask.BinaryMask;
import org.imapp.mask.MaskIO;

/**
 * The masks of one lesion image as ROIs: every annotator's mask and, when asked for and
 * available, the STAPLE and majority-vote consensus masks — from a consensus folder
 * ({@code <ISIC_id>_ST_ST_ST_ST.png}, as the Consensus Masks command writes them) or from the
 * dataset's own consensus rows. Only this image's masks are read.
 */
public final class ImageAnnotations {

	/** One mask with its display name (unique in the image) and ROI (null when the mask is empty). */
	public record Annotation(SegRecord record, String name, BinaryMask mask, Roi roi) {

		public boolean isEmpty() {
			return roi == null;
		}
	}

	private final ImageGroup group;
	private final int width;
	private final int height;
	private final List<Annotation> annotators;
	private final List<Annotation> consensus;

	private ImageAnnotations(ImageGroup group, int width, int height, List<Annotation> annotators, List<Annotation> consensus) {
		this.group = group;
		this.width = width;
		this.height = height;
		this.annotators = annotators;
		this.consensus = consensus;
	}

	/**
	 * Reads the image's masks.
	 * @param consensusDir folder with consensus PNGs, or a results folder holding {@code consensus/}; null: the dataset's rows only
	 * @param kinds consensus kinds to include ({@code ST}, {@code MV}); empty for none
	 * @throws IOException naming an unreadable mask or two masks of different sizes
	 */
	public static ImageAnnotations load(Dataset dataset, ImageGroup group, Path consensusDir, List<String> kinds) throws IOException {
		List<SegRecord> records = new ArrayList<>(group.annotatorMasks());
		List<BinaryMask> masks = new ArrayList<>();
		for (SegRecord r : records) masks.add(dataset.masks().read(r.segFilename()));
		List<SegRecord> consRecords = new ArrayList<>();
		List<BinaryMask> consMasks = new ArrayList<>();
		Path dir = org.imapp.runner.ConsensusMasks.consensusFolder(consensusDir);
		for (String kind : kinds) {
			SegRecord row = group.consensus(kind);
			Path file = dir == null ? null : dir.resolve(SegRecord.consensusFilename(group.isicId(), kind));
			if (file != null && Files.isRegularFile(file)) {
				consRecords.add(SegRecord.consensus(group.isicId(), group.imgFilename(), kind, ""));
				consMasks.add(MaskIO.read(file));
			}
			else if (row != null && dataset.masks().exists(row.segFilename())) {
				consRecords.add(row);
				consMasks.add(dataset.masks().read(row.segFilename()));
			}
		}
		BinaryMask first = masks.isEmpty() ? (consMasks.isEmpty() ? null : consMasks.get(0)) : masks.get(0);
		String firstName = records.isEmpty() ? (consRecords.isEmpty() ? null : consRecords.get(0).segFilename()) : records.get(0).segFilename();
		if (first == null) throw new IOException(group.isicId() + ": no masks");
		List<SegRecord> allRecords = new ArrayList<>(records);
		allRecords.addAll(consRecords);
		List<String> names = names(allRecords);
		List<Annotation> ann = annotate(records, names.subList(0, records.size()), masks, first, firstName);
		List<Annotation> cons = annotate(consRecords, names.subList(records.size(), names.size()), consMasks, first, firstName);
		return new ImageAnnotations(group, first.width(), first.height(), ann, cons);
	}

	/**
	 * Display names: {@link SegRecord#label()}, with {@code #2}, {@code #3} added when one
	 * annotator made several masks of the image with the same tool and skill.
	 */
	public static List<String> names(List<SegRecord> records) {
		java.util.Map<String, Integer> total = new java.util.HashMap<>();
		for (SegRecord r : records) total.merge(r.label(), 1, Integer::sum);
		java.util.Map<String, Integer> seen = new java.util.HashMap<>();
		List<String> out = new ArrayList<>();
		for (SegRecord r : records) {
			int k = seen.merge(r.label(), 1, Integer::sum);
			out.add(total.get(r.label()) > 1 ? r.label() + " #" + k : r.label());
		}
		return out;
	}

	private static List<Annotation> annotate(List<SegRecord> records, List<String> names, List<BinaryMask> masks, BinaryMask first, String firstName) throws IOException {
		List<Annotation> out = new ArrayList<>();
		for (int i = 0; i < records.size(); i++) {
			BinaryMask m = masks.get(i);
			if (!m.sameSize(first)) {
				throw new IOException("Masks of different sizes: " + firstName + " (" + first.width() + "x" + first.height() + ") and "
					+ records.get(i).segFilename() + " (" + m.width() + "x" + m.height() + ")");
			}
			Roi roi = MaskRois.toRoi(m);
			if (roi != null) AnnotationStyle.apply(roi, records.get(i), names.get(i), m.width(), m.height());
			out.add(new Annotation(records.get(i), names.get(i), m, roi));
		}
		return out;
	}

	public ImageGroup group() {
		return group;
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	public List<Annotation> annotators() {
		return annotators;
	}

	public List<Annotation> consensus() {
		return consensus;
	}

	/** Annotators then consensus. */
	public List<Annotation> all() {
		List<Annotation> all = new ArrayList<>(annotators);
		all.addAll(consensus);
		return all;
	}

	/** Display name per mask file name (for tables that name masks by file). */
	public java.util.Map<String, String> namesByFile() {
		java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
		for (Annotation a : all()) m.put(a.record().segFilename(), a.name());
		return m;
	}

	/** The non-empty masks' ROIs, annotators first. */
	public List<Roi> rois() {
		List<Roi> out = new ArrayList<>();
		for (Annotation a : all()) if (a.roi() != null) out.add(a.roi());
		return out;
	}
}
