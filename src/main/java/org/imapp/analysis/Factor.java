package org.imapp.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

import org.imapp.data.SegRecord;

/**
 * A property of a mask that agreement can be broken down by. The level order is the published
 * figures': tools T1, T2, T3 then MV, ST; skills S1, S2, MV, ST; annotators sorted then MV, ST.
 */
public enum Factor {

	TOOL("tool", List.of("T1", "T2", "T3")),
	SKILL("skill_level", List.of("S1", "S2")),
	ANNOTATOR("annotator", null);

	private final String column;
	private final List<String> fixedLevels;

	Factor(String column, List<String> fixedLevels) {
		this.column = column;
		this.fixedLevels = fixedLevels;
	}

	/** The column stem in the pairwise table ({@code tool} for {@code tool1}/{@code tool2}). */
	public String column() {
		return column;
	}

	/** The factor's value on one side (1 or 2) of a pair. */
	public String of(MetricPair p, int side) {
		return switch (this) {
			case TOOL -> side == 1 ? p.tool1() : p.tool2();
			case SKILL -> side == 1 ? p.skill1() : p.skill2();
			case ANNOTATOR -> side == 1 ? p.annotator1() : p.annotator2();
		};
	}

	/**
	 * The levels in figure order. Tool and skill have fixed levels (plus MV and ST); annotators are
	 * the sorted values present in the pairs (trap 20: an annotator absent from the data gets no row),
	 * consensus labels last.
	 */
	public List<String> levels(Collection<MetricPair> pairs) {
		List<String> out = new ArrayList<>();
		if (fixedLevels != null) out.addAll(fixedLevels);
		else {
			TreeSet<String> seen = new TreeSet<>();
			for (MetricPair p : pairs) {
				for (int side = 1; side <= 2; side++) {
					String v = of(p, side);
					if (!SegRecord.isConsensusLabel(v)) seen.add(v);
				}
			}
			out.addAll(seen);
		}
		out.add(SegRecord.MAJORITY_VOTE);
		out.add(SegRecord.STAPLE);
		return out;
	}

	/** Human-readable name for titles. */
	public String title() {
		return switch (this) {
			case TOOL -> "Tool";
			case SKILL -> "Skill level";
			case ANNOTATOR -> "Annotator";
		};
	}
}
