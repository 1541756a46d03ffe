package org.imapp.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.imapp.data.Dataset;
import org.imapp.table.Table;

/**
 * One capability's share of the pipeline (QA, consensus, metrics): {@link #run} does its work on
 * one image inside the single pass over that image — reading what earlier steps left in the
 * {@link ImageWork} and adding rows and masks —, and {@link #writeTables} turns the rows of all
 * images into the capability's output files at the end (of a run, or of a merge of shards).
 * Problems of the input (an unreadable mask, sizes that differ) become rows or problems of the
 * image; only failures to write outputs are thrown.
 */
public interface ImageStep {

	/** The stage name for timing ({@link StageTimes}). */
	String stage();

	/**
	 * The settings that change this step's results, as text. A resumed run or a merge refuses
	 * results made with other settings.
	 */
	Map<String, String> settings();

	void run(ImageWork work) throws IOException;

	/**
	 * Writes the final tables under {@code output}.
	 * @param parts each part name's rows of all images, concatenated in dataset order
	 */
	void writeTables(Map<String, Table> parts, Dataset dataset, Path output) throws IOException;

	/** As {@link #writeTables(Map, Dataset, Path)}, for a step whose tables are much work, on up to {@code threads} threads (0: one per core). */
	default void writeTables(Map<String, Table> parts, Dataset dataset, Path output, int threads) throws IOException {
		writeTables(parts, dataset, output);
	}

	/** True when the step needs each annotator mask's count of raw foreground values (QA's two-valued check). */
	default boolean needsForegroundValues() {
		return false;
	}

	/** Sub-folders of the output holding per-image files this step writes (merged shards copy them). */
	default java.util.List<String> imageOutputFolders() {
		return java.util.List.of();
	}
}
