package org.imapp.commands;

import org.imapp.data.DatasetPaths;
import java.io.File;
import java.nio.file.Path;
import java.util.List;

import org.imapp.figures.Figure;
import org.imapp.figures.FigureSet;
import org.imapp.figures.FigureInputs;
import org.imapp.ij1.FigureWindows;
import ij.ImagePlus;
import org.scijava.ItemIO;
import org.scijava.plugin.Parameter;

/**
 * Base of the figure commands: the common keys, one {@link Figure#make} call per figure, the PNG
 * shown in Fiji. When several figures are made, one whose input is missing (e.g. no masks for the
 * hard cases) is reported in the log and in {@code figures_index.csv} and the others are still made;
 * a single figure with a missing input fails with the reason.
 */
public abstract class FigureCommand extends ImappCommand {

	@Parameter(label = "dataset", required = false, style = "directory", description = "IMA++ dataset folder (metadata/; segs/ and images/ for the hard cases)")
	private File dataset;

	@Parameter(label = "manifest", required = false, persist = false, style = "file", description = "Not for figures: they are IMA++'s published figures (an error names the commands that take a manifest)")
	private File manifest;

	@Parameter(label = "metrics", required = false, persist = false, style = "file", description = "Pairwise metrics CSV (default: IMAplusplus_multiannotator_subset_IAA_metrics.csv in output, dataset/metrics or dataset)")
	private File metrics;

	@Parameter(label = "other_datasets", required = false, persist = false, style = "directory", description = "Folder of other datasets' id lists (default: other-datasets/ beside the metrics or in the dataset)")
	private File other_datasets;

	@Parameter(label = "output", style = "directory", description = "Output folder for PNG, SVG and CSV files")
	private File output;

	@Parameter(type = ItemIO.OUTPUT, description = "Figures made")
	private int figure_count;

	@Parameter(type = ItemIO.OUTPUT, description = "The last figure made, as an image (for one-figure commands: the figure)")
	private ImagePlus figure;

	@Parameter(type = ItemIO.OUTPUT, description = "The output folder written")
	private File output_folder;

	/** The figures this command makes. */
	protected abstract List<Figure> figures();

	@Override
	protected void execute() throws Exception {
		ManifestRuns.refuseManifest(manifest, "The figures are IMA++'s published ones (annotators, tools, skill levels, diagnoses) and need an IMA++ dataset (dataset=)");
		if (!ManifestRuns.given(dataset)) throw new IllegalArgumentException("missing dataset= (an IMA++ dataset folder)");
		FigureInputs in = FigureInputs.resolve(dataset, metrics, other_datasets, output);
		Path out = outputFolder(output, DatasetPaths.folderGuard(in.root()));
		output_folder = publishedFile(out);
		boolean framework = ImagePlusOutputs.shownByFramework(getContext());
		FigureSet.make(figures(), in, out, monitor(), (f, r) -> {
			figure_count++;
			if (r.preview() == null) return;
			// In Fiji the framework shows the output image (the last figure): the earlier ones are shown here.
			if (framework && figure != null) FigureWindows.show(figure.getBufferedImage(), figure.getTitle());
			ImagePlus shown = framework ? null : FigureWindows.show(r.preview(), f.label());
			figure = shown != null ? shown : new ImagePlus(f.label(), r.preview());
		}, (f, why) -> {
			if (log != null) log.warn(f.label() + " skipped: " + why);
		});
	}
}
