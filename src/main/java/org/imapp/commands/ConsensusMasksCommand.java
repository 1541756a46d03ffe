package org.imapp.commands;

import java.io.File;

import org.imapp.consensus.ConsensusMasks;
import org.imapp.consensus.Staple;
import org.imapp.data.Dataset;
import org.imapp.ij1.ResultsTables;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * STAPLE and majority-vote consensus masks for every multi-annotator image, as IMA++'s
 * {@code create_consensus_masks.py} makes them with SimpleITK; see {@link ConsensusMasks}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>IMA++>IMA++ Consensus Masks", label = "IMA++ Consensus Masks")
public class ConsensusMasksCommand extends ImappCommand {

	@Parameter(label = "dataset", style = "directory", description = "IMA++ dataset folder")
	private File dataset;

	@Parameter(label = "output", style = "directory", description = "Folder for consensus/, metadata/ and the STAPLE tables")
	private File output;

	@Parameter(label = "method", choices = { "STAPLE and majority vote", "STAPLE", "majority vote" })
	private String method = ConsensusMasks.Method.BOTH.label();

	@Parameter(label = "confidence_weight", min = "0", description = "Scales STAPLE's prior (ITK ConfidenceWeight; IMA++: 1)")
	private double confidence_weight = 1;

	@Parameter(label = "max_iterations", min = "0", description = "STAPLE iteration cap; 0 = until converged (IMA++)")
	private int max_iterations = 0;

	@Parameter(label = "threads", min = "1", description = "Images processed at once")
	private int threads = Runtime.getRuntime().availableProcessors();

	@Parameter(label = "metadata", required = false, persist = false, description = "Seg metadata CSV (default: dataset/metadata/IMAplusplus_seg_metadata.csv)")
	private File metadata;

	@Parameter(label = "masks", required = false, persist = false, description = "Mask folder or segs.zip (default: dataset/segs or dataset/segs.zip)")
	private File masks;

	@Override
	protected void execute() throws Exception {
		ConsensusMasks.Settings settings = new ConsensusMasks.Settings(ConsensusMasks.Method.parse(method),
			new Staple.Parameters(confidence_weight, max_iterations), threads);
		try (Dataset d = loadDataset(dataset, metadata, masks, null, false)) {
			var problems = d.segMetadata().problems();
			if (!problems.isEmpty()) {
				throw new IllegalArgumentException(problems.size() + " invalid rows in " + d.segMetadata().file() + ", first: " + problems.get(0)
					+ " (run IMA++ Load Metadata for the full list)");
			}
			ConsensusMasks.Result r = ConsensusMasks.run(d, outputFolder(output), settings, monitor());
			if (settings.method().staple()) {
				ResultsTables.show(r.annotatorPerformance(), "IMA++ STAPLE Annotator Performance");
				ResultsTables.show(r.annotatorSummary(), "IMA++ STAPLE Annotator Summary");
			}
			if (r.skipped().rowCount() > 0) {
				ResultsTables.show(r.skipped(), "IMA++ Consensus Problems");
				if (log != null) log.warn(r.skippedImages().size() + " images skipped, " + r.skipped().rowCount() + " problems (see " + ConsensusMasks.SKIPPED_CSV + ")");
			}
			if (log != null) log.info("Consensus masks of " + r.done() + " images written to " + r.output());
		}
	}
}
