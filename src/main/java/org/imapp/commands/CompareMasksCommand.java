package org.imapp.commands;

import ij.ImagePlus;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import org.imapp.data.MaskVolume;
import org.imapp.ij1.ImageMasks;
import org.imapp.ij1.MaskStacks;
import org.imapp.ij1.ResultsTables;
import org.imapp.metrics.MetricOptions;
import org.imapp.metrics.OverlapMetrics;
import org.imapp.multirater.MultiRaterTables;
import org.imapp.runner.AgreementMetrics;
import org.imapp.table.Table;

/**
 * The agreement metrics of two masks the user picks among the open images — binary images, or
 * images with an area selection (the selection is the mask, e.g. an annotation drawn in Fiji) —
 * as one row with the columns of the pairwise table, in the results table
 * {@value #TABLE_TITLE}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>IMA++>IMA++ Compare Masks", label = "IMA++ Compare Masks")
public class CompareMasksCommand extends ImappCommand {

	public static final String TABLE_TITLE = "IMA++ Mask Comparison";

	@Parameter(label = "mask1", description = "First mask: a binary image (value > 0 is foreground) or an image with an area selection")
	private ImagePlus mask1;

	@Parameter(label = "mask2", description = "Second mask, of the same size")
	private ImagePlus mask2;

	@Parameter(label = "nsd_tolerance", required = false, min = "0", description = "Normalized Surface Dice tolerance in pixels; stacks: in the first mask's calibrated units (0: 2 % of the image diagonal)")
	private double nsd_tolerance = 0;

	private Table comparison;

	@Override
	protected void execute() throws Exception {
		if (mask1 == null || mask2 == null) throw new IllegalArgumentException("Two open images are needed (mask1=, mask2=)");
		MetricOptions options = MetricOptions.DEFAULT.withNsdTolerance(nsd_tolerance > 0 ? nsd_tolerance : Double.NaN);
		if (mask1.getStackSize() > 1 || mask2.getStackSize() > 1) {
			comparison = compareStacks(options);
			ResultsTables.show(comparison, TABLE_TITLE);
			return;
		}
		comparison = AgreementMetrics.compare(mask1.getTitle(), ImageMasks.name(mask1), ImageMasks.of(mask1), ImageMasks.name(mask2), ImageMasks.of(mask2),
			options);
		ResultsTables.show(comparison, TABLE_TITLE);
	}

	/** Two 3-D masks (whole stacks), distances in the first one's calibrated units (pixels when it has none). */
	private Table compareStacks(MetricOptions options) {
		MaskVolume a = MaskStacks.volume(mask1, mask1.getTitle()), b = MaskStacks.volume(mask2, mask2.getTitle());
		if (!java.util.Arrays.equals(a.dimensions(), b.dimensions())) {
			throw new IllegalArgumentException("Masks of different sizes: " + mask1.getTitle() + " is " + a.sizeText() + ", " + mask2.getTitle() + " is " + b.sizeText());
		}
		double[] spacing = a.spacing();
		if (spacing == null) {
			spacing = new double[a.dimensions().length];
			java.util.Arrays.fill(spacing, 1);
		}
		return MultiRaterTables.comparison(mask1.getTitle(), mask2.getTitle(), OverlapMetrics.computeNd(a.image(), b.image(), spacing, options, null), a.unit());
	}

	/** The row shown, after a run (null before or after a failure). */
	public Table comparison() {
		return comparison;
	}
}
