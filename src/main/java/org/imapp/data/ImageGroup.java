package org.imapp.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The masks of one lesion image in metadata order: annotators' masks, then the consensus masks
 * (STAPLE before majority vote, as IMA++ appends them).
 */
public record ImageGroup(String isicId, String imgFilename, List<SegRecord> annotatorMasks, List<SegRecord> consensusMasks) {

	public ImageGroup {
		annotatorMasks = List.copyOf(annotatorMasks);
		consensusMasks = List.copyOf(consensusMasks);
	}

	/** Annotator masks then consensus masks: the order IMA++ forms pairs in. */
	public List<SegRecord> allMasks() {
		List<SegRecord> all = new ArrayList<>(annotatorMasks.size() + consensusMasks.size());
		all.addAll(annotatorMasks);
		all.addAll(consensusMasks);
		return all;
	}

	/** At least two annotator masks: the IMA++ multi-annotator subset rule (it counts masks, not annotators). */
	public boolean isMultiAnnotator() {
		return annotatorMasks.size() >= 2;
	}

	public SegRecord consensus(String kind) {
		for (SegRecord r : consensusMasks) if (r.annotator().equals(kind)) return r;
		return null;
	}
}
