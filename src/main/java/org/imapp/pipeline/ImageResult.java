package org.imapp.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.imapp.table.Table;

/**
 * Everything the pipeline keeps of one image once its masks are dropped: a few small tables
 * (QA rows, consensus metadata rows, STAPLE estimates, pairwise metrics, problems), keyed by part
 * name. The final tables are these parts concatenated in dataset order, so one image's result is
 * also its checkpoint.
 *
 * @param isicId the image
 * @param index position of the image in the whole (unsharded) run, which fixes the output order
 * @param inputs fingerprint of what the result was computed from (the image's metadata rows and
 *        mask bytes, the steps' settings): a resumed run recomputes the image when it changed
 */
public record ImageResult(String isicId, int index, String inputs, Map<String, Table> parts) {

	/** Part names. */
	public static final String QA = "qa";
	public static final String CONSENSUS_ROWS = "consensus_rows";
	public static final String STAPLE = "staple";
	public static final String PAIRS = "pairs";
	public static final String PROBLEMS = "problems";

	public ImageResult {
		parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
	}

	/** A part, or null when the stage did not run for this image. */
	public Table part(String name) {
		return parts.get(name);
	}
}
