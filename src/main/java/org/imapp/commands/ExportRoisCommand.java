package org.imapp.commands;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.gui.Roi;
import ij.gui.ShapeRoi;

import org.imapp.data.Dataset;
import org.imapp.data.Manifest;
import org.imapp.data.ImageGroup;
import org.imapp.data.SegRecord;
import org.imapp.ij1.ImageAnnotations;
import org.imapp.ij1.RaterRois;
import org.imapp.ij1.ResultsTables;
import org.imapp.ij1.RoiSets;
import org.imapp.progress.ProgressMonitor;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Writes every image's masks as an ImageJ ROI set, {@code output/<ISIC_id>_RoiSet.zip}, one
 * named ROI per mask (holes and islands kept), plus {@code roi_export.csv} listing each mask's
 * ROI, pixel count and number of outlines (0 for an empty mask, which has no ROI).
 */
@Plugin(type = Command.class, menuPath = "Plugins>IMA++>IMA++ Export ROIs", label = "IMA++ Export ROIs")
public class ExportRoisCommand extends ImappCommand {

	public static final String SUMMARY_CSV = "roi_export.csv";

	@Parameter(label = "dataset", required = false, style = "directory", description = "IMA++ dataset folder (or manifest=)")
	private File dataset;

	@Parameter(label = "manifest", required = false, persist = false, style = "file",
		description = "Multi-rater manifest CSV instead of an IMA++ dataset: <image_id>_RoiSet.zip per image, 3-D masks as one ROI per slice")
	private File manifest;

	@Parameter(label = "output", style = "directory", description = "Folder for the RoiSet zips")
	private File output;

	@Parameter(label = "consensus", required = false, persist = false, style = "directory", description = "Consensus masks folder (optional): adds STAPLE and majority vote")
	private File consensus;

	@Parameter(label = "isic_id", required = false, description = "Only this image (empty: every image); with manifest=: an image_id")
	private String isic_id = "";

	@Parameter(label = "metadata", required = false, persist = false, style = "file", description = "Seg metadata CSV instead of the dataset's")
	private File metadata;

	@Parameter(label = "masks", required = false, persist = false, style = "directory", description = "Mask folder or segs.zip instead of the dataset's")
	private File masks;

	@Parameter(type = ItemIO.OUTPUT, description = "RoiSet zips written (one per image)")
	private int roi_sets;

	@Parameter(type = ItemIO.OUTPUT, description = "The output folder written")
	private File output_folder;

	@Parameter(type = ItemIO.OUTPUT, description = "roi_export.csv: every ROI written")
	private File table_csv;

	@Override
	protected void execute() throws Exception {
		if (ManifestRuns.useManifest(dataset, manifest)) {
			Path out = manifestOutputFolder(output, manifest);
			Manifest m = Manifest.load(manifest.toPath());
			List<Manifest.Image> images = m.images();
			if (isic_id != null && !isic_id.isBlank()) {
				Manifest.Image one = m.image(isic_id.trim());
				if (one == null) throw new IllegalArgumentException("image_id not in the manifest: " + isic_id.trim());
				images = List.of(one);
			}
			Path cons = ManifestRuns.given(consensus) ? consensus.toPath() : null;
			if (cons != null && !cons.toFile().isDirectory()) throw new IllegalArgumentException("Consensus folder not found: " + cons);
			Table summary = RaterRois.export(m, images, cons, out, monitor());
			CsvTables.write(summary, out.resolve(SUMMARY_CSV));
			ResultsTables.show(summary, "IMA++ ROI export");
			roi_sets = images.size();
			output_folder = publishedFile(out);
			table_csv = publishedFile(out.resolve(SUMMARY_CSV));
			return;
		}
		try (Dataset ds = loadDataset(dataset, metadata, masks, null, false)) {
			Path out = outputFolder(output, guard(ds.paths(), consensus));
			List<ImageGroup> groups = new ArrayList<>();
			if (isic_id == null || isic_id.isBlank()) groups.addAll(ds.groups());
			else {
				ImageGroup g = ds.group(isic_id.trim());
				if (g == null) throw new IllegalArgumentException("ISIC id not in the dataset: " + isic_id.trim());
				groups.add(g);
			}
			Path cons = consensus == null || consensus.getPath().isEmpty() ? null : consensus.toPath();
			if (cons != null && !cons.toFile().isDirectory()) throw new IllegalArgumentException("Consensus folder not found: " + cons);
			Table summary = new Table("ISIC_id", "seg_filename", "roi_name", "pixels", "outlines", "roi_set");
			ProgressMonitor monitor = monitor();
			for (int i = 0; i < groups.size(); i++) {
				monitor.checkCanceled();
				ImageGroup g = groups.get(i);
				monitor.progress(i, groups.size(), "Exporting ROIs of " + g.isicId());
				ImageAnnotations ann = ImageAnnotations.load(ds, g, cons, List.of(SegRecord.STAPLE, SegRecord.MAJORITY_VOTE));
				String zipName = g.isicId() + "_RoiSet.zip";
				RoiSets.write(ann.rois(), out.resolve(zipName));
				for (ImageAnnotations.Annotation a : ann.all()) {
					summary.addRow(g.isicId(), a.record().segFilename(), a.roi() == null ? null : a.roi().getName(), a.mask().count(),
						(long) outlines(a.roi()), zipName);
				}
			}
			monitor.progress(groups.size(), groups.size(), "Exported ROIs of " + groups.size() + " images to " + published(out));
			CsvTables.write(summary, out.resolve(SUMMARY_CSV));
			ResultsTables.show(summary, "IMA++ ROI export");
			roi_sets = groups.size();
			output_folder = publishedFile(out);
			table_csv = publishedFile(out.resolve(SUMMARY_CSV));
		}
	}

	private static int outlines(Roi roi) {
		if (roi == null) return 0;
		return roi instanceof ShapeRoi s ? s.getRois().length : 1;
	}
}
