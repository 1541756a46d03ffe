package org.imapp.commands;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import org.scijava.ItemIO;
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
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/**
 * The agreement metrics of two masks the user picks among the open images — binary images, or
 * images with an area selection (the selection is the mask, e.g. an annotation drawn in Fiji) —
 * as one row with the columns of the pairwise table, added to the results table
 * {@value #TABLE_TITLE} and, with {@code table=}, to that CSV; the metrics are also its outputs
 * (for scripts), NaN where undefined (an empty mask's distances) or not computed (stacks have no
 * normalized distances).
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

	@Parameter(label = "table", required = false, persist = false, style = "save",
		description = "CSV file to add this comparison to as one more row (created with its header if missing; empty: none)")
	private File table;

	@Parameter(type = ItemIO.OUTPUT, description = "The image both masks belong to: the ISIC id of an IMA++ title, else mask1's title without extension")
	private String img_id;

	@Parameter(type = ItemIO.OUTPUT, description = "Dice coefficient")
	private double dice;

	@Parameter(type = ItemIO.OUTPUT, description = "Jaccard index")
	private double jaccard;

	@Parameter(type = ItemIO.OUTPUT, description = "Hausdorff distance (pixels; stacks: calibrated units)")
	private double hd;

	@Parameter(type = ItemIO.OUTPUT, description = "95th-percentile Hausdorff distance")
	private double hd95;

	@Parameter(type = ItemIO.OUTPUT, description = "Average symmetric surface distance")
	private double assd;

	@Parameter(type = ItemIO.OUTPUT, description = "Normalized Surface Dice")
	private double nsd;

	@Parameter(type = ItemIO.OUTPUT, description = "HD over the image diagonal (NaN for stacks)")
	private double hd_normalized;

	@Parameter(type = ItemIO.OUTPUT, description = "HD95 over the image diagonal (NaN for stacks)")
	private double hd95_normalized;

	@Parameter(type = ItemIO.OUTPUT, description = "ASSD over the image diagonal (NaN for stacks)")
	private double assd_normalized;

	private Table comparison;

	@Override
	protected void execute() throws Exception {
		if (mask1 == null || mask2 == null) throw new IllegalArgumentException("Two open images are needed (mask1=, mask2=)");
		MetricOptions options = MetricOptions.DEFAULT.withNsdTolerance(nsd_tolerance > 0 ? nsd_tolerance : Double.NaN);
		img_id = ImageMasks.imageId(mask1);
		boolean stacks = mask1.getStackSize() > 1 || mask2.getStackSize() > 1;
		Table row = stacks ? compareStacks(options)
			: AgreementMetrics.compare(img_id, ImageMasks.name(mask1), ImageMasks.of(mask1), ImageMasks.name(mask2), ImageMasks.of(mask2), options);
		// 2-D rows have the pairwise table's *_score columns, stack rows the multi-rater table's plain names.
		String suffix = stacks ? "" : "_score";
		dice = value(row, "dice" + suffix);
		jaccard = value(row, "jaccard" + suffix);
		hd = value(row, "hd" + suffix);
		hd95 = value(row, "hd95" + suffix);
		assd = value(row, "assd" + suffix);
		nsd = value(row, stacks ? "nsd" : "nsd_score");
		hd_normalized = value(row, "hd_score_normalized");
		hd95_normalized = value(row, "hd95_score_normalized");
		assd_normalized = value(row, "assd_score_normalized");
		if (table != null && !table.getPath().isEmpty()) appendTo(row, table.toPath().toAbsolutePath());
		comparison = row;
		ResultsTables.append(namesLast(row), TABLE_TITLE);
		// Headless there is no table window: the log line is what a ./imapp user sees.
		if (log != null) log.info(String.format("IMA++ Compare Masks: %s vs %s (%s): Dice %s, Jaccard %s, HD %s, HD95 %s, ASSD %s%s", ImageMasks.name(mask1),
			ImageMasks.name(mask2), img_id, dice, jaccard, hd, hd95, assd, table != null && !table.getPath().isEmpty() ? "; added to " + table.getAbsolutePath() : ""));
	}

	/**
	 * The row for the results window: the same cells with the mask names last, so that the metrics
	 * stay in view beside long file names (the CSV keeps the pairwise table's column order).
	 */
	static Table namesLast(Table row) {
		List<String> names = List.of("mask1", "mask2");
		List<String> order = new ArrayList<>();
		for (String c : row.columns()) if (!names.contains(c)) order.add(c);
		for (String c : row.columns()) if (names.contains(c)) order.add(c);
		Table t = new Table(order);
		for (int r = 0; r < row.rowCount(); r++) {
			Object[] cells = new Object[order.size()];
			for (int c = 0; c < cells.length; c++) cells[c] = row.get(r, order.get(c));
			t.addRow(cells);
		}
		return t;
	}

	/** A metric cell of the row; NaN when empty (undefined) or not a column of this kind of row. */
	private static double value(Table row, String column) {
		return row.indexOf(column) < 0 ? Double.NaN : row.getDouble(0, column);
	}

	/** Writes {@code file} anew (atomically) with its rows and this one; a file with other columns is an error, not overwritten. */
	private static void appendTo(Table row, Path file) throws java.io.IOException {
		Table all = row;
		if (Files.exists(file)) {
			all = CsvTables.read(file);
			if (!all.columns().equals(row.columns())) {
				throw new IllegalArgumentException(file + " has other columns than a Mask Comparison " + (row.indexOf("unit") >= 0 ? "of stacks" : "of 2-D masks")
					+ ": " + String.join(",", all.columns()));
			}
			for (Object[] r : row.rows()) all.addRow(r);
		}
		CsvTables.write(all, file);
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

	/** This run's row (null before or after a failure). */
	public Table comparison() {
		return comparison;
	}
}
