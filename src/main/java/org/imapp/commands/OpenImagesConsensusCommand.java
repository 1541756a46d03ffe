package org.imapp.commands;

import ij.ImagePlus;

import org.imapp.consensus.Staple;
import org.imapp.ij1.ConsensusImages;
import org.imapp.ij1.OpenImageConsensus;
import org.imapp.ij1.ResultsTables;
import org.imapp.table.Table;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * STAPLE and majority vote of the rater masks open in Fiji — one image per rater (2-D, or 3-D
 * stacks of one size) or one stack whose slices are the raters — as new images: the two masks and
 * STAPLE's probability map, calibrated like the input, and STAPLE's rater estimates in the results
 * table {@value #TABLE_TITLE}. See {@link OpenImageConsensus}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>IMA++>IMA++ Consensus from Open Images", label = "IMA++ Consensus from Open Images")
public class OpenImagesConsensusCommand extends ImappCommand {

	public static final String TABLE_TITLE = "IMA++ STAPLE Raters";

	@Parameter(label = "raters", required = false, persist = false,
		description = "Titles of the open rater masks, comma-separated, e.g. [a.tif,b.tif,c.tif] (empty: every open image); one stack alone: its slices are the raters")
	private String raters = "";

	@Parameter(label = "confidence_weight", min = "0", description = "Scales STAPLE's prior (ITK ConfidenceWeight; 1 = ITK's default)")
	private double confidence_weight = 1;

	@Parameter(label = "max_iterations", min = "0", description = "STAPLE iteration cap; 0 = until converged")
	private int max_iterations = 0;

	@Parameter(label = "STAPLE mask", type = ItemIO.OUTPUT)
	private ImagePlus staple_mask;

	@Parameter(label = "Majority-vote mask", type = ItemIO.OUTPUT)
	private ImagePlus majority_vote_mask;

	@Parameter(label = "STAPLE probability map", type = ItemIO.OUTPUT)
	private ImagePlus probability_map;

	private Table raterEstimates;

	@Override
	protected void execute() throws Exception {
		OpenImageConsensus.Result r = OpenImageConsensus.compute(OpenImageConsensus.images(raters), new Staple.Parameters(confidence_weight, max_iterations));
		staple_mask = r.staple();
		majority_vote_mask = r.majorityVote();
		probability_map = r.probability();
		raterEstimates = r.raters();
		// Fiji (imagej-legacy) shows ImagePlus outputs itself; plain ImageJ 1.x does not.
		if (!ImagePlusOutputs.shownByFramework(getContext())) ConsensusImages.open(probability_map, staple_mask, majority_vote_mask);
		ResultsTables.show(raterEstimates, TABLE_TITLE);
	}

	public ImagePlus stapleMask() {
		return staple_mask;
	}

	public ImagePlus majorityVoteMask() {
		return majority_vote_mask;
	}

	public ImagePlus probabilityMap() {
		return probability_map;
	}

	/** STAPLE's sensitivity, specificity and iterations per rater. */
	public Table raters() {
		return raterEstimates;
	}
}
