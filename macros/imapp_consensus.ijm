// IMA++ consensus masks only: STAPLE and majority vote for every multi-annotator image.
// Writes <output>/consensus/<ISIC_id>_ST_ST_ST_ST.png and _MV_MV_MV_MV.png, and <output>/metadata/.
//
// Argument: "dataset=[/path/to/dataset] output=[/path/to/results]", or just the dataset folder.
// Without output=, results go to <dataset>/../imapp-results.
//   ImageJ-linux64 --headless -batch macros/imapp_consensus.ijm "dataset=[/data/imapp] output=[/data/results]"
//   ./imapp macro macros/imapp_consensus.ijm "dataset=[/data/imapp] output=[/data/results]"

arg = getArgument();
dataset = argValue(arg, "dataset", "");
output = argValue(arg, "output", "");
if (output == "" && dataset != "") output = File.getParent(dataset) + File.separator + "imapp-results";
run("IMA++ Consensus Masks", "dataset=[" + dataset + "] output=[" + output + "]");
print("IMA++ consensus masks: " + output + File.separator + "consensus");

// A key of the argument (ImageJ option syntax, [...] around paths with spaces); a bare path is the dataset.
function argValue(arg, key, default) {
	if (indexOf(arg, "=") < 0) {
		if (key == "dataset") return String.trim(arg);
		return default;
	}
	return call("ij.Macro.getValue", arg + " ", key, default);
}
