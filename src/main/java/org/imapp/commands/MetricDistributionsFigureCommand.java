package org.imapp.commands;

import java.util.List;

import org.imapp.figures.Figure;
import org.imapp.figures.MetricDistributionFigure;
import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** Histograms of the agreement metrics over annotator pairs. */
@Plugin(type = Command.class, menuPath = "Plugins>IMA++>IMA++ Figure Metric Distributions", label = "IMA++ Figure Metric Distributions")
public class MetricDistributionsFigureCommand extends FigureCommand {

	@Override
	protected List<Figure> figures() {
		return List.of(new MetricDistributionFigure());
	}
}
