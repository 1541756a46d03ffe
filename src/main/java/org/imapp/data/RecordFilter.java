package org.imapp.data;

import java.util.Arrays;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Which masks to keep, from comma-separated lists as users type them in dialogs and macros
 * ({@code annotators=[A00,A03]}); an empty list keeps everything. Diagnosis matches any
 * {@code diagnosis_1..5} level of the image metadata, case-insensitively.
 */
public record RecordFilter(Set<String> annotators, Set<String> tools, Set<String> skills, Set<String> diagnoses) {

	public static final RecordFilter ALL = new RecordFilter(Set.of(), Set.of(), Set.of(), Set.of());

	public static RecordFilter parse(String annotators, String tools, String skills, String diagnoses) {
		return new RecordFilter(list(annotators, false), list(tools, false), list(skills, false), list(diagnoses, true));
	}

	private static Set<String> list(String s, boolean lower) {
		if (s == null || s.isBlank()) return Set.of();
		return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty())
			.map(x -> lower ? x.toLowerCase() : x.toUpperCase()).collect(Collectors.toUnmodifiableSet());
	}

	public boolean isAll() {
		return annotators.isEmpty() && tools.isEmpty() && skills.isEmpty() && diagnoses.isEmpty();
	}

	/** The predicate; diagnosis needs the image metadata (null: a diagnosis filter matches nothing). */
	public Predicate<SegRecord> predicate(ImageMetadata img) {
		return r -> (annotators.isEmpty() || annotators.contains(r.annotator()))
			&& (tools.isEmpty() || tools.contains(r.tool()))
			&& (skills.isEmpty() || skills.contains(r.skillLevel()))
			&& (diagnoses.isEmpty() || matchesDiagnosis(img, r.isicId()));
	}

	private boolean matchesDiagnosis(ImageMetadata img, String isicId) {
		if (img == null) return false;
		for (int k = 1; k <= 5; k++) {
			String v = img.get(isicId, "diagnosis_" + k);
			if (v != null && diagnoses.contains(v.trim().toLowerCase())) return true;
		}
		String bm = img.get(isicId, "benign_malignant");
		return bm != null && diagnoses.contains(bm.trim().toLowerCase());
	}
}
