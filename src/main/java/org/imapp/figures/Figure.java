package org.imapp.figures;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.imapp.progress.ProgressMonitor;

/** One of the suite's figures: its analysis, drawing and files. */
public interface Figure {

	/** What a figure wrote: files (PNG first) and the images to show in Fiji, one per PNG written. */
	record Result(List<Path> files, List<BufferedImage> previews) {

		/** A figure of one image. */
		public Result(List<Path> files, BufferedImage preview) {
			this(files, List.of(preview));
		}

		/** The first image. */
		public BufferedImage preview() {
			return previews.get(0);
		}
	}

	/** The menu label, {@code IMA++ Figure ...}. */
	String label();

	/**
	 * Computes the figure's numbers, draws it and writes its PNG, SVG and CSV files to {@code out}.
	 * @throws MissingInputException when an input the figure needs is not available
	 */
	Result make(FigureInputs in, Path out, ProgressMonitor monitor) throws IOException;

	/** True for a figure that decodes mask files (by far the slowest): made first when figures are made in parallel. */
	default boolean readsMasks() {
		return false;
	}

	/** Every figure, in the order {@code IMA++ Figures} makes them. */
	static List<Figure> all() {
		return List.of(new SegmentationCountsFigure(), new AnnotatorOverlapFigure(), new DatasetOverlapFigure(), new AgreementHeatmapFigure(),
			new MetricDistributionFigure(), new AnnotatorGroupFigure(), new MalignancyFigure(), new HardCaseFigure());
	}
}
