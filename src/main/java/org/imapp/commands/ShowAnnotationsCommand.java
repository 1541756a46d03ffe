package org.imapp.commands;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.gui.Roi;

import org.imapp.data.Dataset;
import org.imapp.data.Manifest;
import org.imapp.data.ImageGroup;
import org.imapp.data.SegRecord;
import org.imapp.ij1.AnnotationDisplay;
import org.imapp.ij1.AnnotationView;
import org.imapp.ij1.ImageAnnotations;
import org.imapp.ij1.ImageMetricsTable;
import org.imapp.ij1.MaskStacks;
import org.imapp.ij1.RaterRois;
import org.imapp.ij1.ResultsTables;
import org.imapp.ij1.RoiSets;
import org.imapp.multirater.MultiRaterRun;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Shows one lesion image with every annotator's mask as a named, coloured ROI (consensus masks
 * dashed), the agreement map and a legend; lists the ROIs in the ROI Manager and the image's
 * pairwise metrics in a results table. With {@code output=} also saves the view as PNG, the ROIs
 * as a RoiSet and the metrics as CSV (the way to use it headless).
 */
@Plugin(type = Command.class, menuPath = "Plugins>IMA++>IMA++ Show Annotations", label = "IMA++ Show Annotations")
public class ShowAnnotationsCommand extends ImappCommand {

	@Parameter(label = "dataset", required = false, style = "directory", description = "IMA++ dataset folder (or manifest=)")
	private File dataset;

	@Parameter(label = "manifest", required = false, persist = false, style = "file",
		description = "Multi-rater manifest CSV instead of an IMA++ dataset: the image's raters (2-D or 3-D, slice by slice) as overlay ROIs over the rater-count map")
	private File manifest;

	@Parameter(label = "isic_id", required = false, description = "ISIC id (empty: the active image's)")
	private String isic_id = "";

	// hide_*: every boolean key defaults to false, so a macro that leaves it out gets the dialog's default.
	@Parameter(label = "hide_agreement_map", description = "Leave out the overlay of the share of annotators marking each pixel")
	private boolean hide_agreement_map = false;

	@Parameter(label = "hide_staple", description = "Leave out the STAPLE consensus mask")
	private boolean hide_staple = false;

	@Parameter(label = "hide_majority_vote", description = "Leave out the majority-vote consensus mask")
	private boolean hide_majority_vote = false;

	@Parameter(label = "consensus", required = false, persist = false, style = "directory", description = "Consensus masks folder (Consensus Masks output)")
	private File consensus;

	@Parameter(label = "metrics", required = false, persist = false, style = "file", description = "Pairwise metrics CSV (IAA_metrics) for the metrics table")
	private File metrics;

	@Parameter(label = "output", required = false, persist = false, style = "directory", description = "Save the view, ROIs and metrics here (optional)")
	private File output;

	// manifest=: the rater-count stack with the ROIs in its overlay.
	@Parameter(type = ItemIO.OUTPUT, description = "The annotated view (lesion image or rater-count map with the ROIs on its overlay)")
	private ImagePlus image;

	@Parameter(type = ItemIO.OUTPUT, description = "Mask ROIs on the view (and in the ROI Manager)")
	private int roi_count;

	@Parameter(type = ItemIO.OUTPUT, description = "The output folder (null without output=)")
	private File output_folder;

