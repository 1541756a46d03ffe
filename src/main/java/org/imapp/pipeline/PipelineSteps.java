package org.imapp.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.imapp.consensus.Staple;
import org.imapp.metrics.MetricOptions;
import org.imapp.qa.MaskQa;
import org.imapp.runner.ConsensusMasks;

/**
 * Builds the pipeline's steps from user choices — which capabilities run and with which
 * settings — and rebuilds them from the settings a run recorded (for merges).
 */
public final class PipelineSteps {

	/**
	 * @param qa run mask QA
	 * @param consensus make STAPLE and majority-vote masks
	 * @param metrics compute the pairwise agreement metrics
	 * @param figures draw the figures from the final tables
	 */
	public record Choice(boolean qa, boolean consensus, boolean metrics, boolean figures) {
		public static final Choice ALL = new Choice(true, true, true, true);
	}

	private PipelineSteps() {}

	/** The steps with the published defaults: QA (with the extra checks), STAPLE and majority vote, medpy 0.5.2 metrics. */
	public static List<ImageStep> create(Choice c) {
		List<ImageStep> steps = new ArrayList<>();
		if (c.qa()) steps.add(new QaStep(MaskQa.Options.DEFAULT));
		if (c.consensus()) steps.add(new ConsensusStep(new ConsensusMasks.Settings(ConsensusMasks.Method.BOTH, Staple.Parameters.DEFAULT, 1)));
		if (c.metrics()) steps.add(new MetricsStep(MetricOptions.DEFAULT));
		if (c.figures()) steps.add(new FiguresStep());
		return steps;
	}

	/** The steps a run recorded in its manifest ({@code steps}: stage → settings). */
	public static List<ImageStep> fromManifest(Map<String, Object> manifest) {
		Object st = manifest.get("steps");
		if (!(st instanceof Map<?, ?> m)) throw new IllegalArgumentException("run manifest without steps");
		return create(new Choice(m.containsKey("qa"), m.containsKey("consensus"), m.containsKey("metrics"), m.containsKey("figures")));
	}
}
