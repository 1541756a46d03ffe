#!/bin/bash
# Submits IMA++ Run Pipeline as a SLURM job array of n shards and IMA++ Merge Results after it
# (--dependency=afterok), and prints the two job ids ("<array id> <merge id>"):
#
#   cluster/slurm/submit.sh <dataset> <output> <n shards> [sbatch options for both jobs...]
#   cluster/slurm/submit.sh /project/IMAplusplus /project/imapp-results 16 --partition=short
#
# Shard k writes <output>.shards/shard-k (IMAPP_SHARD_DIR to change), the merge <output>; the
# jobs' logs go to <output>.shards/logs/. With ./imapp as the launcher (IMAPP_LAUNCHER unset) the
# plugin jar is built here, once, so that the tasks do not all start Maven. IMAPP_OPTIONS,
# IMAPP_LAUNCHER and IMAPP_JAVA_OPTS are passed on to the jobs (see imapp-array.sbatch).
set -euo pipefail

if [ $# -lt 3 ]; then
	echo "usage: $0 <dataset> <output> <n shards> [sbatch options...]" >&2
	exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
home=$(cd "$here/../.." && pwd)
absolute() { case "$1" in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$PWD" "$1" ;; esac; }
dataset=$(absolute "$1")
output=$(absolute "$2")
shards=$3
shift 3
case "$shards" in '' | *[!0-9]* | 0) echo "submit: the number of shards must be a positive whole number, got '$shards'" >&2; exit 2 ;; esac
[ -d "$dataset" ] || { echo "submit: dataset folder not found: $dataset" >&2; exit 2; }

shard_dir=${IMAPP_SHARD_DIR:-$output.shards}
mkdir -p "$shard_dir/logs"
if [ -z "${IMAPP_LAUNCHER:-}" ]; then
	"$home/imapp" help >/dev/null
fi

export IMAPP_DATASET=$dataset IMAPP_OUTPUT=$output IMAPP_SHARDS=$shards IMAPP_SHARD_DIR=$shard_dir IMAPP_HOME=$home
array=$(sbatch --parsable --array="0-$((shards - 1))" --output="$shard_dir/logs/imapp-shard-%A_%a.log" "$@" "$here/imapp-array.sbatch")
array=${array%%;*}
merge=$(sbatch --parsable --dependency="afterok:$array" --output="$shard_dir/logs/imapp-merge-%j.log" "$@" "$here/imapp-merge.sbatch")
merge=${merge%%;*}
echo "$array $merge"
