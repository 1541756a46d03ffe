package org.imapp.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import org.imapp.Fixtures;
import org.imapp.data.ImageMetadata;
import org.imapp.data.SegMetadata;
import org.imapp.data.SegRecord;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/** The published IMA++ tables, read once for all analysis tests. */
final class PublishedTables {

	private PublishedTables() {}

	static final Path PAIRWISE = Fixtures.REFERENCE.resolve(PairwiseMetrics.FILE_NAME);
	static final Path SEG = Fixtures.REFERENCE.resolve("IMAplusplus_seg_metadata.csv");
	static final Path IMG = Fixtures.REFERENCE.resolve("IMAplusplus_img_metadata.csv");
	static final Path IMAGE_LEVEL = Fixtures.REFERENCE.resolve("IMAplusplus_multiannotator_subset_image_level_metrics.csv");
	static final Path FOSD = Fixtures.REFERENCE.resolve("FOSD_CDF_values.csv");
	static final Path OTHER = Fixtures.REFERENCE.resolve("other-datasets");

	private static PairwiseMetrics pairs;
	private static Table pairTable;
	private static List<SegRecord> seg;
	private static ImageMetadata img;

	static synchronized PairwiseMetrics pairs() {
		if (pairs == null) pairs = PairwiseMetrics.of(pairTable(), PAIRWISE.toString());
		return pairs;
	}

	/** The raw CSV, for computing expected values independently of the classes under test. */
	static synchronized Table pairTable() {
		if (pairTable == null) pairTable = read(PAIRWISE);
		return pairTable;
	}

	static synchronized List<SegRecord> seg() {
		try {
			if (seg == null) seg = SegMetadata.read(SEG, true).records();
			return seg;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static synchronized ImageMetadata img() {
		try {
			if (img == null) img = ImageMetadata.read(IMG);
			return img;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static Table read(Path p) {
		try {
			return CsvTables.read(p);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static boolean consensus(String annotator) {
		return annotator.equals("ST") || annotator.equals("MV");
	}
}
