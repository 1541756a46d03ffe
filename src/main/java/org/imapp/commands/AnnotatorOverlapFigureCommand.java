package org.imapp.commands;

import java.util.List;

import org.imapp.figures.Figure;
import org.imapp.figures.AnnotatorOverlapFigure;
import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** UpSet plot of annotators per image. */
@Plugin(type = Command.class, menuPath = "Plugins>IMA++>IMA++ Figure Annotator Overlap", label = "IMA++ Figure Annotator Overlap")
public class AnnotatorOverlapFigureCommand extends FigureCommand {

	@Override
	protected List<Figure> figures() {
		return List.of(new AnnotatorOverlapFigure());
	}
}
