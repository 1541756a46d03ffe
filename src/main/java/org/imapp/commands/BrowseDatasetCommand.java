package org.imapp.commands;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

import javax.swing.SwingUtilities;

import org.imapp.data.Dataset;
import org.imapp.data.RecordFilter;
import org.imapp.ij1.AnnotationDisplay;
import org.imapp.ij1.BrowserModel;
import org.imapp.ij1.DatasetBrowser;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Opens the dataset browser: step through the images (filtered by annotator, tool, skill,
 * diagnosis; ordered by agreement) with their annotations, agreement map and metrics.
 * Interactive only: headless it fails with a message saying so.
 */
@Plugin(type = Command.class, menuPath = "Plugins>IMA++>IMA++ Browse Dataset", label = "IMA++ Browse Dataset")
public class BrowseDatasetCommand extends ImappCommand {

	@Parameter(label = "dataset", style = "directory", description = "IMA++ dataset folder")
	private File dataset;

	@Parameter(label = "consensus", required = false, persist = false, style = "directory", description = "Consensus masks folder (Consensus Masks output)")
	private File consensus;

	@Parameter(label = "metrics", required = false, persist = false, style = "file", description = "Pairwise metrics CSV (IAA_metrics) for the table")
	private File metrics;

	@Parameter(label = "image_level", required = false, persist = false, style = "file", description = "Image-level metrics CSV, to order by mean Dice")
	private File image_level;

	@Parameter(label = "annotators", required = false, description = "Annotators to keep, e.g. A00,A03 (empty: all)")
	private String annotators = "";

	@Parameter(label = "tools", required = false, description = "Tools to keep, e.g. T1,T3")
	private String tools = "";

	@Parameter(label = "skills", required = false, description = "Skill levels to keep, S1 and/or S2")
	private String skills = "";

	@Parameter(label = "diagnoses", required = false, description = "Diagnoses to keep (any diagnosis level, or benign/malignant)")
	private String diagnoses = "";

	@Parameter(label = "order", choices = { "file order", "lowest mean Dice first", "highest mean Dice first" },
		description = "Order of the images (by mean Dice needs image_level=)")
	private String order = "file order";

	@Parameter(label = "isic_id", required = false, description = "Start at this ISIC id")
	private String isic_id = "";

	@Parameter(type = ItemIO.OUTPUT, description = "Images in the browser (after the filters)")
	private int images;

	@Override
	protected void execute() throws Exception {
		if (!AnnotationDisplay.interactive()) throw new IllegalStateException("IMA++ Browse Dataset needs a display (not available headless or in batch mode)");
		BrowserModel.Order o = BrowserModel.Order.parse(order);
		Map<String, Double> dice = image_level == null || image_level.getPath().isEmpty() ? Map.of() : BrowserModel.meanDice(existing(image_level));
		if (o != BrowserModel.Order.FILE && dice.isEmpty()) throw new IllegalArgumentException("Ordering by mean Dice needs image_level= (an image-level metrics CSV)");
		Table pairs = metrics == null || metrics.getPath().isEmpty() ? null : CsvTables.read(existing(metrics));
		Path cons = consensus == null || consensus.getPath().isEmpty() ? null : existing(consensus);
		Dataset ds = loadDataset(dataset, null, null, null, false);
		try {
			BrowserModel model = new BrowserModel(ds, dice);
			model.setFilter(RecordFilter.parse(annotators, tools, skills, diagnoses));
			model.setOrder(o);
			if (model.size() == 0) throw new IllegalArgumentException("No image matches the filter");
			images = model.size();
			if (isic_id != null && !isic_id.isBlank()) model.jump(isic_id);
			SwingUtilities.invokeAndWait(() -> new DatasetBrowser(model, cons, pairs).open(null));
		}
		catch (Exception e) {
			ds.close();
			throw e;
		}
	}

	private static Path existing(File f) {
		if (!f.exists()) throw new IllegalArgumentException("Not found: " + f.getAbsolutePath());
		return f.toPath();
	}
}
