package org.imapp.commands;

import java.util.List;

import org.imapp.figures.Figure;
import org.imapp.figures.AnnotatorGroupFigure;
import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** Agreement within exact annotator groups. */
@Plugin(type = Command.class, menuPath = "Plugins>IMA++>IMA++ Figure Annotator Groups", label = "IMA++ Figure Annotator Groups")
public class AnnotatorGroupsFigureCommand extends FigureCommand {

	@Override
	protected List<Figure> figures() {
		return List.of(new AnnotatorGroupFigure());
	}
}
