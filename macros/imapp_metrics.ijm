// IMA++ agreement metrics only: Dice, Jaccard, HD, HD95, ASSD (and normalized forms) for every
// pair of masks of every multi-annotator image, image-level means and the summary table.
// Consensus masks (STAPLE, majority vote) are included as in the published tables when
// consensus= names a consensus folder or a Consensus Masks / Run Pipeline output folder, or when
// <output>/consensus exists (so imapp_consensus.ijm then this macro into one output works).
//
// Argument: "dataset=[/path/to/dataset] output=[/path/to/results] consensus=[/path/to/results]"
// (consensus optional), or just the dataset folder. Without output=, results go to <dataset>/../imapp-results.
//   ImageJ-linux64 --headless -batch macros/imapp_metrics.ijm "dataset=[/data/imapp] output=[/data/results]"
//   ./imapp macro macros/imapp_metrics.ijm "dataset=[/data/imapp] output=[/data/results]"

arg = getArgument();
dataset = argValue(arg, "dataset", "");
output = argValue(arg, "output", "");
if (output == "" && dataset != "") output = File.getParent(dataset) + File.separator + "imapp-results";
consensus = argValue(arg, "consensus", "");
if (consensus == "" && File.isDirectory(output + File.separator + "consensus")) consensus = output;
options = "dataset=[" + dataset + "] output=[" + output + "]";
if (consensus != "") options = options + " consensus=[" + consensus + "]";
run("IMA++ Agreement Metrics", options);
print("IMA++ agreement metrics: " + output);

// A key of the argument (ImageJ option syntax, [...] around paths with spaces); a bare path is the dataset.
function argValue(arg, key, default) {
	if (indexOf(arg, "=") < 0) {
		if (key == "dataset") return String.trim(arg);
		return default;
	}
	return call("ij.Macro.getValue", arg + " ", key, default);
}
