package org.imapp.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.imapp.Fixtures;
import org.imapp.mask.TiffVolumes;
import org.junit.jupiter.api.Test;

/** n-D pairwise metrics on {@code multirater-3d} against medpy 0.5 with voxelspacing ({@code expected/pairwise_metrics.csv}). */
class MultiRater3dMetricsTest {

	static final Path DIR = Fixtures.MULTIRATER_3D;
	static final String[] COLUMNS = { "dice", "jaccard", "hd", "hd95", "assd" };

	static List<CSVRecord> csv(Path file) throws Exception {
		try (Reader in = Files.newBufferedReader(file)) {
			return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in).getRecords();
		}
	}

	static double[] values(PairMetrics m) {
		return new double[] { m.dice(), m.jaccard(), m.hd(), m.hd95(), m.assd() };
	}

	@Test
	void calibrationMatchesVolumesTable() throws Exception {
		for (CSVRecord r : csv(DIR.resolve("volumes.csv"))) {
			TiffVolumes.Volume v = TiffVolumes.open(DIR.resolve("masks/" + r.get("image_id") + "_R1.tif"));
			String id = r.get("image_id");
			assertArrayEquals(new long[] { Long.parseLong(r.get("width")), Long.parseLong(r.get("height")), Long.parseLong(r.get("depth")) },
				v.img().dimensionsAsLongArray(), id);
			assertArrayEquals(new double[] { Double.parseDouble(r.get("spacing_x")), Double.parseDouble(r.get("spacing_y")), Double.parseDouble(r.get("spacing_z")) },
				v.spacing(), 1e-12, id);
		}
	}

	@Test
	void everyPairMatchesMedpy() throws Exception {
		Map<String, TiffVolumes.Volume> cache = new HashMap<>();
		int rows = 0, cells = 0, exact = 0, empty = 0;
		for (CSVRecord r : csv(DIR.resolve("expected/pairwise_metrics.csv"))) {
			String id = r.get("image_id");
			TiffVolumes.Volume a = cache.computeIfAbsent(id + "_" + r.get("rater1"), k -> TiffVolumes.open(DIR.resolve("masks/" + k + ".tif")));
			TiffVolumes.Volume b = cache.computeIfAbsent(id + "_" + r.get("rater2"), k -> TiffVolumes.open(DIR.resolve("masks/" + k + ".tif")));
			double[] got = values(OverlapMetrics.computeNd(a.img(), b.img(), a.spacing(), MetricOptions.DEFAULT, null));
			for (int c = 0; c < COLUMNS.length; c++) {
				int k = TableAssertions.assertMedpyCell(r.get(COLUMNS[c]), got[c], id + " " + r.get("rater1") + " vs " + r.get("rater2") + " " + COLUMNS[c]);
				if (k < 0) {
					empty++;
					continue;
				}
				cells++;
				exact += k;
			}
			rows++;
		}
		assertEquals(52, rows);
		assertEquals(6, empty);
		System.out.printf("multirater-3d pairs: %d rows, %d/%d numeric cells bit-identical%n", rows, exact, cells);
		assertEquals(cells, exact, "every cell bit-identical to medpy");
	}
}
