package org.imapp.commands;

import java.util.List;

import org.imapp.figures.Figure;
import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** Makes every IMA++ figure (PNG, SVG and the CSV of its numbers) from a dataset and its pairwise metrics. */
@Plugin(type = Command.class, menuPath = "Plugins>IMA++>IMA++ Figures", label = "IMA++ Figures")
public class FiguresCommand extends FigureCommand {

	@Override
	protected List<Figure> figures() {
		return Figure.all();
	}
}
