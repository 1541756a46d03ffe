package org.imapp.commands;

import java.io.File;
import java.nio.file.Path;

import org.imapp.consensus.Staple;
import org.imapp.data.Dataset;
import org.imapp.multirater.MultiRaterRun;
import org.imapp.ij1.ResultsTables;
import org.imapp.qa.MaskQa;
import org.scijava.ItemIO;
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

	@Parameter(label = "dataset", required = false, style = "directory", description = "IMA++ dataset folder (or manifest=)")
	private File dataset;

	@Parameter(label = "manifest", required = false, persist = false, style = "file",
		description = "Multi-rater manifest CSV instead of an IMA++ dataset: mask_qa.csv (unreadable, empty, not binary, size or calibration unlike the image's other raters)")
	private File manifest;

	@Parameter(label = "metadata", required = false, persist = false, description = "Seg metadata CSV (default: dataset/metadata/IMAplusplus_seg_metadata.csv)")
	private File metadata;

	@Parameter(label = "masks", required = false, persist = false, description = "Mask folder or segs.zip (default: dataset/segs or dataset/segs.zip)")
	private File masks;

	@Parameter(label = "output", style = "directory", description = "Folder for the CSV tables")
	private File output;

	@Parameter(label = "published_rule", description = "Region rule exactly as mask_qa.py: its first two components in raster order (default: the two largest)")
	private boolean published_rule = false;

	// Named so that leaving the key out of a macro (ImageJ: unchecked) keeps the checks on.
	@Parameter(label = "skip_extra_checks", description = "Leave out the checks beyond mask_qa.py (MD5, sizes, raw values, repeated or invalid rows)")
	private boolean skip_extra_checks = false;

	@Parameter(label = "threads", min = "0", description = "Masks checked at once (0: one per core)")
	private int threads = 0;

	@Parameter(label = "max_pixels", required = false, min = "0", description = "Largest mask read, width × height (0: 2^31); a larger one is reported, never decoded")
	private long max_pixels = 0;

	@Parameter(type = ItemIO.OUTPUT, description = "Problems found (rows of the QA table)")
	private int issues;

	@Parameter(type = ItemIO.OUTPUT, description = "The output folder written")
	private File output_folder;

	@Parameter(type = ItemIO.OUTPUT, description = "The QA table written (mask_qa.csv for manifest=)")
	private File table_csv;

	@Override
	protected void execute() throws Exception {
		if (ManifestRuns.useManifest(dataset, manifest)) {
			Path out = manifestOutputFolder(output, manifest);
			// Empty, not binary, unreadable, size or calibration unlike the image's other raters: mask_qa.csv.
			MultiRaterRun.Settings settings = MultiRaterRun.Settings.all().withSteps(true, false, false, false, false).with(Staple.Parameters.DEFAULT, null,
				Double.NaN, threads);
			issues = ManifestRuns.run("IMA++ Mask QA", manifest, out, settings, monitor(), log).qa().rowCount();
			output_folder = publishedFile(out);
			table_csv = publishedFile(out.resolve(MultiRaterRun.QA_CSV));
			return;
		}
		Path out;
		MaskQa.Result result;
		try (Dataset ds = loadDataset(dataset, metadata, masks, null, false, max_pixels)) {
			out = outputFolder(output, ds.paths());
			result = MaskQa.run(ds, new MaskQa.Options(published_rule, !skip_extra_checks), threads, monitor());
		}
		Path file = result.write(out);
		issues = result.issues().rowCount();
		output_folder = publishedFile(out);
		table_csv = publishedFile(file);
		if (log != null) {
			for (String e : result.readErrors()) log.warn(e);
			log.info(result.summary() + "; written to " + published(file));
		}
		ResultsTables.show(result.issues(), "IMA++ Mask QA");
	}
}
