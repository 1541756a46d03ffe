package org.imapp.commands;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import org.imapp.data.Dataset;
import org.imapp.ij1.ResultsTables;
import org.imapp.qa.IntegrityCheck;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * MD5 of every mask against {@code mask_md5}, identical masks and lesion images, absent and
 * unreferenced files: shows the tables and writes them as CSV into {@code output}.
 * Macro: {@code run("IMA++ Verify Integrity", "dataset=[...] output=[...]");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>IMA++>IMA++ Verify Integrity", label = "IMA++ Verify Integrity")
public class VerifyIntegrityCommand extends ImappCommand {

	@Parameter(label = "dataset", style = "directory", description = "IMA++ dataset folder")
	private File dataset;

	@Parameter(label = "metadata", required = false, persist = false, description = "Seg metadata CSV (default: dataset/metadata/IMAplusplus_seg_metadata.csv)")
	private File metadata;

	@Parameter(label = "masks", required = false, persist = false, description = "Mask folder or segs.zip (default: dataset/segs or dataset/segs.zip)")
	private File masks;

	@Parameter(label = "images", required = false, persist = false, style = "directory", description = "Lesion image folder (default: dataset/images)")
	private File images;

	@Parameter(label = "output", style = "directory", description = "Folder for the CSV tables")
	private File output;

	@Parameter(label = "threads", min = "0", description = "Files hashed at once (0: one per core)")
	private int threads = 0;

	@Parameter(type = ItemIO.OUTPUT, description = "The output folder written")
	private File output_folder;

	@Parameter(type = ItemIO.OUTPUT, description = "The integrity summary CSV written")
	private File table_csv;

	@Override
	protected void execute() throws Exception {
		Path out;
		IntegrityCheck.Result r;
		try (Dataset ds = loadDataset(dataset, metadata, masks, images, false)) {
			out = outputFolder(output, ds.paths());
			r = IntegrityCheck.run(ds, threads, monitor());
		}
		List<Path> written = r.write(out);
		output_folder = publishedFile(out);
		table_csv = publishedFile(written.get(written.size() - 1));
		if (log != null) log.info("Integrity check written to " + published(out));
		ResultsTables.show(r.maskMd5(), "IMA++ Integrity: mask MD5");
		ResultsTables.show(r.duplicateMasks(), "IMA++ Integrity: identical masks");
		ResultsTables.show(r.files(), "IMA++ Integrity: absent and unreferenced files");
		ResultsTables.show(r.duplicateImages(), "IMA++ Integrity: identical lesion images");
		ResultsTables.show(r.summary(), "IMA++ Integrity: summary");
	}
}
