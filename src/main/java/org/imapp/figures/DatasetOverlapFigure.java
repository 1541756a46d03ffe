package org.imapp.figures;

import java.io.IOException;
import java.nio.file.Path;

import org.imapp.analysis.DatasetOverlap;
import org.imapp.analysis.SetIntersections;
import org.imapp.progress.ProgressMonitor;

/** {@code dataset_overlap}: UpSet plot of IMA++'s image ids against other public skin-lesion datasets. */
public final class DatasetOverlapFigure implements Figure {

	public static final String NAME = "dataset_overlap";

	@Override
	public String label() {
		return "IMA++ Figure Dataset Overlap";
	}

	@Override
	public Result make(FigureInputs in, Path out, ProgressMonitor monitor) throws IOException {
		SetIntersections s = DatasetOverlap.compute(in.records(), in.otherDatasets());
		Drawing d = UpSetPlot.draw(s, "IMA++ and other skin-lesion datasets: exact intersections of image ids (" + s.intersections().size() + ")", DatasetOverlap.IMAPP);
		return new Result(FigureFiles.write(d, AnnotatorOverlapFigure.tables(s), out, NAME, true), d.render(1));
	}
}
