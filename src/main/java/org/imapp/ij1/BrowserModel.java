package org.imapp.ij1;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.imapp.data.Dataset;
import org.imapp.data.ImageGroup;
import org.imapp.data.RecordFilter;
import org.imapp.data.SegRecord;
import org.imapp.table.CsvTables;
import org.imapp.table.Table;

/**
 * What the dataset browser steps through, without any UI: the images that have a mask matching
 * the filter, in file order or by agreement (lowest mean Dice first, from an image-level metrics
 * table; images without a value last), and the position in that list.
 */
public final class BrowserModel {

	/** Orders the browser offers. */
	public enum Order {
		FILE("file order"), LOWEST_DICE("lowest mean Dice first"), HIGHEST_DICE("highest mean Dice first");

		private final String label;

		Order(String label) {
			this.label = label;
		}

		public String label() {
			return label;
		}

		public static Order parse(String s) {
			for (Order o : values()) if (o.label.equalsIgnoreCase(s.trim()) || o.name().equalsIgnoreCase(s.trim())) return o;
			throw new IllegalArgumentException("Unknown order '" + s + "' (file order, lowest mean Dice first, highest mean Dice first)");
		}

		public static String[] labels() {
			return java.util.Arrays.stream(values()).map(Order::label).toArray(String[]::new);
		}
	}

	private final Dataset dataset;
	private final Map<String, Double> meanDice;
	private RecordFilter filter = RecordFilter.ALL;
	private Order order = Order.FILE;
	private List<ImageGroup> images;
	private int index;

	/** @param meanDice mean Dice per image file name ({@code ISIC_0000230.JPG}); may be empty */
	public BrowserModel(Dataset dataset, Map<String, Double> meanDice) {
		this.dataset = dataset;
		this.meanDice = Map.copyOf(meanDice);
		refresh(null);
	}

	/** Mean Dice per image from an image-level metrics CSV ({@code img_id}, {@code dice_score_mean}). */
	public static Map<String, Double> meanDice(Path imageLevelCsv) throws IOException {
		Table t = CsvTables.read(imageLevelCsv);
		int id = t.require("img_id", imageLevelCsv.toString());
		int dice = t.require("dice_score_mean", imageLevelCsv.toString());
		Map<String, Double> out = new HashMap<>();
		for (int r = 0; r < t.rowCount(); r++) {
			double d = t.getDouble(r, dice);
			if (!Double.isNaN(d)) out.put(t.getString(r, id), d);
		}
		return out;
	}

	public Dataset dataset() {
		return dataset;
	}

	/** Filters, staying on the current image when it still matches. */
	public void setFilter(RecordFilter f) {
		ImageGroup keep = current();
		this.filter = f;
		refresh(keep);
	}

	public RecordFilter filter() {
		return filter;
	}

	/** Re-orders and goes to the first image (the least agreed one when ordering by Dice). */
	public void setOrder(Order o) {
		this.order = o;
		refresh(null);
	}

	public Order order() {
		return order;
	}

	private void refresh(ImageGroup keep) {
		var p = filter.predicate(dataset.imageMetadata());
		List<ImageGroup> list = new ArrayList<>();
		for (ImageGroup g : dataset.groups()) {
			if (filter.isAll() || g.annotatorMasks().stream().anyMatch(p)) list.add(g);
		}
		if (order != Order.FILE) {
			Comparator<ImageGroup> byDice = Comparator.comparingDouble(g -> meanDice.get(g.imgFilename()));
			if (order == Order.HIGHEST_DICE) byDice = byDice.reversed();
			List<ImageGroup> scored = new ArrayList<>(list.stream().filter(g -> meanDice.containsKey(g.imgFilename())).toList());
			scored.sort(byDice);
			for (ImageGroup g : list) if (!meanDice.containsKey(g.imgFilename())) scored.add(g);
			list = scored;
		}
		images = List.copyOf(list);
		int at = keep == null ? -1 : images.indexOf(keep);
		index = at >= 0 ? at : 0;
	}

	/** Images in the current filter and order. */
	public List<ImageGroup> images() {
		return images;
	}

	public int size() {
		return images.size();
	}

	public int index() {
		return index;
	}

	/** The current image, or null when the filter matches nothing. */
	public ImageGroup current() {
		return images == null || images.isEmpty() ? null : images.get(index);
	}

	/** Moves by {@code step} (±1), wrapping around the ends. */
	public ImageGroup move(int step) {
		if (images.isEmpty()) return null;
		index = Math.floorMod(index + step, images.size());
		return current();
	}

	/**
	 * Goes to an image by ISIC id or file name.
	 * @throws IllegalArgumentException when the id is not in the dataset, or filtered out
	 */
	public ImageGroup jump(String isicId) {
		String id = isicId.trim();
		ImageGroup g = dataset.group(id);
		if (g == null) throw new IllegalArgumentException("ISIC id not in the dataset: " + id);
		int at = images.indexOf(g);
		if (at < 0) throw new IllegalArgumentException(id + " is not among the images matching the filter");
		index = at;
		return g;
	}

	/** Mean Dice of an image, or NaN when unknown. */
	public double meanDice(ImageGroup g) {
		Double d = meanDice.get(g.imgFilename());
		return d == null ? Double.NaN : d;
	}

	/** One line about the image: position, masks, diagnosis, mean Dice. */
	public String describe(ImageGroup g) {
		StringBuilder sb = new StringBuilder();
		sb.append(index + 1).append(" / ").append(size()).append("   ").append(g.isicId()).append("   ")
			.append(g.annotatorMasks().size()).append(" annotator masks");
		String annotators = String.join(", ", g.annotatorMasks().stream().map(SegRecord::annotator).distinct().toList());
		sb.append(" (").append(annotators).append(')');
		if (dataset.imageMetadata() != null) {
			String dx = dataset.imageMetadata().diagnosis(g.isicId());
			String bm = dataset.imageMetadata().get(g.isicId(), "benign_malignant");
			if (dx != null && !dx.isEmpty()) sb.append("   ").append(dx);
			if (bm != null && !bm.isEmpty()) sb.append(" [").append(bm).append(']');
		}
		double d = meanDice(g);
		if (!Double.isNaN(d)) sb.append(String.format(java.util.Locale.ROOT, "   mean Dice %.3f", d));
		return sb.toString();
	}
}
