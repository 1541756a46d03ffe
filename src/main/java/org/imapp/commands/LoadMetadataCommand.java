package org.imapp.commands;

import java.io.File;
import java.nio.file.Path;

import org.imapp.data.Dataset;
import org.imapp.data.DatasetSummary;
import org.imapp.data.RecordFilter;
import org.imapp.ij1.ResultsTables;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Loads and validates a dataset's metadata and shows what it holds. */
@Plugin(type = Command.class, menuPath = "Plugins>IMA++>IMA++ Load Metadata", label = "IMA++ Load Metadata")
public class LoadMetadataCommand extends ImappCommand {

	@Parameter(label = "dataset", style = "directory", description = "IMA++ dataset folder")
	private File dataset;

	@Parameter(label = "output", style = "directory", required = false, persist = false, description = "Folder for the CSV tables (optional)")
	private File output;

	@Parameter(label = "metadata", required = false, persist = false, description = "Seg metadata CSV (default: dataset/metadata/IMAplusplus_seg_metadata.csv)")
	private File metadata;

	@Parameter(label = "masks", required = false, persist = false, description = "Mask folder or segs.zip (default: dataset/segs or dataset/segs.zip)")
	private File masks;

	@Parameter(label = "strict", required = false, description = "Fail on the first invalid metadata row")
	private boolean strict;

	@Parameter(label = "annotators", required = false, description = "Keep only these annotators, e.g. A00,A03")
	private String annotators = "";

	@Parameter(label = "tools", required = false, description = "Keep only these tools, e.g. T1,T3")
	private String tools = "";

	@Parameter(label = "skills", required = false, description = "Keep only these skill levels, S1 and/or S2")
	private String skills = "";

	@Parameter(label = "diagnoses", required = false, description = "Keep only these diagnoses (any diagnosis level, or benign/malignant)")
	private String diagnoses = "";

	@Parameter(type = ItemIO.OUTPUT, description = "Metadata rows kept (after the filters)")
	private int rows;

	@Parameter(type = ItemIO.OUTPUT, description = "Invalid metadata rows left out")
	private int invalid_rows;

	@Parameter(type = ItemIO.OUTPUT, description = "The output folder (null without output=)")
	private File output_folder;

	@Parameter(type = ItemIO.OUTPUT, description = "IMAplusplus_records.csv in the output folder (null without output=)")
	private File table_csv;

	@Override
	protected void execute() throws Exception {
		try (Dataset d = loadMetadata(dataset, metadata, masks, null, strict, 0)) {
			RecordFilter filter = RecordFilter.parse(annotators, tools, skills, diagnoses);
			var records = filter.isAll() ? d.records() : d.filter(filter.predicate(d.imageMetadata()));
			Table rec = DatasetSummary.records(records, d.imageMetadata());
			Table sum = DatasetSummary.summary(filter.isAll() ? d.segMetadata() : org.imapp.data.SegMetadata.of(d.segMetadata().file(), records), d.imageMetadata());
			Table problems = DatasetSummary.problems(d.segMetadata());
			rows = rec.rowCount();
			invalid_rows = problems.rowCount();
			if (output != null && !output.getPath().isEmpty()) {
				Path out = outputFolder(output, d.paths());
				CsvTables.write(rec, out.resolve("IMAplusplus_records.csv"));
				output_folder = publishedFile(out);
				table_csv = publishedFile(out.resolve("IMAplusplus_records.csv"));
				CsvTables.write(sum, out.resolve("IMAplusplus_summary.csv"));
				CsvTables.write(problems, out.resolve("IMAplusplus_metadata_problems.csv"));
			}
			ResultsTables.show(rec, "IMA++ Records");
			ResultsTables.show(sum, "IMA++ Summary");
			if (problems.rowCount() > 0) {
				ResultsTables.show(problems, "IMA++ Metadata Problems");
				if (log != null) log.warn(problems.rowCount() + " invalid metadata rows left out (syntactic accuracy " + d.segMetadata().syntacticAccuracy() + ")");
			}
		}
	}
}
