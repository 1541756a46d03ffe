// Exports every image's annotations as an ImageJ ROI set: <output>/<ISIC_id>_RoiSet.zip, one
// named ROI per mask ("A04 T1 S2"; holes and islands kept), openable in the ROI Manager.
// Consensus masks are added when consensus= names a Consensus Masks output.
//
// Argument: "dataset=[/path/to/dataset] output=[/path/to/rois] consensus=[/path/to/results]"
// (consensus optional), or just the dataset folder. Without output=, ROI sets go to <dataset>/../imapp-results/rois.
//   ImageJ-linux64 --headless -batch macros/imapp_export_rois.ijm "dataset=[/data/imapp] output=[/data/rois]"
//   ./imapp macro macros/imapp_export_rois.ijm "dataset=[/data/imapp] output=[/data/rois]"

arg = getArgument();
dataset = argValue(arg, "dataset", "");
output = argValue(arg, "output", "");
if (output == "" && dataset != "") output = File.getParent(dataset) + File.separator + "imapp-results" + File.separator + "rois";
consensus = argValue(arg, "consensus", "");
options = "dataset=[" + dataset + "] output=[" + output + "]";
if (consensus != "") options = options + " consensus=[" + consensus + "]";
run("IMA++ Export ROIs", options);
print("IMA++ ROI sets: " + output);

// A key of the argument (ImageJ option syntax, [...] around paths with spaces); a bare path is the dataset.
function argValue(arg, key, default) {
	if (indexOf(arg, "=") < 0) {
		if (key == "dataset") return String.trim(arg);
		return default;
	}
	return call("ij.Macro.getValue", arg + " ", key, default);
}
