package org.imapp.figures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.imapp.progress.ParallelMap;
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

	/** One figure: its result, or why it was skipped (thrown instead when it is the only one asked for). */
	private static Object makeOne(Figure f, FigureInputs in, Path out, boolean only) throws IOException {
		try {
			return f.make(in, out, ProgressMonitor.NONE);
		}
		catch (MissingInputException e) {
			if (only) throw e;
			return e.getMessage();
		}
	}

	private FigureSet() {}

	/** As {@link #make(List, FigureInputs, Path, ProgressMonitor, BiConsumer, BiConsumer, int)} on one thread. */
	public static Table make(List<Figure> figures, FigureInputs in, Path out, ProgressMonitor monitor, BiConsumer<Figure, Figure.Result> made,
			BiConsumer<Figure, String> skipped) throws IOException {
		return make(figures, in, out, monitor, made, skipped, 1);
	}

	/**
	 * Makes the figures, several at once on {@code threads} threads (0: one per core); each writes
	 * only its own files, so the files, the index and the callbacks' order are those of one thread.
	 * @param made told of every figure made (the commands show its preview), may be null
	 * @param skipped told of every skipped figure and why (the commands log it), may be null
	 * @return the index table {@code figure, status, files}, also written when more than one figure was asked for
	 */
	public static Table make(List<Figure> figures, FigureInputs in, Path out, ProgressMonitor monitor, BiConsumer<Figure, Figure.Result> made,
			BiConsumer<Figure, String> skipped, int threads) throws IOException {
		Object[] outcomes = new Object[figures.size()]; // a Figure.Result, or the message of a skipped figure
		if (threads == 1 || figures.size() < 2) {
			for (int i = 0; i < figures.size(); i++) {
				monitor.checkCanceled();
				monitor.progress(i, figures.size(), figures.get(i).label());
				outcomes[i] = makeOne(figures.get(i), in, out, figures.size() == 1);
			}
		}
		else {
			// The mask-reading figures first, so that the longest one does not start last.
			List<Integer> order = new ArrayList<>();
			for (int i = 0; i < figures.size(); i++) if (figures.get(i).readsMasks()) order.add(i);
			for (int i = 0; i < figures.size(); i++) if (!figures.get(i).readsMasks()) order.add(i);
			ParallelMap.withPool(Math.min(threads <= 0 ? Runtime.getRuntime().availableProcessors() : threads, figures.size()),
				ex -> ParallelMap.mapChecked(order, i -> outcomes[i] = makeOne(figures.get(i), in, out, false), ex, monitor, "Figures"));
		}
		Table index = new Table("figure", "status", "files");
		for (int i = 0; i < figures.size(); i++) {
			Figure f = figures.get(i);
			if (outcomes[i] instanceof Figure.Result r) {
				List<String> names = new ArrayList<>();
				for (Path p : r.files()) names.add(out.relativize(p).toString());
				index.addRow(f.label(), "made", String.join(" ", names));
				if (made != null) made.accept(f, r);
			}
			else {
				if (skipped != null) skipped.accept(f, (String) outcomes[i]);
				index.addRow(f.label(), "skipped: " + outcomes[i], "");
			}
		}
		monitor.progress(figures.size(), figures.size(), null);
		if (figures.size() > 1) CsvTables.write(index, out.resolve(INDEX_CSV));
		return index;
	}
}
