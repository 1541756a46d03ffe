package org.imapp.commands;

import java.io.File;
import java.nio.file.Path;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import org.imapp.consensus.Staple;
import org.imapp.data.Dataset;
import org.imapp.ij1.ResultsTables;
import org.imapp.metrics.MetricOptions;
import org.imapp.multirater.MultiRaterRun;
import org.imapp.runner.AgreementMetrics;
import org.imapp.runner.MetricsSummary;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/**
 * Inter-annotator agreement of every pair of masks of every multi-annotator image (annotators,
 * STAPLE, majority vote), written as IMA++ publishes it, with the image-level and summary tables.
 */
@Plugin(type = Command.class, menuPath = "Plugins>IMA++>IMA++ Agreement Metrics", label = "IMA++ Agreement Metrics")
public class AgreementMetricsCommand extends ImappCommand {

	@Parameter(label = "dataset", required = false, style = "directory", description = "IMA++ dataset folder (or manifest=)")
	private File dataset;

	@Parameter(label = "manifest", required = false, persist = false, style = "file",
		description = "Multi-rater manifest CSV (image_id,rater,mask[,groups]) instead of an IMA++ dataset: pairwise, rater-vs-consensus, per-image, summary and per-group tables in calibrated units")
	private File manifest;

	@Parameter(label = "output", style = "directory", description = "Folder for the metric tables")
	private File output;

	// Optional overrides are not persisted: a folder left over from an earlier run must not silently change this one.
	@Parameter(label = "consensus", required = false, persist = false, style = "directory",
		description = "Folder with <ISIC_id>_ST_ST_ST_ST.png and _MV_MV_MV_MV.png (default: the metadata's ST/MV rows, else made here with the IMA++ settings)")
	private File consensus;

	@Parameter(label = "metadata", required = false, persist = false, description = "Seg metadata CSV (default: dataset/metadata/IMAplusplus_seg_metadata.csv)")
	private File metadata;

	@Parameter(label = "masks", required = false, persist = false, description = "Mask folder or segs.zip (default: dataset/segs or dataset/segs.zip)")
	private File masks;

	@Parameter(label = "nsd_tolerance", required = false, min = "0", description = "Normalized Surface Dice tolerance in pixels; manifest=: in calibrated units (0: 2 % of the image diagonal)")
	private double nsd_tolerance = 0;

	@Parameter(label = "hd95_variant", choices = { "pooled", "max_directed" },
		description = "pooled: medpy/IMA++ (percentile of both directions together); max_directed: MONAI (larger directed percentile)")
	private String hd95_variant = "pooled";

	@Parameter(label = "assd_variant", choices = { "pooled", "mean_of_directed" },
		description = "pooled: medpy 0.5.2/IMA++; mean_of_directed: medpy 0.4 (MASD)")
	private String assd_variant = "pooled";

	@Parameter(label = "spacing", required = false, description = "IMA++: pixel size in mm for extra *_mm columns (0: none); manifest=: voxel size x,y[,z], e.g. [0.5,0.5,2.0] (empty: the files' calibration)")
	private String spacing = "0";

	@Parameter(label = "threads", required = false, min = "0", description = "Images processed at once (0: all cores)")
	private int threads = 0;

	@Parameter(label = "max_pixels", required = false, min = "0", description = "Largest mask read, width × height (0: 2^31); a larger one is reported, never decoded")
	private long max_pixels = 0;

	@Parameter(type = ItemIO.OUTPUT, description = "Mask pairs scored (rows of the pairwise table)")
	private int pairs;

	@Parameter(type = ItemIO.OUTPUT, description = "The output folder written")
	private File output_folder;

	@Parameter(type = ItemIO.OUTPUT, description = "The pairwise metrics CSV written")
	private File table_csv;

	@Override
	protected void execute() throws Exception {
		if (ManifestRuns.useManifest(dataset, manifest)) {
			if (ManifestRuns.given(consensus)) throw new IllegalArgumentException("consensus= is for IMA++ datasets; with manifest= STAPLE and majority vote are made from the raters");
			MultiRaterRun.Settings settings = MultiRaterRun.Settings.all().withSteps(false, true, true, false, true)
				.with(Staple.Parameters.DEFAULT, ManifestRuns.spacing(spacing), nsd_tolerance > 0 ? nsd_tolerance : Double.NaN, threads);
			Path out = manifestOutputFolder(output, manifest);
			pairs = ManifestRuns.run("IMA++ Agreement Metrics", manifest, out, settings, monitor(), log).pairwise().rowCount();
			output_folder = publishedFile(out);
			table_csv = publishedFile(out.resolve(MultiRaterRun.PAIRWISE_CSV));
			return;
		}
		double[] mm = ManifestRuns.spacing(spacing);
		if (mm != null && mm.length != 1) throw new IllegalArgumentException("spacing=" + spacing + ": one pixel size in mm for an IMA++ dataset");
		MetricOptions options = new MetricOptions(MetricOptions.Hd95Variant.of(hd95_variant), MetricOptions.AssdVariant.of(assd_variant),
			nsd_tolerance > 0 ? nsd_tolerance : Double.NaN, mm != null ? mm[0] : Double.NaN);
		try (Dataset d = loadDataset(dataset, metadata, masks, null, false, max_pixels)) {
			Path out = outputFolder(output, guard(d.paths(), consensus));
			if (!d.segMetadata().problems().isEmpty()) {
				throw new IllegalArgumentException(d.segMetadata().problems().size() + " invalid rows in " + d.segMetadata().file() + ", first: "
					+ d.segMetadata().problems().get(0) + " (run IMA++ Load Metadata for the full list)");
			}
			var source = AgreementMetrics.ConsensusSource.choose(d, consensus == null || consensus.getPath().isEmpty() ? null : consensus.toPath());
			var rows = AgreementMetrics.compute(d, source, options, threads, monitor());
			Table pairwise = AgreementMetrics.table(rows, options);
			CsvTables.write(pairwise, out.resolve(AgreementMetrics.PAIRWISE_FILE));
			pairs = pairwise.rowCount();
			output_folder = publishedFile(out);
			table_csv = publishedFile(out.resolve(AgreementMetrics.PAIRWISE_FILE));
			Table summary = MetricsSummary.writeAll(pairwise, out);
			ResultsTables.show(pairwise, "IMA++ Agreement Metrics");
			ResultsTables.show(summary, "IMA++ Agreement Summary");
			if (log != null) log.info("Wrote " + rows.size() + " pairs of " + d.multiAnnotatorGroups().size() + " images to " + published(out));
		}
	}
}
