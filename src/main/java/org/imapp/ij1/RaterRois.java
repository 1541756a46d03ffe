package org.imapp.ij1;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.gui.ShapeRoi;
import ij.plugin.frame.RoiManager;
import ij.process.LUT;

import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.type.numeric.integer.UnsignedByteType;

import org.imapp.data.Manifest;
import org.imapp.data.MaskVolume;
import org.imapp.mask.BinaryMask;
import org.imapp.multirater.MultiRaterRun;
import org.imapp.progress.ProgressMonitor;
import org.imapp.table.Table;

/**
 * The raters of a generic multi-rater image as ROIs: a 2-D mask is one ROI (holes and islands
 * kept, {@link MaskRois}), a 3-D mask one ROI per slice that has foreground, its position set to
 * that slice, so the ROI Manager and overlays show each slice's outline on that slice only.
 */
public final class RaterRois {

	private RaterRois() {}

	/** One image's masks, read: raters in manifest order, then the consensus masks found. */
	public record Masks(Manifest.Image image, List<String> names, List<MaskVolume> volumes) {}

	/**
	 * Reads an image's rater masks and, when {@code consensusDir} holds them, its {@code _ST.tif}
	 * and {@code _MV.tif} masks.
	 * @throws IllegalArgumentException naming the manifest line of a mask that cannot be read or has another size
	 */
	public static Masks read(Manifest manifest, Manifest.Image image, Path consensusDir) throws IOException {
		List<String> names = new ArrayList<>();
		List<MaskVolume> volumes = new ArrayList<>();
		for (Manifest.Entry e : image.raters()) {
			MaskVolume v;
			try {
				v = MaskStacks.FILES.read(e.mask());
			}
			catch (IOException ex) {
				throw new IllegalArgumentException(manifest.where(e) + ": " + ex.getMessage(), ex);
			}
			if (!volumes.isEmpty() && !Arrays.equals(v.dimensions(), volumes.get(0).dimensions())) {
				throw new IllegalArgumentException(manifest.where(e) + " is " + v.sizeText() + ", but " + manifest.where(image.raters().get(0)) + " is "
					+ volumes.get(0).sizeText() + ": all raters of image " + image.id() + " must have one size");
			}
			names.add(e.rater());
			volumes.add(v);
		}
		if (consensusDir != null) {
			for (String kind : List.of(MultiRaterRun.STAPLE, MultiRaterRun.MAJORITY_VOTE)) {
				Path f = consensusDir.resolve(MultiRaterRun.consensusFile(image.id(), kind));
				if (!Files.isRegularFile(f)) continue;
				MaskVolume v = MaskStacks.FILES.read(f);
				if (!Arrays.equals(v.dimensions(), volumes.get(0).dimensions())) {
					throw new IllegalArgumentException(f + " is " + v.sizeText() + ", but the raters of " + image.id() + " are " + volumes.get(0).sizeText());
				}
				names.add(kind);
				volumes.add(v);
			}
		}
		return new Masks(image, names, volumes);
	}

	/** The ROIs of a mask: named {@code name} (2-D) or {@code name z<k>} (slice k from 1, 3-D), coloured; none for an empty mask. */
	public static List<Roi> rois(ArrayImg<UnsignedByteType, ByteArray> mask, String name, Color color) {
		int w = (int) mask.dimension(0), h = (int) mask.dimension(1), n = mask.numDimensions() > 2 ? (int) mask.dimension(2) : 1;
		byte[] data = mask.update(null).getCurrentStorageArray();
		List<Roi> out = new ArrayList<>();
		for (int z = 0; z < n; z++) {
			Roi roi = MaskRois.toRoi(new BinaryMask(w, h, Arrays.copyOfRange(data, z * w * h, (z + 1) * w * h)));
			if (roi == null) continue;
			roi.setName(n == 1 ? name : name + " z" + (z + 1));
			if (n > 1) roi.setPosition(z + 1);
			roi.setStrokeColor(color);
			roi.setProperty("rater", name);
			out.add(roi);
		}
		return out;
	}

	/** Every mask's ROIs, raters in their colours, consensus masks in STAPLE's and majority vote's. */
	public static List<Roi> rois(Masks masks) {
		List<Roi> out = new ArrayList<>();
		for (int i = 0; i < masks.volumes().size(); i++) out.addAll(rois(masks, i));
		return out;
	}

	/** The k-th mask's ROIs: a rater in its colour, a consensus mask ({@code ST}, {@code MV}) in STAPLE's or majority vote's. */
	private static List<Roi> rois(Masks masks, int k) {
		String name = masks.names().get(k);
		Color c = k < masks.image().raters().size() ? AnnotationStyle.raterColor(k) : AnnotationStyle.color(name);
		return rois(masks.volumes().get(k).image(), name, c);
	}

