// IMA++ full pipeline (load, QA, consensus, metrics, figures) over one dataset folder.
//
// Argument: "dataset=[/path/to/dataset] output=[/path/to/results]", or just the dataset folder.
// Without output=, results go to <dataset>/../imapp-results.
//   ImageJ-linux64 --headless -batch macros/imapp_pipeline.ijm "dataset=[/data/imapp] output=[/data/results]"
//   ./imapp macro macros/imapp_pipeline.ijm "dataset=[/data/imapp] output=[/data/results]"

arg = getArgument();
dataset = argValue(arg, "dataset", "");
output = argValue(arg, "output", "");
if (output == "" && dataset != "") output = File.getParent(dataset) + File.separator + "imapp-results";
run("IMA++ Run Pipeline", "dataset=[" + dataset + "] output=[" + output + "]");
print("IMA++ pipeline results: " + output);

// A key of the argument (ImageJ option syntax, [...] around paths with spaces); a bare path is the dataset.
function argValue(arg, key, default) {
	if (indexOf(arg, "=") < 0) {
		if (key == "dataset") return String.trim(arg);
		return default;
	}
	return call("ij.Macro.getValue", arg + " ", key, default);
}
