package org.imapp.commands;

import java.util.List;

import org.imapp.figures.Figure;
import org.imapp.figures.MalignancyFigure;
import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** Agreement of benign vs malignant lesions with statistics, and the FOSD curves. */
@Plugin(type = Command.class, menuPath = "Plugins>IMA++>IMA++ Figure Malignancy", label = "IMA++ Figure Malignancy")
public class MalignancyFigureCommand extends FigureCommand {

	@Override
	protected List<Figure> figures() {
		return List.of(new MalignancyFigure());
	}
}
