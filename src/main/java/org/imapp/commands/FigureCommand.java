package org.imapp.commands;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.imapp.figures.Figure;
import org.imapp.figures.FigureInputs;
import org.imapp.figures.MissingInputException;
import org.imapp.ij1.FigureWindows;
import org.imapp.progress.ProgressMonitor;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;
import org.scijava.plugin.Parameter;

/**
 * Base of the figure commands: the common keys, one {@link Figure#make} call per figure, the PNG
 * shown in Fiji. When several figures are made, one whose input is missing (e.g. no masks for the
 * hard cases) is reported in the log and in {@code figures_index.csv} and the others are still made;
 * a single figure with a missing input fails with the reason.
 */
public abstract class FigureCommand extends ImappCommand {

	@Parameter(style = "directory", description = "IMA++ dataset folder (metadata/; segs/ and images/ for the hard cases)")
	private File dataset;

	@Parameter(required = false, style = "file", description = "Pairwise metrics CSV (default: IMAplusplus_multiannotator_subset_IAA_metrics.csv in output, dataset/metrics or dataset)")
	private File metrics;

	@Parameter(required = false, style = "directory", description = "Folder of other datasets' id lists (default: other-datasets/ beside the metrics or in the dataset)")
	private File other_datasets;

	@Parameter(style = "directory", description = "Output folder for PNG, SVG and CSV files")
	private File output;

	/** The figures this command makes. */
	protected abstract List<Figure> figures();

	@Override
	protected void execute() throws Exception {
		FigureInputs in = FigureInputs.resolve(dataset, metrics, other_datasets, output);
		Path out = outputFolder(output);
		List<Figure> figures = figures();
		ProgressMonitor monitor = monitor();
		Table index = new Table("figure", "status", "files");
		for (int i = 0; i < figures.size(); i++) {
			monitor.checkCanceled();
			Figure f = figures.get(i);
			monitor.progress(i, figures.size(), f.label());
			try {
				Figure.Result r = f.make(in, out, ProgressMonitor.NONE);
				List<String> names = new ArrayList<>();
				for (Path p : r.files()) names.add(out.relativize(p).toString());
				index.addRow(f.label(), "made", String.join(" ", names));
				FigureWindows.show(r.preview(), f.label());
			}
			catch (MissingInputException e) {
				if (figures.size() == 1) throw e;
				if (log != null) log.warn(f.label() + " skipped: " + e.getMessage());
				index.addRow(f.label(), "skipped: " + e.getMessage(), "");
			}
		}
		monitor.progress(figures.size(), figures.size(), null);
		if (figures.size() > 1) CsvTables.write(index, out.resolve("figures_index.csv"));
	}
}
