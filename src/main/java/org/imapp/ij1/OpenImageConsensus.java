package org.imapp.ij1;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ij.ImagePlus;
import ij.ImageStack;
import ij.WindowManager;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.type.numeric.integer.UnsignedByteType;

import org.imapp.consensus.MajorityVote;
import org.imapp.consensus.Staple;
import org.imapp.data.MaskVolume;
import org.imapp.table.Table;

/**
 * STAPLE and majority vote of masks open in ImageJ: one image per rater (2-D, or 3-D stacks of
 * one size), or one stack whose slices are the raters (2-D). The results are new images,
 * calibrated as the first rater: the STAPLE and majority-vote masks (8-bit 0/255) and STAPLE's
 * probability map (32-bit, Fire LUT over 0–1), with STAPLE's estimate of each rater.
 */
public final class OpenImageConsensus {

	private OpenImageConsensus() {}

	/** The images and rater estimates made. */
	public record Result(ImagePlus staple, ImagePlus majorityVote, ImagePlus probability, Table raters) {}

	/**
	 * The open images named in {@code titles} (comma-separated, optionally in brackets), or every
	 * open image when it is blank.
	 * @throws IllegalArgumentException naming a title that is not open, or when no image is open
	 */
	public static List<ImagePlus> images(String titles) {
		List<ImagePlus> out = new ArrayList<>();
		String t = titles == null ? "" : titles.strip();
		if (t.startsWith("[") && t.endsWith("]")) t = t.substring(1, t.length() - 1);
		if (t.isBlank()) {
			int[] ids = WindowManager.getIDList();
			if (ids != null) for (int id : ids) out.add(WindowManager.getImage(id));
			if (out.isEmpty()) throw new IllegalArgumentException("No open images: open the raters' masks first (or name them in raters=)");
			return out;
		}
		for (String s : t.split(",")) {
			String title = s.strip();
			if (title.isEmpty()) continue;
			ImagePlus imp = WindowManager.getImage(title);
			if (imp == null) throw new IllegalArgumentException("no open image titled '" + title + "' (raters=)");
			out.add(imp);
		}
		return out;
	}

	/**
	 * Consensus of the images: several images are one rater each; a single stack's slices are the raters.
	 * @throws IllegalArgumentException for fewer than two raters or raters of different sizes (naming both titles)
	 */
	public static Result compute(List<ImagePlus> images, Staple.Parameters parameters) {
		List<String> names = new ArrayList<>();
		List<ArrayImg<UnsignedByteType, ByteArray>> raters = new ArrayList<>();
		double[] spacing;
		String unit;
		String base;
		if (images.size() == 1) {
			ImagePlus imp = images.get(0);
			base = stripExtension(imp.getTitle());
			if (imp.getStackSize() < 2) throw new IllegalArgumentException(imp.getTitle() + ": one 2-D image is one rater; open two or more raters' masks, or one stack whose slices are the raters");
			MaskVolume all3 = MaskStacks.volume(imp, imp.getTitle());
			int w = imp.getWidth(), h = imp.getHeight();
			byte[] all = all3.image().update(null).getCurrentStorageArray();
			ImageStack stack = imp.getStack();
			for (int z = 0; z < imp.getStackSize(); z++) {
				raters.add(ArrayImgs.unsignedBytes(Arrays.copyOfRange(all, z * w * h, (z + 1) * w * h), w, h));
				String label = stack.getShortSliceLabel(z + 1);
				names.add(label == null || label.isBlank() ? "slice " + (z + 1) : label);
			}
			spacing = all3.spacing() == null ? null : Arrays.copyOf(all3.spacing(), 2);
			unit = all3.unit();
		}
		else {
			MaskVolume first = null;
			base = stripExtension(images.get(0).getTitle());
			for (ImagePlus imp : images) {
				MaskVolume v = MaskStacks.volume(imp, imp.getTitle());
				if (first == null) first = v;
				else if (!Arrays.equals(v.dimensions(), first.dimensions())) {
					throw new IllegalArgumentException(imp.getTitle() + " is " + v.sizeText() + ", but " + images.get(0).getTitle() + " is " + first.sizeText()
						+ ": the raters' masks must have one size");
				}
				raters.add(v.image());
				names.add(imp.getTitle());
			}
			spacing = first.spacing();
			unit = first.unit();
		}
		var staple = Staple.computeNd(raters, parameters, null, null);
		var mv = MajorityVote.computeNd(raters, null, null);
		ImagePlus st = MaskStacks.image(base + "_ST", staple.consensusImage(), true, spacing, unit);
		ImagePlus mvImp = MaskStacks.image(base + "_MV", mv, true, spacing, unit);
		ImagePlus prob = ConsensusImages.fire(MaskStacks.image(base + "_ST_probability", staple.probabilityImage(), false, spacing, unit));
		Table t = new Table("rater", "sensitivity", "specificity", "iterations");
		for (int r = 0; r < names.size(); r++) t.addRow(names.get(r), staple.sensitivity()[r], staple.specificity()[r], (long) staple.iterations());
		return new Result(st, mvImp, prob, t);
	}

	private static String stripExtension(String title) {
		int dot = title.lastIndexOf('.');
		return dot > 0 ? title.substring(0, dot) : title;
	}
}
