package org.imapp.commands;

import java.io.File;
import java.nio.file.Path;

import org.imapp.data.Dataset;
import org.imapp.ij1.ResultsTables;
import org.imapp.qa.MaskQa;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Per-mask QA as IMA++'s {@code mask_qa.py} (plus extra checks): shows the issues and writes
 * {@code IMAplusplus_seg_metadata_qa_results.csv} into {@code output}.
 * Macro: {@code run("IMA++ Mask QA", "dataset=[...] output=[...] published_rule threads=0");}
 */
@Plugin(type = Command.class, menuPath = "Plugins>IMA++>IMA++ Mask QA", label = "IMA++ Mask QA")
public class MaskQaCommand extends ImappCommand {

	@Parameter(label = "Dataset folder", style = "directory")
	private File dataset;

	@Parameter(label = "Seg metadata (optional override)", required = false, persist = false)
	private File metadata;

	@Parameter(label = "Masks folder or segs.zip (optional override)", required = false, persist = false)
	private File masks;

	@Parameter(label = "Output folder", style = "directory")
	private File output;

	@Parameter(label = "Published region rule (first two components in raster order)")
	private boolean published_rule = false;

	@Parameter(label = "Extra checks (MD5, sizes, raw values)")
	private boolean extra_checks = true;

	@Parameter(label = "Threads (0 = one per core)", min = "0")
	private int threads = 0;

	@Parameter(label = "max_pixels", required = false, min = "0", description = "Largest mask read, width × height (0: 2^31); a larger one is reported, never decoded")
	private long max_pixels = 0;

	@Override
	protected void execute() throws Exception {
		Path out = outputFolder(output);
		MaskQa.Result result;
		try (Dataset ds = loadDataset(dataset, metadata, masks, null, false, max_pixels)) {
			result = MaskQa.run(ds, new MaskQa.Options(published_rule, extra_checks), threads, monitor());
		}
		Path file = result.write(out);
		if (log != null) {
			for (String e : result.readErrors()) log.warn(e);
			log.info(result.summary() + "; written to " + file);
		}
		ResultsTables.show(result.issues(), "IMA++ Mask QA");
	}
}
