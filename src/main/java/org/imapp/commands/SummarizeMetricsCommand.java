package org.imapp.commands;

import java.io.File;
import java.nio.file.Files;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import org.imapp.data.DatasetPaths;
import org.imapp.ij1.ResultsTables;
import org.imapp.multirater.MultiRaterTables;
import org.imapp.runner.MetricsSummary;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/**
 * From a pairwise agreement CSV (this suite's or the one IMA++ published) writes the image-level
 * and summary tables as IMA++ publishes them, plus the undefined-metric counts and, when the
 * table has ST/MV pairs, the annotator-vs-consensus table.
 */
@Plugin(type = Command.class, menuPath = "Plugins>IMA++>IMA++ Summarize Metrics", label = "IMA++ Summarize Metrics")
public class SummarizeMetricsCommand extends ImappCommand {

	@Parameter(label = "pairwise", style = "file", description = "Pairwise metrics CSV (IMAplusplus_multiannotator_subset_IAA_metrics.csv, or a manifest run's pairwise_metrics.csv)")
	private File pairwise;

	@Parameter(label = "output", style = "directory", description = "Folder for the image-level and summary tables")
	private File output;

	@Override
	protected void execute() throws Exception {
		if (pairwise == null || !Files.isRegularFile(pairwise.toPath())) throw new IllegalArgumentException("Pairwise metrics file not found: " + pairwise);
		Table pairs = CsvTables.read(pairwise.toPath());
		if (MultiRaterTables.isMultiRaterPairwise(pairs)) {
			// A manifest run's pairwise_metrics.csv: its per-image, summary and per-group tables.
			ResultsTables.show(MultiRaterTables.writeDerived(pairs, outputFolder(output, DatasetPaths.folderGuard(null, pairwise.toPath()))), "IMA++ Agreement Summary");
			return;
		}
		// Validate before creating the output folder: a bad input leaves nothing behind.
		MetricsSummary.summary(pairs);
		Table summary = MetricsSummary.writeAll(pairs, outputFolder(output, DatasetPaths.folderGuard(null, pairwise.toPath())));
		ResultsTables.show(summary, "IMA++ Agreement Summary");
	}
}
