package org.imapp.ij1;

import java.awt.Rectangle;

import ij.gui.Roi;
import ij.plugin.filter.ThresholdToSelection;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;

import org.imapp.mask.BinaryMask;

/**
 * Binary masks to ImageJ ROIs and back, pixel for pixel. A mask becomes the traced outline of its
 * foreground pixel edges ({@link ThresholdToSelection}): one polygon for a simple lesion, a
 * composite ({@code ShapeRoi}) keeping holes and separate islands otherwise, so that the ROI's
 * own pixel mask is the mask again.
 */
public final class MaskRois {

	private MaskRois() {}

	/** The mask's outline as a ROI, or null for an empty mask (no pixel to outline). */
	public static Roi toRoi(BinaryMask mask) {
		// Wraps the 0/1 array without copying: a 30-megapixel mask is not duplicated.
		ByteProcessor bp = new ByteProcessor(mask.width(), mask.height(), mask.data());
		bp.setThreshold(1, 255, ImageProcessor.NO_LUT_UPDATE);
		return new ThresholdToSelection().convert(bp);
	}

	/** The pixels inside {@code roi} on a {@code width × height} image (parts outside are clipped). */
	public static BinaryMask toMask(Roi roi, int width, int height) {
		BinaryMask out = BinaryMask.empty(width, height);
		if (roi == null) return out;
		Rectangle r = roi.getBounds();
		ImageProcessor m = roi.getMask();
		byte[] data = out.data();
		int x0 = Math.max(0, r.x), y0 = Math.max(0, r.y);
		int x1 = Math.min(width, r.x + r.width), y1 = Math.min(height, r.y + r.height);
		for (int y = y0; y < y1; y++) {
			int row = y * width;
			for (int x = x0; x < x1; x++) {
				// A null mask means the whole bounding rectangle (rectangular ROIs).
				if (m == null || m.get(x - r.x, y - r.y) != 0) data[row + x] = 1;
			}
		}
		return out;
	}
}
