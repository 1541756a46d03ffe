package org.imapp.commands;

import java.util.List;

import org.imapp.figures.Figure;
import org.imapp.figures.AgreementHeatmapFigure;
import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** Intra/inter tool, skill and annotator agreement heat maps. */
@Plugin(type = Command.class, menuPath = "Plugins>IMA++>IMA++ Figure Agreement Heatmaps", label = "IMA++ Figure Agreement Heatmaps")
public class AgreementHeatmapsFigureCommand extends FigureCommand {

	@Override
	protected List<Figure> figures() {
		return List.of(new AgreementHeatmapFigure());
	}
}
