package org.imapp.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.imapp.data.Dataset;
import org.imapp.figures.Figure;
import org.imapp.figures.FigureInputs;
import org.imapp.figures.FigureSet;
import org.imapp.progress.ProgressMonitor;
import org.imapp.runner.AgreementMetrics;
import org.imapp.table.Table;

/**
 * The published figures, drawn once at the end from the run's pairwise table (nothing per image):
 * {@code figures/} with {@code figures_index.csv} listing each figure as made or skipped (a
 * figure whose inputs the dataset lacks, e.g. other datasets' id lists, is skipped, not fatal).
 * Runs after the metrics step, whose table it reads.
 */
public final class FiguresStep implements ImageStep {

	public static final String FOLDER = "figures";

	@Override
	public String stage() {
		return "figures";
	}

	@Override
	public Map<String, String> settings() {
		return Map.of();
	}

	@Override
	public void run(ImageWork work) {
		// Figures need the whole table: see writeTables.
	}

	@Override
	public void writeTables(Map<String, Table> parts, Dataset dataset, Path output) throws IOException {
		writeTables(parts, dataset, output, 1);
	}

	/** The figures are independent: drawn several at once, with the same files as one by one. */
	@Override
	public void writeTables(Map<String, Table> parts, Dataset dataset, Path output, int threads) throws IOException {
		Path metrics = output.resolve(MetricsStep.FOLDER).resolve(AgreementMetrics.PAIRWISE_FILE);
		Path root = dataset.paths().root();
		if (root == null || !Files.isRegularFile(metrics)) return; // no metrics in this run: nothing to draw
		FigureInputs in = FigureInputs.resolve(root.toFile(), metrics.toFile(), null, output.toFile());
		Path out = output.resolve(FOLDER);
		Files.createDirectories(out);
		FigureSet.make(Figure.all(), in, out, ProgressMonitor.NONE, null, null, threads);
	}
}
