package org.imapp.ij1;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;

import ij.gui.ImageRoi;

import org.imapp.mask.BinaryMask;

/**
 * Where annotators agree: per pixel the share of annotators whose mask covers it, drawn as a
 * translucent overlay with a discrete colour scale (k of n annotators), pixels no one marked left
 * clear so the lesion shows through.
 */
public final class AgreementMap {

	/** Overlay opacity: the lesion stays readable beneath. */
	public static final int ALPHA = 80;

	private AgreementMap() {}

	/** Number of masks covering each pixel (row-major); all masks have the same size. */
	public static byte[] votes(List<BinaryMask> masks) {
		if (masks.isEmpty()) return new byte[0];
		byte[] out = new byte[masks.get(0).data().length];
		for (BinaryMask m : masks) {
			byte[] d = m.data();
			for (int i = 0; i < d.length; i++) out[i] += d[i];
		}
		return out;
	}

	/** The colour of "k of n annotators": blue for one, through green and yellow, to red for all. */
	public static Color color(int k, int n) {
		if (n <= 1) return new Color(0xE0, 0x20, 0x20);
		float t = (k - 1f) / (n - 1f);
		// Hue from 240° (blue) down to 0° (red).
		return Color.getHSBColor((1 - t) * 2f / 3f, 0.85f, 1f);
	}

	/** The map as an overlay image at the origin of a {@code width × height} image. */
	public static ImageRoi overlay(byte[] votes, int width, int height, int annotators) {
		BufferedImage bi = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
		int[] argb = new int[annotators + 1];
		for (int k = 1; k <= annotators; k++) argb[k] = (ALPHA << 24) | (color(k, annotators).getRGB() & 0xFFFFFF);
		int[] row = new int[width];
		for (int y = 0; y < height; y++) {
			int off = y * width;
			for (int x = 0; x < width; x++) row[x] = argb[Math.min(votes[off + x], annotators)];
			bi.setRGB(0, y, width, 1, row, 0, width);
		}
		ImageRoi roi = new ImageRoi(0, 0, bi);
		roi.setName("Agreement map");
		return roi;
	}
}
