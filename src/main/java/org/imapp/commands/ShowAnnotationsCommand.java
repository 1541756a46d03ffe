package org.imapp.commands;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;

import org.imapp.data.Dataset;
import org.imapp.data.ImageGroup;
import org.imapp.data.SegRecord;
import org.imapp.ij1.AnnotationDisplay;
import org.imapp.ij1.AnnotationView;
import org.imapp.ij1.ImageAnnotations;
import org.imapp.ij1.ImageMetricsTable;
import org.imapp.ij1.ResultsTables;
import org.imapp.ij1.RoiSets;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;
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

	@Parameter(label = "dataset", style = "directory", description = "IMA++ dataset folder")
	private File dataset;

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

	@Override
	protected void execute() throws Exception {
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
			Path metricsCsv = file(metrics, "Metrics file");
			Table table = metricsCsv == null ? null : ImageMetricsTable.fromCsv(metricsCsv, g.imgFilename(), ann.namesByFile());
			if (output != null && !output.getPath().isEmpty()) {
				Path out = outputFolder(output);
				AnnotationDisplay.savePng(view, out.resolve(id + "_annotations.png"));
				RoiSets.write(ann.rois(), out.resolve(id + "_RoiSet.zip"));
				if (table != null) CsvTables.write(table, out.resolve(id + "_metrics.csv"));
			}
			if (AnnotationDisplay.canShow()) {
				AnnotationDisplay.show(view, ann);
				if (table != null) ResultsTables.show(table, "IMA++ metrics " + id);
			}
		}
	}

	private static Path file(File f, String what) {
		if (f == null || f.getPath().isEmpty()) return null;
		if (!f.exists()) throw new IllegalArgumentException(what + " not found: " + f.getAbsolutePath());
		return f.toPath();
	}
}
