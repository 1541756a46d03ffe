#!/bin/bash
# Runs one IMA++ command headless and checks that it finished, for the SLURM job scripts:
#
#   cluster/slurm/imapp-run.sh <output folder> "<command label>" "<macro options>"
#
# IMAPP_LAUNCHER picks the program: ./imapp of this repository (default), or a Fiji launcher
# (a path ending in ImageJ-linux64 or similar), which runs the command from a one-line macro with
# `--headless -batch`. Fiji may exit with 0 after a macro error, so success is judged for both by
# the run manifest the command writes last: <output>/.checkpoint/run.json, newer than the start of
# this run and marked complete. IMAPP_JAVA_OPTS (e.g. -Xmx6g) sets the heap of either; in a
# SLURM job it defaults to 80 % of the job's memory.
set -euo pipefail

if [ $# -ne 3 ]; then
	echo "usage: $0 <output folder> \"<command label>\" \"<macro options>\"" >&2
	exit 2
fi
output=$1
label=$2
options=$3
here=$(cd "$(dirname "$0")" && pwd)
launcher=${IMAPP_LAUNCHER:-$here/../../imapp}
manifest=$output/.checkpoint/run.json
# In a SLURM job the JVM's default heap (a quarter of the node's memory) ignores the job's --mem.
if [ -z "${IMAPP_JAVA_OPTS:-}" ] && [ -n "${SLURM_MEM_PER_NODE:-}" ]; then
	export IMAPP_JAVA_OPTS="-Xmx$((SLURM_MEM_PER_NODE * 4 / 5))m"
fi

mkdir -p "$output"
started=$(mktemp "$output/.imapp-run-started.XXXXXX")
trap 'rm -f "$started"' EXIT

echo "imapp-run: $launcher: run(\"$label\", \"$options\")"
case "$(basename "$launcher")" in
	ImageJ-* | fiji-* | Fiji*)
		# A macro string literal: backslashes and double quotes escaped.
		macro=$(mktemp --suffix=.ijm)
		trap 'rm -f "$started" "$macro"' EXIT
		quote() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g'; }
		printf 'run("%s", "%s");\n' "$(quote "$label")" "$(quote "$options")" >"$macro"
		command=("$launcher")
		# Fiji's launcher takes the heap as --mem; -Xmx in IMAPP_JAVA_OPTS is passed on as that.
		case "${IMAPP_JAVA_OPTS:-}" in *-Xmx*) command+=("--mem=$(printf '%s' "$IMAPP_JAVA_OPTS" | sed -E 's/.*-Xmx([0-9]+[kKmMgG]?).*/\1/')") ;; esac
		command+=(--headless --console -batch "$macro")
		;;
	*) command=("$launcher" run "$label" "$options") ;;
esac

# The JVM runs as a child that this shell outlives: on SIGTERM (scancel, time limit, preemption,
# requeue) the signal is passed on and the shell waits for the JVM to end, so that SLURM, which
# may track a job's processes by parentage (proctrack/linuxproc), still finds the JVM to SIGKILL
# after KillWait. (A SIGTERM'd JVM goes on with the command for up to 5 s: SciJava's shutdown
# waits that long for running commands.) Images already finished keep their checkpoints.
"${command[@]}" &
child=$!
trap 'kill -TERM "$child" 2>/dev/null || true' TERM INT
status=0
wait "$child" || status=$?
while kill -0 "$child" 2>/dev/null; do
	status=0
	wait "$child" || status=$?
done

if [ "$status" -ne 0 ]; then
	echo "imapp-run: $label failed (exit status $status); output in $output" >&2
	exit "$status"
fi
if ! [ "$manifest" -nt "$started" ] || ! grep -q '"complete":true' "$manifest"; then
	echo "imapp-run: $label did not finish: no complete $manifest from this run (see the messages above)" >&2
	exit 1
fi
echo "imapp-run: $label finished; results in $output"