	/**
	 * The view of an image's raters: per voxel how many raters marked it (0…n, the Fire LUT), with
	 * every ROI in the overlay on its slice; calibrated as the first rater's file.
	 */
	public static ImagePlus view(Masks masks, List<Roi> rois) {
		int raters = masks.image().raters().size();
		MaskVolume first = masks.volumes().get(0);
		ArrayImg<UnsignedByteType, ByteArray> votes = ArrayImgs.unsignedBytes(first.dimensions());
		byte[] v = votes.update(null).getCurrentStorageArray();
		for (int r = 0; r < raters; r++) {
			byte[] d = masks.volumes().get(r).image().update(null).getCurrentStorageArray();
			for (int i = 0; i < v.length; i++) v[i] += d[i];
		}
		ImagePlus imp = MaskStacks.image(masks.image().id() + " raters", votes, false, first.spacing(), first.unit());
		imp.setDisplayRange(0, raters);
		LUT fire = ij.plugin.LutLoader.getLut("fire") == null ? null : new LUT(ij.plugin.LutLoader.getLut("fire"), 0, raters);
		if (fire != null) imp.getProcessor().setLut(fire);
		Overlay o = new Overlay();
		for (Roi roi : rois) o.add(roi);
		imp.setOverlay(o);
		return imp;
	}

	/** Shows the view (unless null: Fiji shows a command's output image itself) and lists the ROIs in the ROI Manager (not headless). */
	public static void show(ImagePlus view, List<Roi> rois) {
		if (!AnnotationDisplay.canShow()) return;
		if (view != null) view.show();
		RoiManager rm = RoiManager.getRoiManager();
		rm.reset();
		for (Roi roi : rois) rm.addRoi((Roi) roi.clone());
	}

	/**
	 * ROIs back to masks of a manifest image's size (its first rater's file): the ROIs of one rater
	 * (their {@code rater} property as {@link #rois} sets it, else the ROI name up to {@code " z<k>"})
	 * become one mask, each ROI filling its slice (position 0 on a stack: every slice), written as
	 * {@code <image_id>_<rater>.tif} (0/255, calibrated as the rater files). Returns one row per mask.
	 */
	public static Table importRois(List<Roi> rois, Manifest manifest, Manifest.Image image, Path out) throws IOException {
		Manifest.Entry first = image.raters().get(0);
		MaskVolume like;
		try {
			like = MaskStacks.FILES.read(first.mask());
		}
		catch (IOException e) {
			throw new IllegalArgumentException(manifest.where(first) + ": " + e.getMessage(), e);
		}
		long[] dims = like.dimensions();
		int w = (int) dims[0], h = (int) dims[1], n = dims.length > 2 ? (int) dims[2] : 1;
		java.util.Map<String, ArrayImg<UnsignedByteType, ByteArray>> masks = new java.util.LinkedHashMap<>();
		for (Roi roi : rois) {
			String rater = roi.getProperty("rater");
			if (rater == null || rater.isBlank()) rater = roi.getName() == null ? "roi" : roi.getName().replaceFirst(" z\\d+$", "").trim();
			ArrayImg<UnsignedByteType, ByteArray> m = masks.computeIfAbsent(rater, k -> ArrayImgs.unsignedBytes(dims));
			byte[] data = m.update(null).getCurrentStorageArray();
			byte[] slice = MaskRois.toMask(roi, w, h).data();
			int pos = roi.getPosition();
			if (pos > n) throw new IllegalArgumentException("ROI " + roi.getName() + " is on slice " + pos + ", but image " + image.id() + " has " + n);
			for (int z = pos > 0 ? pos - 1 : 0; z < (pos > 0 ? pos : n); z++) {
				for (int i = 0; i < slice.length; i++) if (slice[i] != 0) data[z * w * h + i] = 1;
			}
		}
		Table summary = new Table("rater", "mask", "voxels");
		for (var e : masks.entrySet()) {
			String file = image.id() + "_" + e.getKey().replaceAll("[^A-Za-z0-9.-]+", "_") + ".tif";
			MaskStacks.FILES.writeTiff(e.getValue(), true, like.spacing(), like.unit(), out.resolve(file));
			long count = 0;
			for (byte b : e.getValue().update(null).getCurrentStorageArray()) count += b;
			summary.addRow(e.getKey(), file, count);
		}
		return summary;
	}

	/**
	 * Writes {@code <image_id>_RoiSet.zip} per image into {@code out} and returns one row per mask:
	 * image, mask name, file, ROIs (slices with foreground), voxels, outlines, RoiSet.
	 */
	public static Table export(Manifest manifest, List<Manifest.Image> images, Path consensusDir, Path out, ProgressMonitor monitor) throws IOException {
		Table summary = new Table("image_id", "rater", "mask", "rois", "voxels", "outlines", "roi_set");
		for (int i = 0; i < images.size(); i++) {
			monitor.checkCanceled();
			Manifest.Image im = images.get(i);
			monitor.progress(i, images.size(), "Exporting ROIs of " + im.id());
			Masks masks = read(manifest, im, consensusDir);
			List<Roi> all = new ArrayList<>();
			String zip = im.id() + "_RoiSet.zip";
			for (int k = 0; k < masks.volumes().size(); k++) {
				String name = masks.names().get(k);
				List<Roi> rois = rois(masks, k);
				all.addAll(rois);
				long outlines = rois.stream().mapToLong(r -> r instanceof ShapeRoi s ? s.getRois().length : 1).sum();
				String file = k < im.raters().size() ? im.raters().get(k).label(manifest) : MultiRaterRun.consensusFile(im.id(), name);
				summary.addRow(im.id(), name, file, (long) rois.size(), masks.volumes().get(k).foreground(), outlines, zip);
			}
			RoiSets.write(all, out.resolve(zip));
		}
		monitor.progress(images.size(), images.size(), "Exported ROIs of " + images.size() + " images to " + out);
		return summary;
	}
}
