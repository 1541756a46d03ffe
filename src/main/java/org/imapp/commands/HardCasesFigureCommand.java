package org.imapp.commands;

import java.util.List;

import org.imapp.figures.Figure;
import org.imapp.figures.HardCaseFigure;
import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** Outlines of all masks on the images with zero-overlap pairs or the lowest agreement. */
@Plugin(type = Command.class, menuPath = "Plugins>IMA++>IMA++ Figure Hard Cases", label = "IMA++ Figure Hard Cases")
public class HardCasesFigureCommand extends FigureCommand {

	@Override
	protected List<Figure> figures() {
		return List.of(new HardCaseFigure());
	}
}
