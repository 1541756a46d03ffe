package org.imapp.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * One of {@code count} disjoint parts of a dataset, chosen by ISIC id: image {@code id} belongs
 * to shard {@code CRC-32(id) mod count}. CRC-32 is fixed by its standard, so every JVM on every
 * node of a cluster agrees on the split, whatever order or subset of images it sees.
 *
 * @param index 0-based ({@code SLURM_ARRAY_TASK_ID} of an array {@code 0-(count-1)})
 * @param count number of shards
 */
public record Shard(int index, int count) {

	/** The whole dataset. */
	public static final Shard ALL = new Shard(0, 1);

	public Shard {
		if (count < 1) throw new IllegalArgumentException("Shard count must be at least 1, got " + count);
		if (index < 0 || index >= count) throw new IllegalArgumentException("Shard index must be 0.." + (count - 1) + " for " + count + " shards, got " + index);
	}

	/** Parses {@code k/n} (0 ≤ k < n); empty or null means the whole dataset. */
	public static Shard parse(String text) {
		if (text == null || text.isBlank()) return ALL;
		String t = text.trim();
		int slash = t.indexOf('/');
		if (slash < 0) throw new IllegalArgumentException("shard must be k/n, e.g. shard=3/16 (k from 0 to n-1), got '" + text + "'");
		try {
			return new Shard(Integer.parseInt(t.substring(0, slash).trim()), Integer.parseInt(t.substring(slash + 1).trim()));
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException("shard must be k/n with whole numbers, e.g. shard=3/16, got '" + text + "'");
		}
	}

	public boolean isAll() {
		return count == 1;
	}

	/** The shard an image belongs to among {@code count}. */
	public static int of(String isicId, int count) {
		CRC32 crc = new CRC32();
		crc.update(isicId.getBytes(StandardCharsets.UTF_8));
		return (int) (crc.getValue() % count);
	}

	public boolean contains(String isicId) {
		return count == 1 || of(isicId, count) == index;
	}

	@Override
	public String toString() {
		return index + "/" + count;
	}
}
