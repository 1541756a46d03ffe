package org.imapp.figures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.imapp.progress.ProgressMonitor;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/**
 * Makes several figures in one go. A figure whose input is missing (e.g. no masks for the hard
 * cases) is listed as skipped in {@value #INDEX_CSV} and the others are still made; one figure
 * alone fails with the reason. Shared by {@code IMA++ Figures} and the pipeline.
 */
public final class FigureSet {

	public static final String INDEX_CSV = "figures_index.csv";

	private FigureSet() {}

	/**
	 * @param made told of every figure made (the commands show its preview), may be null
	 * @param skipped told of every skipped figure and why (the commands log it), may be null
	 * @return the index table {@code figure, status, files}, also written when more than one figure was asked for
	 */
	public static Table make(List<Figure> figures, FigureInputs in, Path out, ProgressMonitor monitor, BiConsumer<Figure, Figure.Result> made,
			BiConsumer<Figure, String> skipped) throws IOException {
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
				if (made != null) made.accept(f, r);
			}
			catch (MissingInputException e) {
				if (figures.size() == 1) throw e;
				if (skipped != null) skipped.accept(f, e.getMessage());
				index.addRow(f.label(), "skipped: " + e.getMessage(), "");
			}
		}
		monitor.progress(figures.size(), figures.size(), null);
		if (figures.size() > 1) CsvTables.write(index, out.resolve(INDEX_CSV));
		return index;
	}
}
