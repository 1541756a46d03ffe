#!/usr/bin/env bash
# Start-up benchmark of issue 16: `./imapp run` of a trivial command (IMA++ Agreement Metrics) on a
# one-image, two-mask (one pair) dataset cut from the small fixture. One untimed warm-up run first
# (it builds the jar if needed and makes the start-up caches in target/imapp-cache), then N timed
# runs; prints the median wall and CPU (user + sys) seconds and appends a row to
# docs/benchmarks/startup.csv with the date, commit and load average (the machine is shared).
#
#   dev/bench-startup.sh [runs, default 10] [fixture folder, default ../shared/fixtures/synthetic-small]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-10}
FIXTURE=${2:-$ROOT/../shared/fixtures/synthetic-small}
ID=ISIC_0000449
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

DATA=$WORK/tiny
mkdir -p "$DATA/metadata" "$DATA/segs"
for f in "$FIXTURE"/metadata/*.csv; do
	{ head -n 1 "$f"; grep "^$ID," "$f" || true; } > "$DATA/metadata/$(basename "$f")"
done
cp "$FIXTURE"/segs/${ID}_*.png "$DATA/segs/"

run_once() {
	rm -rf "$WORK/out"
	"$ROOT/imapp" "$@" run "IMA++ Agreement Metrics" "dataset=[$DATA] output=[$WORK/out]" > /dev/null 2> "$WORK/err" \
		|| { cat "$WORK/err" >&2; exit 1; }
}

TIMEFORMAT='%R %U %S'
{ time run_once; } 2> "$WORK/warm"
echo "warm-up run (builds caches when absent): $(tail -n 1 "$WORK/warm" | awk '{printf "%.2f s wall, %.2f s CPU", $1, $2 + $3}')"

: > "$WORK/times"
for _ in $(seq "$RUNS"); do
	{ time run_once; } 2>> "$WORK/times"
done
LOAD=$(cut -d ' ' -f 1 /proc/loadavg)
median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
WALL=$(awk '{print $1}' "$WORK/times" | median)
CPU=$(awk '{print $2 + $3}' "$WORK/times" | median)
MIN=$(awk '{print $1}' "$WORK/times" | sort -g | head -n 1)
run_once --timings
TIMINGS=$(grep 'imapp: timings' "$WORK/err" || true)
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
DATE=$(date -u +%Y-%m-%dT%H:%M:%SZ)

echo "./imapp run \"IMA++ Agreement Metrics\" on one pair, $RUNS runs: median $WALL s wall (min $MIN s), median CPU $CPU s; load $LOAD; commit $COMMIT"
echo "$TIMINGS"
CSV=$ROOT/docs/benchmarks/startup.csv
mkdir -p "$(dirname "$CSV")"
[ -f "$CSV" ] || echo "date,commit,runs,median_wall_s,min_wall_s,median_cpu_s,load1,cores" > "$CSV"
echo "$DATE,$COMMIT,$RUNS,$WALL,$MIN,$CPU,$LOAD,$(nproc)" >> "$CSV"
