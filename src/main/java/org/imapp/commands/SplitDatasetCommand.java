package org.imapp.commands;

import org.imapp.data.DatasetPaths;
import java.io.File;
import java.nio.file.Path;

import org.imapp.analysis.DatasetSplit;
import org.imapp.data.ImageMetadata;
import org.imapp.data.SegMetadata;
import org.imapp.figures.FigureInputs;
import org.imapp.ij1.ResultsTables;
import org.imapp.table.CsvTables;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Splits a dataset into train/validation/test by patient and writes copies of the image and seg
 * metadata with a {@code split} column, plus {@code split_sizes.csv} (images, patients, masks,
 * classes and annotator counts per split). The input files are not modified.
 */
@Plugin(type = Command.class, menuPath = "Plugins>IMA++>IMA++ Split Dataset", label = "IMA++ Split Dataset")
public class SplitDatasetCommand extends ImappCommand {

	public static final String IMG_OUT = "IMAplusplus_img_metadata_split.csv";
	public static final String SEG_OUT = "IMAplusplus_seg_metadata_split.csv";
	public static final String SIZES_OUT = "split_sizes.csv";

	@Parameter(label = "dataset", style = "directory", description = "IMA++ dataset folder (metadata/ with seg and image metadata)")
	private File dataset;

	@Parameter(label = "output", style = "directory", description = "Output folder")
	private File output;

	@Parameter(label = "train_fraction", min = "0", max = "1", stepSize = "0.05", description = "Target fraction of images for training")
	private double train_fraction = 0.7;

	@Parameter(label = "val_fraction", min = "0", max = "1", stepSize = "0.05", description = "Target fraction of images for validation")
	private double val_fraction = 0.15;

	@Parameter(label = "test_fraction", min = "0", max = "1", stepSize = "0.05", description = "Target fraction of images for testing")
	private double test_fraction = 0.15;

	@Parameter(label = "seed", description = "Random seed (same seed, same split)")
	private long seed = 42;

	// Named so that leaving the key out of a macro (ImageJ: unchecked) keeps the stratification on.
	@Parameter(label = "ignore_malignancy", description = "Do not balance benign_malignant across splits")
	private boolean ignore_malignancy = false;

	@Parameter(label = "stratify_by_annotators", description = "Balance the number of annotators per image across splits")
	private boolean stratify_by_annotators = false;

	@Parameter(type = ItemIO.OUTPUT, description = "The output folder written")
	private File output_folder;

	@Parameter(type = ItemIO.OUTPUT, description = "The image metadata with its split column, written")
	private File table_csv;

	@Override
	protected void execute() throws Exception {
		FigureInputs in = FigureInputs.resolve(dataset, null, null, null);
		DatasetSplit.Options options = new DatasetSplit.Options(new double[] { train_fraction, val_fraction, test_fraction }, seed, !ignore_malignancy,
			stratify_by_annotators);
		ImageMetadata img = in.imageMetadata();
		DatasetSplit.Result r = DatasetSplit.split(in.records(), img, options);
		Path out = outputFolder(output, DatasetPaths.folderGuard(in.root()));
		CsvTables.write(DatasetSplit.withSplitColumn(img.table(), ImageMetadata.ID, r.splitOf()), out.resolve(IMG_OUT));
		CsvTables.write(DatasetSplit.withSplitColumn(SegMetadata.toTable(in.records()), "ISIC_id", r.splitOf()), out.resolve(SEG_OUT));
		CsvTables.write(r.sizes(), out.resolve(SIZES_OUT));
		output_folder = publishedFile(out);
		table_csv = publishedFile(out.resolve(IMG_OUT));
		ResultsTables.show(r.sizes(), "IMA++ split sizes");
	}
}
