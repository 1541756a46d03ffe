package org.imapp.commands;

import java.io.File;
import java.nio.file.Path;

import org.imapp.data.DatasetPaths;
import org.imapp.data.SegMetadata;
import org.imapp.data.Dataset;
import org.imapp.table.CsvTables;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Writes {@code IMAplusplus_multiannotator_subset_seg_metadata.csv}: the rows of every image
 * with at least two annotator masks, in file order, as IMA++'s script does.
 */
@Plugin(type = Command.class, menuPath = "Plugins>IMA++>IMA++ Create Multi-annotator Subset", label = "IMA++ Create Multi-annotator Subset")
public class CreateSubsetCommand extends ImappCommand {

	@Parameter(label = "dataset", style = "directory", description = "IMA++ dataset folder (only metadata/ is read)")
	private File dataset;

	@Parameter(label = "output", style = "directory", description = "Folder for the subset CSV")
	private File output;

	@Parameter(label = "metadata", required = false, persist = false, description = "Seg metadata CSV (default: dataset/metadata/IMAplusplus_seg_metadata.csv)")
	private File metadata;

	@Parameter(type = ItemIO.OUTPUT, description = "Metadata rows of the subset")
	private int rows;

	@Parameter(type = ItemIO.OUTPUT, description = "The output folder written")
	private File output_folder;

	@Parameter(type = ItemIO.OUTPUT, description = "The subset metadata CSV written")
	private File table_csv;

	@Override
	protected void execute() throws Exception {
		// Only the metadata is needed (the subset rule counts rows, not files), so no masks are required.
		Path segFile = DatasetPaths.segMetadata(dataset, metadata);
		SegMetadata seg = SegMetadata.read(segFile, false);
		if (!seg.problems().isEmpty()) throw new IllegalArgumentException(seg.problems().size() + " invalid rows in " + segFile + ", first: " + seg.problems().get(0) + " (run IMA++ Load Metadata for the full list)");
		var subset = Dataset.subsetOf(seg.records());
		Path out = outputFolder(output, DatasetPaths.folderGuard(dataset == null ? null : dataset.toPath(), segFile)).resolve(DatasetPaths.SUBSET_METADATA);
		CsvTables.write(SegMetadata.toTable(subset), out);
		rows = subset.size();
		output_folder = publishedFile(out.getParent());
		table_csv = publishedFile(out);
		if (log != null) log.info("Wrote " + subset.size() + " rows to " + published(out));
	}
}
