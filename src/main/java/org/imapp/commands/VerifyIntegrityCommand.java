package org.imapp.commands;

import java.io.File;
import java.nio.file.Path;

import org.imapp.data.Dataset;
import org.imapp.ij1.ResultsTables;
import org.imapp.qa.IntegrityCheck;
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

	@Override
	protected void execute() throws Exception {
		Path out = outputFolder(output);
		IntegrityCheck.Result r;
		try (Dataset ds = loadDataset(dataset, metadata, masks, images, false)) {
			r = IntegrityCheck.run(ds, threads, monitor());
		}
		r.write(out);
		if (log != null) log.info("Integrity check written to " + out);
		ResultsTables.show(r.maskMd5(), "IMA++ Integrity: mask MD5");
		ResultsTables.show(r.duplicateMasks(), "IMA++ Integrity: identical masks");
		ResultsTables.show(r.files(), "IMA++ Integrity: absent and unreferenced files");
		ResultsTables.show(r.duplicateImages(), "IMA++ Integrity: identical lesion images");
		ResultsTables.show(r.summary(), "IMA++ Integrity: summary");
	}
}
