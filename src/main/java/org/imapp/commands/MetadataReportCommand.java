package org.imapp.commands;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.imapp.data.DatasetPaths;
import org.imapp.ij1.ResultsTables;
import org.imapp.qa.MetadataReport;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Completeness of the image metadata and syntactic accuracy of the seg metadata; needs no masks.
 * Macro: {@code run("IMA++ Metadata Report", "dataset=[...] output=[...]");} or
 * {@code metadata=[.../IMAplusplus_seg_metadata.csv]} instead of {@code dataset=}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>IMA++>IMA++ Metadata Report", label = "IMA++ Metadata Report")
public class MetadataReportCommand extends ImappCommand {

	@Parameter(label = "dataset", style = "directory", required = false, persist = false, description = "IMA++ dataset folder (or give metadata=)")
	private File dataset;

	@Parameter(label = "metadata", required = false, persist = false, description = "Seg metadata CSV or its folder (default: dataset/metadata)")
	private File metadata;

	@Parameter(label = "output", style = "directory", description = "Folder for the report tables")
	private File output;

	@Parameter(type = ItemIO.OUTPUT, description = "Share of valid seg metadata rows")
	private double syntactic_accuracy;

	@Parameter(type = ItemIO.OUTPUT, description = "The output folder written")
	private File output_folder;

	@Parameter(type = ItemIO.OUTPUT, description = "The completeness-per-column CSV written")
	private File table_csv;

	@Override
	protected void execute() throws Exception {
		Path seg = segMetadata();
		Path img = seg.resolveSibling(DatasetPaths.IMG_METADATA);
		Path out = outputFolder(output, DatasetPaths.folderGuard(dataset == null || dataset.getPath().isEmpty() ? null : dataset.toPath(), seg, img));
		MetadataReport.Result r = MetadataReport.run(seg, Files.isRegularFile(img) ? img : null);
		table_csv = publishedFile(r.write(out).get(0));
		output_folder = publishedFile(out);
		syntactic_accuracy = r.accuracy().getDouble(0, "syntactic_accuracy");
		if (log != null) {
			for (int i = 0; i < r.groups().rowCount(); i++) log.info(r.groups().getString(i, "log"));
			log.info("Syntactic accuracy of " + seg + ": " + r.accuracy().get(0, "syntactic_accuracy"));
		}
		ResultsTables.show(r.completeness(), "IMA++ Metadata: completeness per column");
		ResultsTables.show(r.groups(), "IMA++ Metadata: completeness groups");
		ResultsTables.show(r.accuracy(), "IMA++ Metadata: syntactic accuracy");
		ResultsTables.show(r.problems(), "IMA++ Metadata: invalid rows");
	}

	/** The seg metadata file: {@code metadata=} (file or folder) or the dataset's; masks are not needed here. */
	private Path segMetadata() {
		Path p;
		if (metadata != null && !metadata.getPath().isEmpty()) p = metadata.toPath();
		else if (dataset != null && !dataset.getPath().isEmpty()) p = dataset.toPath().resolve("metadata");
		else throw new IllegalArgumentException("No dataset folder and no metadata file given (dataset= or metadata=)");
		if (Files.isDirectory(p)) p = p.resolve(DatasetPaths.SEG_METADATA);
		if (!Files.isRegularFile(p)) throw new IllegalArgumentException("Seg metadata file not found: " + p.toAbsolutePath());
		return p.toAbsolutePath().normalize();
	}
}
