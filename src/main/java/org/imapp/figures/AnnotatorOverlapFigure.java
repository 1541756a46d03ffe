package org.imapp.figures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.imapp.analysis.AnnotatorOverlap;
import org.imapp.analysis.SetIntersections;
import org.imapp.progress.ProgressMonitor;
import org.imapp.table.Table;

/** {@code annotator_overlap}: UpSet plot of which annotators segmented the same images (ST/MV excluded). */
public final class AnnotatorOverlapFigure implements Figure {

	public static final String NAME = "annotator_overlap";

	@Override
	public String label() {
		return "IMA++ Figure Annotator Overlap";
	}

	@Override
	public Result make(FigureInputs in, Path out, ProgressMonitor monitor) throws IOException {
		SetIntersections s = AnnotatorOverlap.compute(in.records());
		Drawing d = UpSetPlot.draw(s, "Annotators per image: exact intersections (" + s.intersections().size() + ")", null);
		return new Result(FigureFiles.write(d, tables(s), out, NAME, true), d.render(1));
	}

	static Map<String, Table> tables(SetIntersections s) {
		Map<String, Table> t = new LinkedHashMap<>();
		t.put("", s.intersectionTable());
		t.put("_set_sizes", s.setSizeTable());
		return t;
	}
}
