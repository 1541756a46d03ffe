package org.imapp.ij1;

import ij.ImagePlus;
import ij.gui.Roi;

import org.imapp.mask.BinaryMask;

/**
 * A mask the user picked in Fiji: the area selection of an image when it has one (e.g. an
 * annotation drawn or corrected by hand), else the image itself binarised as IMA++ loads masks
 * ({@code value > 0}; RGB: mean of the channels {@code > 0}, i.e. any channel non-zero). Stacks
 * use the current slice.
 */
public final class ImageMasks {

	private ImageMasks() {}

	/** @throws IllegalArgumentException when there is no image */
	public static BinaryMask of(ImagePlus imp) {
		if (imp == null) throw new IllegalArgumentException("No image given");
		int w = imp.getWidth(), h = imp.getHeight();
		Roi roi = imp.getRoi();
		if (roi != null && roi.isArea()) return MaskRois.toMask(roi, w, h);
		BinaryMask out = BinaryMask.empty(w, h);
		MaskStacks.binarise(imp.getProcessor(), out.data(), 0, null, null);
		return out;
	}

	/** What a picked mask is called in tables and errors: the image title, with the ROI's name when the ROI is used. */
	public static String name(ImagePlus imp) {
		Roi roi = imp.getRoi();
		if (roi != null && roi.isArea() && roi.getName() != null && !roi.getName().isEmpty()) return imp.getTitle() + " [" + roi.getName() + "]";
		return imp.getTitle();
	}

	/**
	 * The image a picked mask belongs to: the ISIC id an IMA++ title starts with
	 * ({@code ISIC_0000449_A03_T1_S1.png} or {@code ISIC_0000449.JPG} → {@code ISIC_0000449}), else the
	 * title without its file extension.
	 */
	public static String imageId(ImagePlus imp) {
		String title = imp.getTitle();
		java.util.regex.Matcher m = ISIC_ID.matcher(title);
		if (m.lookingAt()) return m.group();
		int dot = title.lastIndexOf('.');
		return dot > 0 ? title.substring(0, dot) : title;
	}

	private static final java.util.regex.Pattern ISIC_ID = java.util.regex.Pattern.compile("ISIC_\\d{7}");
}
