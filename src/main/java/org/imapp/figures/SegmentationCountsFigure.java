package org.imapp.figures;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.imapp.analysis.SegmentationCounts;
import org.imapp.progress.ProgressMonitor;
import org.imapp.table.Table;

/**
 * {@code segmentations_per_image}: images per number of annotator masks (log y, counts on the
 * bars, the published {@code distribution} figure) beside masks per annotator, tool and skill level.
 */
public final class SegmentationCountsFigure implements Figure {

	public static final String NAME = "segmentations_per_image";

	@Override
	public String label() {
		return "IMA++ Figure Segmentations per Image";
	}

	@Override
	public Result make(FigureInputs in, Path out, ProgressMonitor monitor) throws IOException {
		SegmentationCounts.Result r = SegmentationCounts.compute(in.records());
		Drawing d = draw(r);
		Map<String, Table> tables = new LinkedHashMap<>();
		tables.put("", r.perImage());
		tables.put("_by_factor", r.perFactor());
		return new Result(FigureFiles.write(d, tables, out, NAME, true), d.render(1));
	}

	static Drawing draw(SegmentationCounts.Result r) {
		List<String> perImageNames = new ArrayList<>();
		List<Double> perImageValues = new ArrayList<>();
		for (int i = 0; i < r.perImage().rowCount(); i++) {
			perImageNames.add(r.perImage().getString(i, 0));
			perImageValues.add(r.perImage().getDouble(i, 1));
		}
		Map<String, List<String>> names = new LinkedHashMap<>();
		Map<String, List<Double>> values = new LinkedHashMap<>();
		for (int i = 0; i < r.perFactor().rowCount(); i++) {
			String f = r.perFactor().getString(i, 0);
			names.computeIfAbsent(f, k -> new ArrayList<>()).add(r.perFactor().getString(i, 1));
			values.computeIfAbsent(f, k -> new ArrayList<>()).add(r.perFactor().getDouble(i, 2));
		}
		String[] factors = { "annotator", "tool", "skill_level" };
		String[] titles = { "Masks per annotator", "Masks per tool", "Masks per skill level" };
		String[] xLabels = { "Annotator", "Tool", "Skill level" };
		double slotImage = 56, slotFactor = 40;
		double[] widths = new double[4];
		widths[0] = Math.max(200, perImageNames.size() * slotImage);
		for (int k = 0; k < 3; k++) widths[k + 1] = Math.max(90, names.getOrDefault(factors[k], List.of()).size() * (k == 0 ? slotFactor : 56));
		for (int k = 0; k < 4; k++) widths[k] = Math.max(widths[k], Drawing.textWidth(k == 0 ? "Segmentations per image" : titles[k - 1], PlotArea.TITLE_FONT, true) + 10);
		double gap = 110, left = 110, top = 60, height = 300;
		double total = left + widths[0] + widths[1] + widths[2] + widths[3] + 3 * gap + 40;
		Drawing d = new Drawing(total, top + height + 90);
		double x = left;
		for (int k = 0; k < 4; k++) {
			List<String> n = k == 0 ? perImageNames : names.getOrDefault(factors[k - 1], List.of());
			List<Double> v = k == 0 ? perImageValues : values.getOrDefault(factors[k - 1], List.of());
			PlotArea p = new PlotArea(d, x, top, widths[k], height);
			double max = v.stream().mapToDouble(Double::doubleValue).max().orElse(1);
			p.xCategories(Math.max(1, n.size())).yLog(0.5, Math.pow(10, Math.ceil(Math.log10(max * 8))));
			p.yAxis(k == 0 ? "Number of images" : "Number of masks", 5, true);
			for (int i = 0; i < n.size(); i++) {
				Color c = k == 0 ? Palette.countShade(i, n.size()) : Palette.RED;
				p.bar(i, v.get(i), 0.75, c, String.format(Locale.ROOT, "%,d", Math.round(v.get(i))));
			}
			p.spines();
			p.xCategoryLabels(n, k == 0 ? "Segmentations per image" : xLabels[k - 1]);
			p.title(k == 0 ? "Segmentations per image" : titles[k - 1]);
			x += widths[k] + gap;
		}
		return d;
	}
}
