package org.imapp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import ij.gui.Roi;

import org.imapp.analysis.DatasetSplit;
import org.imapp.commands.SplitDatasetCommand;
import org.imapp.data.Dataset;
import org.imapp.data.DatasetPaths;
import org.imapp.figures.FigureInputs;
import org.imapp.ij1.CommandKeys;
import org.imapp.ij1.CommandsTest;
import org.imapp.ij1.RoiSets;
import org.imapp.progress.ProgressMonitor;
import org.imapp.qa.MaskQa;
import org.imapp.table.CsvTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandInfo;

/**
 * ImageJ macros read a boolean key left out of the options as unchecked (false). Every IMA++
 * boolean key therefore defaults to false and names the departure from the safe behaviour, so
 * a macro that names no boolean key gets every check on; run here as users' macros run.
 */
class BooleanKeysTest {

	/** Every boolean key of every command; a new one must be reviewed here (and default to false). */
	private static final Map<String, List<String>> BOOLEAN_KEYS = Map.of(
		"IMA++ Benchmark", List.of("keep"),
		"IMA++ Load Metadata", List.of("strict"),
		"IMA++ Mask QA", List.of("published_rule", "skip_extra_checks"),
		"IMA++ Run Pipeline", List.of("resume", "skip_qa", "skip_consensus", "skip_metrics", "skip_figures", "sample"),
		"IMA++ Show Annotations", List.of("hide_agreement_map", "hide_staple", "hide_majority_vote"),
		"IMA++ Split Dataset", List.of("ignore_malignancy", "stratify_by_annotators"));

	private static HeadlessImageJ ij;

	@BeforeAll
	static void start() {
		ij = TestImageJ.start();
	}

	@AfterAll
	static void stop() {
		ij.close();
	}

	@Test
	void everyBooleanKeyIsListedAndDefaultsToFalse() {
		Context context = new Context();
		try {
			Map<String, List<String>> found = new TreeMap<>();
			for (CommandInfo info : CommandsTest.imappCommands(context)) {
				CommandKeys keys = CommandKeys.of(info);
				List<CommandKeys.Key> booleans = keys.keys().stream().filter(CommandKeys.Key::isBoolean).toList();
				for (CommandKeys.Key k : booleans) {
					assertEquals(Boolean.FALSE, k.defaultValue(), keys.label() + ": " + k.name() + " defaults to true, so a macro leaving it out gets the opposite");
				}
				if (!booleans.isEmpty()) found.put(keys.label(), booleans.stream().map(CommandKeys.Key::name).toList());
			}
			assertEquals(new TreeMap<>(BOOLEAN_KEYS), found);
		}
		finally {
			context.dispose();
		}
	}

	@Test
	void maskQaWithoutBooleanKeysRunsTheExtraChecks(@TempDir Path tmp) throws Exception {
		Path data = TestImageJ.copyFixture(tmp);
		// One wrong mask_md5: a problem only the extra checks report.
		Path seg = data.resolve("metadata/" + DatasetPaths.SEG_METADATA);
		String csv = Files.readString(seg);
		Files.writeString(seg, csv.replace("a38bd23dbdaba9893ad4c4af7c8c5090", "0123456789abcdef0123456789abcdef"));
		Path out = tmp.resolve("qa");
		HeadlessImageJ.Outcome o = ij.run("IMA++ Mask QA", "dataset=[" + data + "] output=[" + out + "]");
		assertTrue(o.ok(), o.message());
		String written = Files.readString(out.resolve(MaskQa.RESULTS_CSV));
		try (Dataset d = Dataset.load(DatasetPaths.of(data))) {
			assertEquals(CsvTables.format(MaskQa.run(d, MaskQa.Options.DEFAULT, 1, ProgressMonitor.NONE).issues()), written);
			String published = CsvTables.format(MaskQa.run(d, new MaskQa.Options(false, false), 1, ProgressMonitor.NONE).issues());
			assertNotEquals(published, written);
			assertTrue(written.contains("ISIC_0000230_A06_T1_S1_5661aab59fc3c147bbd69972.png,\"Mask MD5 differs from mask_md5"), written);
		}
		// The old key is refused with its new name rather than run with the checks off.
		HeadlessImageJ.Outcome old = ij.run("IMA++ Mask QA", "dataset=[" + data + "] output=[" + tmp.resolve("qa2") + "] extra_checks=false");
		assertFalse(old.ok());
		assertTrue(old.message().contains("key 'extra_checks' is now skip_extra_checks"), old.message());
	}

	@Test
	void splitWithoutBooleanKeysBalancesMalignancy(@TempDir Path tmp) throws Exception {
		Path data = TestImageJ.copyFixture(tmp);
		Path out = tmp.resolve("split");
		HeadlessImageJ.Outcome o = ij.run("IMA++ Split Dataset", "dataset=[" + data + "] output=[" + out + "]");
		assertTrue(o.ok(), o.message());
		String written = Files.readString(out.resolve(SplitDatasetCommand.SIZES_OUT));
		FigureInputs in = FigureInputs.resolve(data.toFile(), null, null, null);
		double[] fractions = { 0.7, 0.15, 0.15 };
		var stratified = DatasetSplit.split(in.records(), in.imageMetadata(), new DatasetSplit.Options(fractions, 42, true, false));
		assertEquals(CsvTables.format(stratified.sizes()), written);
	}

	@Test
	void showAnnotationsWithoutBooleanKeysShowsBothConsensusMasks(@TempDir Path tmp) throws Exception {
		Path data = TestImageJ.copyFixture(tmp);
		Path out = tmp.resolve("view");
		HeadlessImageJ.Outcome o = ij.run("IMA++ Show Annotations",
			"dataset=[" + data + "] isic_id=ISIC_0015171 consensus=[" + data.resolve("expected/consensus") + "] output=[" + out + "]");
		assertTrue(o.ok(), o.message());
		List<String> names = RoiSets.read(out.resolve("ISIC_0015171_RoiSet.zip")).stream().map(Roi::getName).toList();
		assertTrue(names.contains("STAPLE") && names.contains("Majority vote"), names.toString());
	}
}
