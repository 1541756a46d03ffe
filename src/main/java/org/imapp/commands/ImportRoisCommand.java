package org.imapp.commands;

import java.io.File;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import ij.gui.Roi;

import org.imapp.data.Dataset;
import org.imapp.data.Manifest;
import org.imapp.data.ImageGroup;
import org.imapp.ij1.MaskRois;
import org.imapp.ij1.RaterRois;
import org.imapp.ij1.ResultsTables;
import org.imapp.ij1.RoiSets;
import org.imapp.io.AtomicFiles;
import org.imapp.mask.BinaryMask;
import org.imapp.mask.MaskIO;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Turns ROIs (a RoiSet zip or a .roi file, e.g. an annotation drawn or corrected in Fiji) into
 * binary masks of the lesion image's size, written as 8-bit 0/255 PNGs in the IMA++ mask format,
 * so they can be scored against the dataset's masks. A ROI exported by IMA++ keeps its mask file
 * name; others are named {@code <ISIC_id>_<ROI name>.png}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>IMA++>IMA++ Import ROIs", label = "IMA++ Import ROIs")
public class ImportRoisCommand extends ImappCommand {

	public static final String SUMMARY_CSV = "imported_masks.csv";

	@Parameter(label = "rois", style = "file", description = "RoiSet .zip or .roi file")
	private File rois;

	@Parameter(label = "dataset", required = false, style = "directory", description = "IMA++ dataset folder (gives the image size; or manifest=)")
	private File dataset;

	@Parameter(label = "manifest", required = false, persist = false, style = "file",
		description = "Multi-rater manifest CSV instead of an IMA++ dataset: one <image_id>_<rater>.tif mask (2-D or 3-D, the image's size) per rater's ROIs")
	private File manifest;

	@Parameter(label = "isic_id", description = "ISIC id of the image the ROIs were drawn on (manifest=: its image_id)")
	private String isic_id = "";

	@Parameter(label = "output", style = "directory", description = "Folder for the mask PNGs")
	private File output;

	@Parameter(type = ItemIO.OUTPUT, description = "Mask files written")
	private int masks_written;

	@Parameter(type = ItemIO.OUTPUT, description = "The output folder written")
	private File output_folder;

	@Parameter(type = ItemIO.OUTPUT, description = "imported_masks.csv: every mask written")
	private File table_csv;

	@Override
	protected void execute() throws Exception {
		if (rois == null || !rois.isFile()) throw new IllegalArgumentException("ROI file not found: " + (rois == null ? "(none)" : rois.getAbsolutePath()));
		List<Roi> list = RoiSets.read(rois.toPath());
		if (ManifestRuns.useManifest(dataset, manifest)) {
			Path out = manifestOutputFolder(output, manifest);
			Manifest m = Manifest.load(manifest.toPath());
			Manifest.Image im = m.image(isic_id == null ? "" : isic_id.trim());
			if (im == null) throw new IllegalArgumentException("image_id not in the manifest: " + isic_id);
			Table summary = RaterRois.importRois(list, m, im, out);
			CsvTables.write(summary, out.resolve(SUMMARY_CSV));
			ResultsTables.show(summary, "IMA++ imported masks");
			masks_written = summary.rowCount();
			output_folder = publishedFile(out);
			table_csv = publishedFile(out.resolve(SUMMARY_CSV));
			return;
		}
		try (Dataset ds = loadDataset(dataset, null, null, null, false)) {
			Path out = outputFolder(output, guard(ds.paths(), rois));
			String id = isic_id == null ? "" : isic_id.trim();
			ImageGroup g = ds.group(id);
			if (g == null) throw new IllegalArgumentException("ISIC id not in the dataset: " + id);
			int[] size = imageSize(ds, g);
			Table summary = new Table("roi_name", "seg_filename", "pixels");
			Set<String> used = new HashSet<>();
			for (Roi roi : list) {
				BinaryMask mask = MaskRois.toMask(roi, size[0], size[1]);
				String file = roi.getProperty("seg_filename");
				if (file == null || file.isBlank() || !file.startsWith(g.isicId())) file = g.isicId() + "_" + roi.getName().trim().replaceAll("[^A-Za-z0-9.-]+", "_") + ".png";
				if (!used.add(file)) throw new IllegalArgumentException("Two ROIs would both be written as " + file + " (rename one)");
				AtomicFiles.write(out.resolve(file), o -> MaskIO.writePng(mask, o));
				summary.addRow(roi.getName(), file, mask.count());
			}
			CsvTables.write(summary, out.resolve(SUMMARY_CSV));
			ResultsTables.show(summary, "IMA++ imported masks");
			masks_written = summary.rowCount();
			output_folder = publishedFile(out);
			table_csv = publishedFile(out.resolve(SUMMARY_CSV));
		}
	}

	/** The lesion image's size from its header, else the size of its first mask. */
	private static int[] imageSize(Dataset ds, ImageGroup g) throws java.io.IOException {
		Path img = ds.paths().image(g.imgFilename());
		if (img != null) {
			try (var in = javax.imageio.ImageIO.createImageInputStream(img.toFile())) {
				var readers = javax.imageio.ImageIO.getImageReaders(in);
				if (readers.hasNext()) {
					var r = readers.next();
					try {
						r.setInput(in);
						return new int[] { r.getWidth(0), r.getHeight(0) };
					}
					finally {
						r.dispose();
					}
				}
			}
		}
		var records = g.allMasks();
		BinaryMask first = ds.masks().read(records.get(0).segFilename());
		return new int[] { first.width(), first.height() };
	}
}
