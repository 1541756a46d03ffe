package org.imapp.synth;

/**
 * The unusual masks every generated dataset contains at least once, because each breaks a
 * naive implementation somewhere (QA early exits, empty-surface metrics, 8- vs 4-connectivity,
 * frame-as-background surfaces, Dice 0). The label is what {@code edge_cases.csv} lists.
 */
public enum RareCase {
	/** The last annotator's mask has no foreground. */
	EMPTY("empty"),
	/** The last annotator's mask covers the whole image (a failed auto-fill). */
	FULL("full"),
	/** The lesion is a ring: most annotators leave a hole in the middle. */
	HOLE("hole"),
	/** A satellite lesion beside the main one, larger than 5 % of it, drawn by all but the last annotator. */
	ISLAND("island"),
	/** The lesion runs off the image edge, so every mask touches the border. */
	BORDER("border"),
	/** The second annotator outlines a different spot than the others: a Dice-0 pair. */
	ZERO_OVERLAP("zero_overlap"),
	/** The last annotator's mask is a 3×3-pixel speck. */
	TINY("tiny");

	private final String label;

	RareCase(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}
}
