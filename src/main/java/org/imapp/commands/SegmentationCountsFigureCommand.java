package org.imapp.commands;

import java.util.List;

import org.imapp.figures.Figure;
import org.imapp.figures.SegmentationCountsFigure;
import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** Images per number of segmentations, and masks per annotator, tool and skill level. */
@Plugin(type = Command.class, menuPath = "Plugins>IMA++>IMA++ Figure Segmentations per Image", label = "IMA++ Figure Segmentations per Image")
public class SegmentationCountsFigureCommand extends FigureCommand {

	@Override
	protected List<Figure> figures() {
		return List.of(new SegmentationCountsFigure());
	}
}
