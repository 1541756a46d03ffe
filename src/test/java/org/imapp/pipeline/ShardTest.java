package org.imapp.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.imapp.Fixtures;
import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.imapp.data.ImageGroup;
import org.imapp.data.SegMetadata;
import org.junit.jupiter.api.Test;

class ShardTest {

	@Test
	void theSixteenShardsOfThePublishedSubsetAreDisjointCompleteAndBalanced() throws Exception {
		SegMetadata seg = SegMetadata.read(Fixtures.REFERENCE.resolve(DatasetPaths.SUBSET_METADATA), false);
		List<ImageGroup> images = Dataset.group(seg.records());
		assertEquals(2394, images.size());
		int n = 16;
		int[] sizes = new int[n];
		for (ImageGroup g : images) {
			int owners = 0;
			for (int k = 0; k < n; k++) if (new Shard(k, n).contains(g.isicId())) owners++;
			assertEquals(1, owners, g.isicId());
			sizes[Shard.of(g.isicId(), n)]++;
		}
		for (int k = 0; k < n; k++) {
			// 2394 / 16 = 150 per shard; a hash split stays within a few standard deviations (±12).
			assertTrue(sizes[k] > 150 - 40 && sizes[k] < 150 + 40, "shard " + k + " has " + sizes[k]);
		}
	}

	@Test
	void assignmentIsTheStandardCrc32OfTheIdSoEveryJvmAgrees() {
		for (String id : List.of("ISIC_0000004", "ISIC_0015165", "ISIC_0036347", "ISIC_1234567")) {
			for (int n : new int[] { 2, 3, 16, 1000 }) assertEquals((int) (crc32(id) % n), Shard.of(id, n), id + " of " + n);
		}
	}

	@Test
	void parsesKOverNAndRejectsNonsense() {
		assertEquals(new Shard(3, 16), Shard.parse(" 3/16 "));
		assertEquals(Shard.ALL, Shard.parse(""));
		assertTrue(Shard.ALL.contains("ISIC_0000000"));
		assertThrows(IllegalArgumentException.class, () -> Shard.parse("16/16"));
		assertThrows(IllegalArgumentException.class, () -> Shard.parse("3"));
		assertThrows(IllegalArgumentException.class, () -> Shard.parse("a/b"));
		assertThrows(IllegalArgumentException.class, () -> Shard.parse("-1/4"));
	}

	/** CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320) bit by bit, independent of java.util.zip. */
	private static long crc32(String s) {
		int crc = 0xFFFFFFFF;
		for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
			crc ^= b & 0xff;
			for (int i = 0; i < 8; i++) crc = (crc >>> 1) ^ (0xEDB88320 & -(crc & 1));
		}
		return ~crc & 0xFFFFFFFFL;
	}
}