	@Override
	protected void execute() throws Exception {
		if (ManifestRuns.useManifest(dataset, manifest)) {
			showManifestImage();
			return;
		}
		String id = isic_id == null || isic_id.isBlank() ? AnnotationDisplay.activeIsicId() : isic_id.trim();
		if (id == null) throw new IllegalArgumentException("No isic_id given and no ISIC image active");
		try (Dataset ds = loadDataset(dataset, null, null, null, false)) {
			ImageGroup g = ds.group(id);
			if (g == null) throw new IllegalArgumentException("ISIC id not in the dataset: " + id);
			List<String> kinds = new ArrayList<>();
			if (!hide_staple) kinds.add(SegRecord.STAPLE);
			if (!hide_majority_vote) kinds.add(SegRecord.MAJORITY_VOTE);
			Path cons = file(consensus, "Consensus folder");
			ImageAnnotations ann = ImageAnnotations.load(ds, g, cons, kinds);
			ImagePlus lesion = AnnotationView.lesion(ds, g, ann.width(), ann.height());
			ImagePlus view = AnnotationView.render(lesion, ann, !hide_agreement_map);
			image = view;
			roi_count = ann.rois().size();
			Path metricsCsv = file(metrics, "Metrics file");
			Table table = metricsCsv == null ? null : ImageMetricsTable.fromCsv(metricsCsv, g.imgFilename(), ann.namesByFile());
			if (output != null && !output.getPath().isEmpty()) {
				Path out = outputFolder(output, guard(ds.paths(), consensus, metrics));
				output_folder = publishedFile(out);
				AnnotationDisplay.savePng(view, out.resolve(id + "_annotations.png"));
				RoiSets.write(ann.rois(), out.resolve(id + "_RoiSet.zip"));
				if (table != null) CsvTables.write(table, out.resolve(id + "_metrics.csv"));
			}
			if (AnnotationDisplay.canShow()) {
				// In Fiji the framework shows the output image.
				if (ImagePlusOutputs.shownByFramework(getContext())) AnnotationDisplay.listInRoiManager(ann);
				else AnnotationDisplay.show(view, ann);
				if (table != null) ResultsTables.show(table, "IMA++ metrics " + id);
			}
		}
	}

	/** One image of a manifest: every rater's ROIs slice by slice (and ST/MV from consensus=), over how many raters marked each voxel. */
	private void showManifestImage() throws Exception {
		Manifest m = Manifest.load(manifest.toPath());
		if (isic_id == null || isic_id.isBlank()) throw new IllegalArgumentException("With manifest=, give the image_id as isic_id=");
		Manifest.Image im = m.image(isic_id.trim());
		if (im == null) throw new IllegalArgumentException("image_id not in the manifest: " + isic_id.trim());
		Path cons = file(consensus, "Consensus folder");
		RaterRois.Masks masks = RaterRois.read(m, im, !hide_staple || !hide_majority_vote ? cons : null);
		List<Roi> rois = new ArrayList<>();
		for (Roi r : RaterRois.rois(masks)) {
			String rater = r.getProperty("rater");
			if ((hide_staple && MultiRaterRun.STAPLE.equals(rater)) || (hide_majority_vote && MultiRaterRun.MAJORITY_VOTE.equals(rater))) continue;
			rois.add(r);
		}
		ImagePlus view = RaterRois.view(masks, rois);
		image = view;
		roi_count = rois.size();
		Path metricsCsv = file(metrics, "Metrics file");
		Table table = null;
		if (metricsCsv != null) {
			// A pairwise_metrics.csv (or rater_vs_consensus_metrics.csv) of a manifest run: this image's rows.
			Table all = CsvTables.read(metricsCsv);
			int idColumn = all.require("image_id", metricsCsv.toString());
			table = new Table(all.columns());
			for (Object[] row : all.rows()) if (im.id().equals(row[idColumn])) table.addRow(row);
		}
		if (output != null && !output.getPath().isEmpty()) {
			Path out = manifestOutputFolder(output, manifest);
			output_folder = publishedFile(out);
			RoiSets.write(rois, out.resolve(im.id() + "_RoiSet.zip"));
			MaskStacks.saveTiff(view, out.resolve(im.id() + "_raters.tif"));
			if (table != null) CsvTables.write(table, out.resolve(im.id() + "_metrics.csv"));
		}
		RaterRois.show(ImagePlusOutputs.shownByFramework(getContext()) ? null : view, rois);
		if (table != null && AnnotationDisplay.canShow()) ResultsTables.show(table, "IMA++ metrics " + im.id());
	}

	/** The view made by the last run with manifest= (null otherwise). */
	public ImagePlus view() {
		return image;
	}

	private static Path file(File f, String what) {
		if (f == null || f.getPath().isEmpty()) return null;
		if (!f.exists()) throw new IllegalArgumentException(what + " not found: " + f.getAbsolutePath());
		return f.toPath();
	}
}
