package org.imapp.synth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The published multi-annotator subset as the real-sizes workload needs it — per image its ISIC
 * id, size, malignancy status and annotator masks (annotator, tool, skill, in metadata order) —
 * shipped inside the jar ({@value #RESOURCE}, about 20 kB), so the benchmark runs in a user's
 * Fiji without the published tables. Derived from them by the test sources' {@code
 * SubsetSizesGenerator}; {@code SubsetSizesTest} checks the resource against them.
 */
public final class SubsetSizes {

	public static final String RESOURCE = "subset-sizes.csv.gz";
	static final String HEADER = "isic_id,pixels_x,pixels_y,benign_malignant,masks";

	/** One image; {@code masks} are {@code annotator_tool_skill}, e.g. {@code A00_T2_S2}. */
	public record Image(String isicId, int width, int height, String benignMalignant, List<String> masks) {}

	private SubsetSizes() {}

	/** The bundled table: the subset's 2,394 images in metadata order. */
	public static List<Image> bundled() throws IOException {
		try (InputStream in = SubsetSizes.class.getResourceAsStream(RESOURCE)) {
			if (in == null) throw new IOException("Resource " + RESOURCE + " missing from the IMA++ jar (org/imapp/synth/)");
			return read(new GZIPInputStream(in));
		}
	}

	static List<Image> read(InputStream csv) throws IOException {
		List<Image> out = new ArrayList<>(2400);
		BufferedReader r = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8));
		String header = r.readLine();
		if (!HEADER.equals(header)) throw new IOException(RESOURCE + ": header " + header + ", expected " + HEADER);
		int line = 1;
		for (String s; (s = r.readLine()) != null;) {
			line++;
			String[] c = s.split(",", -1);
			if (c.length != 5) throw new IOException(RESOURCE + " line " + line + ": 5 cells expected: " + s);
			out.add(new Image(c[0], Integer.parseInt(c[1]), Integer.parseInt(c[2]), c[3], List.of(c[4].split(" "))));
		}
		return out;
	}

	/** The CSV text of {@code images} (what the resource holds, uncompressed). */
	public static String csv(List<Image> images) {
		StringBuilder sb = new StringBuilder(HEADER).append('\n');
		for (Image i : images) {
			if (Arrays.asList(i.isicId(), i.benignMalignant()).stream().anyMatch(v -> v.contains(",")) || i.masks().stream().anyMatch(m -> m.contains(" "))) {
				throw new IllegalArgumentException("A comma or space in the row of " + i.isicId());
			}
			sb.append(i.isicId()).append(',').append(i.width()).append(',').append(i.height()).append(',').append(i.benignMalignant()).append(',')
				.append(String.join(" ", i.masks())).append('\n');
		}
		return sb.toString();
	}
}
