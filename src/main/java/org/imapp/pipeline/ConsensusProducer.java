package org.imapp.pipeline;

/**
 * Marks the step that makes consensus masks in the run. Without one, the pipeline reads the
 * dataset's own consensus masks (ST/MV rows of its metadata, if any) so metrics can pair them.
 */
public interface ConsensusProducer {}
