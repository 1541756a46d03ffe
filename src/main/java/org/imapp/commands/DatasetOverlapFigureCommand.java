package org.imapp.commands;

import java.util.List;

import org.imapp.figures.Figure;
import org.imapp.figures.DatasetOverlapFigure;
import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** UpSet plot of IMA++ against other public skin-lesion datasets. */
@Plugin(type = Command.class, menuPath = "Plugins>IMA++>IMA++ Figure Dataset Overlap", label = "IMA++ Figure Dataset Overlap")
public class DatasetOverlapFigureCommand extends FigureCommand {

	@Override
	protected List<Figure> figures() {
		return List.of(new DatasetOverlapFigure());
	}
}
