package org.imapp.commands;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import org.imapp.data.DatasetPaths;
import org.imapp.ij1.ResultsTables;
import org.imapp.multirater.MultiRaterRun;
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

	@Parameter(type = ItemIO.OUTPUT, description = "The output folder written")
	private File output_folder;

	@Parameter(type = ItemIO.OUTPUT, description = "The summary CSV written")
	private File table_csv;

	@Override
	protected void execute() throws Exception {
		if (pairwise == null || !Files.isRegularFile(pairwise.toPath())) throw new IllegalArgumentException("Pairwise metrics file not found: " + pairwise);
		Table pairs = CsvTables.read(pairwise.toPath());
		if (MultiRaterTables.isMultiRaterPairwise(pairs)) {
			// A manifest run's pairwise_metrics.csv: its per-image, summary and per-group tables.
			Path out = outputFolder(output, DatasetPaths.folderGuard(null, pairwise.toPath()));
			ResultsTables.show(MultiRaterTables.writeDerived(pairs, out), "IMA++ Agreement Summary");
			output_folder = publishedFile(out);
			table_csv = publishedFile(out.resolve(MultiRaterRun.SUMMARY_CSV));
			return;
		}
		// Validate before creating the output folder: a bad input leaves nothing behind.
		MetricsSummary.summary(pairs);
		Path out = outputFolder(output, DatasetPaths.folderGuard(null, pairwise.toPath()));
		Table summary = MetricsSummary.writeAll(pairs, out);
		output_folder = publishedFile(out);
		table_csv = publishedFile(out.resolve(MetricsSummary.SUMMARY_FILE));
		ResultsTables.show(summary, "IMA++ Agreement Summary");
	}
}
