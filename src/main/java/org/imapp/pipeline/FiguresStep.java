package org.imapp.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.imapp.data.Dataset;
import org.imapp.figures.Figure;
import org.imapp.figures.FigureInputs;
import org.imapp.figures.FigureSet;
import org.imapp.metrics.AgreementMetrics;
import org.imapp.progress.ProgressMonitor;
import org.imapp.table.Table;

/** The figures, drawn at the end from the run's own tables into {@code output/figures}. Must follow {@link MetricsStep}. */
public final class FiguresStep implements ImageStep {

	public static final String STAGE = "figures";
	public static final String FOLDER = "figures";

	@Override
	public String stage() {
		return STAGE;
	}

	@Override
	public Map<String, String> settings() {
		return Map.of();
	}

	@Override
	public void run(ImageWork work) {}

	@Override
	public void writeTables(Map<String, Table> parts, Dataset dataset, Path output) throws IOException {
		Path root = dataset.paths().root();
		Path metrics = output.resolve(AgreementMetrics.PAIRWISE_FILE);
		if (root == null || !Files.isRegularFile(metrics)) return;
		Path out = output.resolve(FOLDER);
		Files.createDirectories(out);
		FigureInputs in = FigureInputs.resolve(root.toFile(), metrics.toFile(), null, out.toFile());
		FigureSet.make(Figure.all(), in, out, ProgressMonitor.NONE, null, null);
	}
}
