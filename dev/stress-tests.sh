#!/usr/bin/env bash
# Runs the pipeline and cancel tests N times in a row (default 20) while two CPU-bound processes
# keep both cores busy, to show they do not depend on timing (issue 17). Stops at the first failure.
#   dev/stress-tests.sh [runs] [extra -Dtest pattern]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
tests=${2:-'PipelineTest,PipelineOrchestrationTest,ConsensusMasksTest#cancel*,MaskQaTest#cancel*,AgreementMetricsTest#progress*'}
mvn -B -q -o test-compile
hogs=()
cleanup() { for p in "${hogs[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM
for _ in 1 2; do yes >/dev/null & hogs+=($!); done
for i in $(seq 1 "$runs"); do
	start=$(date +%s)
	if ! mvn -B -q -o test -Dtest="$tests" -Dsurefire.failIfNoSpecifiedTests=false >"target/stress-$i.log" 2>&1; then
		echo "run $i/$runs FAILED (load $(cut -d' ' -f1-3 /proc/loadavg)); see target/stress-$i.log"
		grep -h -A3 'FAIL\|ERROR' "target/stress-$i.log" | head -20
		exit 1
	fi
	echo "run $i/$runs passed in $(( $(date +%s) - start )) s (load $(cut -d' ' -f1-3 /proc/loadavg))"
done
echo "$runs passed, 0 failed"
