// IMA++ on your own multi-rater data: QA, STAPLE and majority vote, every agreement table, for the
// masks listed in a manifest CSV (image_id,rater,mask[,grouping columns]; mask paths relative to it).
//
// Argument: "manifest=[/path/to/manifest.csv] output=[/path/to/results]" (optional: spacing=[x,y,z]
// to override the files' calibration), or just the manifest. Without output=, results go to
// <manifest folder>/imapp-results.
//   ImageJ-linux64 --headless -batch macros/imapp_manifest.ijm "manifest=[/data/study/manifest.csv] output=[/data/results]"
//   ./imapp macro macros/imapp_manifest.ijm "manifest=[/data/study/manifest.csv] output=[/data/results]"

arg = getArgument();
if (indexOf(arg, "=") < 0) arg = "manifest=[" + String.trim(arg) + "]";
manifest = call("ij.Macro.getValue", arg + " ", "manifest", "");
output = call("ij.Macro.getValue", arg + " ", "output", "");
spacing = call("ij.Macro.getValue", arg + " ", "spacing", "");
if (output == "" && manifest != "") output = File.getParent(manifest) + File.separator + "imapp-results";
options = "manifest=[" + manifest + "] output=[" + output + "]";
if (spacing != "") options = options + " spacing=[" + spacing + "]";
run("IMA++ Run Pipeline", options);
print("IMA++ multi-rater results: " + output);
