#!/bin/bash
# Runs the SLURM job scripts of cluster/slurm/ on a real single-node SLURM brought up on this
# machine (Debian's slurmctld, slurmd and munge; installed with apt-get when missing; needs root)
# and checks, on the generated sample dataset:
#   1. an array of 4 shards + the afterok merge write the same tables, masks and figures, byte for
#      byte, as one IMA++ Run Pipeline run of the same dataset;
#   2. a task killed mid-run and requeued (scontrol requeue) resumes: no image it had finished is
#      computed again, no incomplete file is ever visible in its output, the merge is identical;
#   3. a shard with a damaged mask fails (strict key, issue 14: not run while the pipeline lacks
#      it), its log names the mask, and the merge never runs.
# It prints the wall times of the array and of the single run. The daemons it starts are stopped
# by their process ids at the end and on failure; a second run first stops those of an earlier,
# interrupted one (pid files in $STATE) and starts from empty state folders.
#
#   cluster/slurm/test-local.sh            (CI runs it after mvn verify: .ci/run)
#
# IMAPP_SLURM_STATE: folder for the daemons' state, logs and the test data (default
# /tmp/imapp-slurm-test; kept when a check fails, removed after success).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
STATE=${IMAPP_SLURM_STATE:-/tmp/imapp-slurm-test}
RUN=$STATE/run          # pid files, munge socket
WORK=$STATE/work        # datasets and outputs
SHARDS=4
CTLD_PORT=${IMAPP_SLURMCTLD_PORT:-16817}
SLURMD_PORT=${IMAPP_SLURMD_PORT:-16818}
export SLURM_CONF=$STATE/slurm.conf
# Each task: one CPU, a small heap (the sample's masks are at most 1.9 MP).
TASK_OPTS=(--cpus-per-task=1 --mem=1500M --time=15)
export IMAPP_JAVA_OPTS=${IMAPP_TEST_JAVA_OPTS:--Xmx1g}

say() { echo "test-local: $*"; }
fail() {
	echo "test-local: FAILED: $*" >&2
	exit 1
}

# --- the SLURM installation --------------------------------------------------------------------

install_packages() {
	local need=()
	command -v slurmctld >/dev/null 2>&1 && command -v slurmd >/dev/null 2>&1 && command -v sbatch >/dev/null 2>&1 || need+=(slurm-wlm)
	command -v munged >/dev/null 2>&1 && command -v mungekey >/dev/null 2>&1 || need+=(munge)
	command -v python3 >/dev/null 2>&1 || need+=(python3)
	[ ${#need[@]} -eq 0 ] && return 0
	[ "$(id -u)" -eq 0 ] || fail "${need[*]} missing and not root: install them (apt-get install ${need[*]})"
	say "installing ${need[*]} (apt-get)"
	# A failed install fails the test: without SLURM there is nothing to test.
	apt-get update -qq || fail "apt-get update failed"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null || fail "apt-get install ${need[*]} failed"
}

# The daemons by pid file; each is checked to be the program named before it is signalled.
daemon_pid() { # <pid file> <program name>
	local pid
	[ -f "$1" ] || return 1
	pid=$(cat "$1" 2>/dev/null) || return 1
	[ -n "$pid" ] && [ -d "/proc/$pid" ] && grep -qx "$2" "/proc/$pid/comm" 2>/dev/null && echo "$pid"
}

stop_daemon() { # <pid file> <program name>
	local pid i
	pid=$(daemon_pid "$1" "$2") || return 0
	kill -TERM "$pid" 2>/dev/null || true
	for i in $(seq 1 100); do
		[ -d "/proc/$pid" ] || return 0
		sleep 0.1
	done
	say "$2 ($pid) did not stop on SIGTERM; SIGKILL"
	kill -KILL "$pid" 2>/dev/null || true
}

# Cancels what is still queued or running (while the daemons are up, so slurmd ends the job
# processes), then stops slurmd, slurmctld and munged.
stop_slurm() {
	if daemon_pid "$RUN/slurmctld.pid" slurmctld >/dev/null && daemon_pid "$RUN/slurmd.pid" slurmd >/dev/null; then
		local jobs i
		jobs=$(squeue -h -o %A 2>/dev/null | sort -u | tr '\n' ' ')
		if [ -n "${jobs// /}" ]; then
			say "cancelling jobs left: $jobs"
			# shellcheck disable=SC2086
			scancel $jobs 2>/dev/null || true
			for i in $(seq 1 60); do
				[ -z "$(squeue -h -t running,completing 2>/dev/null)" ] && break
				sleep 0.5
			done
		fi
	fi
	stop_daemon "$RUN/slurmd.pid" slurmd
	stop_daemon "$RUN/slurmctld.pid" slurmctld
	stop_daemon "$RUN/munged.pid" munged
}

start_slurm() {
	local host cpus mem real i
	host=$(hostname -s)
	cpus=$(nproc)
	mem=$(free -m | awk '/^Mem:/ { print $2 }')
	real=$((mem * 3 / 4)) # headroom for the system and whatever else runs here
	rm -rf "$STATE"
	mkdir -p "$RUN" "$STATE/munge" "$STATE/ctld" "$STATE/spool" "$STATE/log" "$WORK"
	chmod 755 "$STATE" "$RUN"
	chmod 700 "$STATE/munge"
	mungekey --create --keyfile="$STATE/munge/munge.key"
	munged --key-file="$STATE/munge/munge.key" --socket="$RUN/munge.socket" --pid-file="$RUN/munged.pid" \
		--log-file="$STATE/log/munged.log" --seed-file="$STATE/munge/munged.seed" || fail "munged did not start ($STATE/log/munged.log)"
	cat >"$SLURM_CONF" <<EOF
# Single-node SLURM of cluster/slurm/test-local.sh: no cgroups, no accounting, jobs run as root.
ClusterName=imapptest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$RUN/munge.socket
StateSaveLocation=$STATE/ctld
SlurmdSpoolDir=$STATE/spool
SlurmctldPidFile=$RUN/slurmctld.pid
SlurmdPidFile=$RUN/slurmd.pid
SlurmctldLogFile=$STATE/log/slurmctld.log
SlurmdLogFile=$STATE/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU_Memory
SchedulerType=sched/backfill
ReturnToService=2
KillWait=5
MinJobAge=3600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$real State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
	slurmctld -f "$SLURM_CONF" || fail "slurmctld did not start ($STATE/log/slurmctld.log)"
	slurmd -f "$SLURM_CONF" || fail "slurmd did not start ($STATE/log/slurmd.log)"
	for i in $(seq 1 120); do
		case "$(sinfo -h -o %T 2>/dev/null)" in idle*) break ;; esac
		[ "$i" -eq 120 ] && fail "the node did not come up: $(sinfo 2>&1 | tail -n 1) ($STATE/log/)"
		sleep 0.5
	done
	say "SLURM $(sinfo -V | awk '{ print $2 }') up: node $host, $cpus CPUs, ${real} MB; munged $(cat "$RUN/munged.pid"), slurmctld $(cat "$RUN/slurmctld.pid"), slurmd $(cat "$RUN/slurmd.pid")"
}

on_exit() {
	local status=$?
	stop_slurm
	if [ "$status" -eq 0 ]; then
		rm -rf "$STATE"
	else
		say "state, logs and data kept in $STATE"
	fi
	exit "$status"
}

# --- jobs --------------------------------------------------------------------------------------

# "<task id> <state> <reason>" per task of an array (or the one line of a job).
task_states() { squeue --array -h -t all -j "$1" -o '%K %T %r' 2>/dev/null; }
job_state() { squeue -h -t all -j "$1" -o '%T' 2>/dev/null | head -n 1; }
finished_state() { case "$1" in COMPLETED | FAILED | CANCELLED | TIMEOUT | NODE_FAIL | OUT_OF_MEMORY | BOOT_FAIL | DEADLINE | PREEMPTED) return 0 ;; *) return 1 ;; esac; }

# Waits until every task of array $1 has ended.
wait_array() {
	local deadline=$((SECONDS + ${2:-900})) task state all
	while :; do
		all=1
		while read -r task state _; do
			finished_state "$state" || all=0
		done < <(task_states "$1")
		[ "$all" -eq 1 ] && [ -n "$(task_states "$1")" ] && return 0
		[ $SECONDS -lt $deadline ] || fail "array $1 did not finish in time: $(task_states "$1" | tr '\n' ';')"
		sleep 0.5
	done
}

wait_job() {
	local deadline=$((SECONDS + ${2:-900})) s
	while :; do
		s=$(job_state "$1")
		finished_state "$s" && return 0
		[ $SECONDS -lt $deadline ] || fail "job $1 did not finish in time (state $s)"
		sleep 0.5
	done
}

expect_all_completed() { # <array id>
	local bad
	bad=$(task_states "$1" | awk '$2 != "COMPLETED"')
	[ -z "$bad" ] || fail "array $1: tasks not COMPLETED: $(echo "$bad" | tr '\n' ';') (logs: $(ls "$2"/logs/*))"
}

# Byte-for-byte comparison of every visible output file of two pipeline output folders.
same_outputs() { # <reference> <merged> <what>
	local a=$1 b=$2 files
	files=$( (cd "$a" && find . -type f ! -name '.*' ! -path './.checkpoint/*') | sort)
	[ -n "$files" ] || fail "no outputs in $a"
	[ "$files" = "$( (cd "$b" && find . -type f ! -name '.*' ! -path './.checkpoint/*') | sort)" ] ||
		fail "$3: the merged folder holds other files than the single run: $(diff <(echo "$files") <(cd "$b" && find . -type f ! -name '.*' ! -path './.checkpoint/*' | sort) | head -n 5 | tr '\n' ' ')"
	while read -r f; do
		cmp -s "$a/$f" "$b/$f" || fail "$3: $f differs between the single run ($a) and the merge ($b)"
	done <<<"$files"
	say "$3: merged results equal the single run byte for byte ($(echo "$files" | wc -l) files: $(echo "$files" | grep -c '\.csv$') tables, $(echo "$files" | grep -c '\.png$') PNGs)"
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# The last "IMA++ Run Pipeline: N images (C computed, R resumed)" of a log, as "N C R".
run_counts() { grep -o 'IMA++ Run Pipeline: [0-9]* images ([0-9]* computed, [0-9]* resumed)' "$1" | tail -n 1 | tr -cs '0-9' ' ' | awk '{ print $1, $2, $3 }'; }

images_of_shard() { find "$1/.checkpoint" -maxdepth 1 -name 'ISIC_*.json' | wc -l; }

# --- the test ----------------------------------------------------------------------------------

install_packages
cd "$root"
say "building the plugin jar once (./imapp help), so that no task starts Maven"
./imapp help >/dev/null

stop_slurm # an earlier run's daemons, if its script was killed
trap on_exit EXIT
trap 'exit 130' INT TERM
start_slurm

say "sample dataset (IMA++ Run Pipeline ... sample, all stages skipped)"
./imapp run "IMA++ Run Pipeline" "dataset=[$WORK/data] output=[$WORK/generate] sample skip_qa skip_consensus skip_metrics skip_figures" >"$STATE/log/generate.log" 2>&1 ||
	fail "generating the sample dataset failed: $(tail -n 3 "$STATE/log/generate.log")"
images=$(($(wc -l <"$WORK/data/metadata/IMAplusplus_img_metadata.csv") - 1))

say "single run: IMA++ Run Pipeline on all $(nproc) cores"
t0=$(now)
./imapp run "IMA++ Run Pipeline" "dataset=[$WORK/data] output=[$WORK/single]" >"$STATE/log/single.log" 2>&1 ||
	fail "the single run failed: $(tail -n 3 "$STATE/log/single.log")"
single_s=$(elapsed "$t0" "$(now)")
single_load=$(cut -d' ' -f1-3 /proc/loadavg)

# 1. Array of 4 + merge.
say "case 1: array of $SHARDS shards + merge"
t0=$(now)
ids=$("$here/submit.sh" "$WORK/data" "$WORK/clean" "$SHARDS" "${TASK_OPTS[@]}") || fail "submitting failed"
read -r array merge <<<"$ids"
wait_array "$array"
array_s=$(elapsed "$t0" "$(now)")
array_load=$(cut -d' ' -f1-3 /proc/loadavg)
wait_job "$merge"
total_s=$(elapsed "$t0" "$(now)")
expect_all_completed "$array" "$WORK/clean.shards"
[ "$(job_state "$merge")" = COMPLETED ] || fail "merge job $merge: $(job_state "$merge") ($(cat "$WORK"/clean.shards/logs/imapp-merge-*.log | tail -n 3))"
! grep -l "building the plugin jar" "$WORK"/clean.shards/logs/*.log || fail "a job built the jar (started Maven)"
same_outputs "$WORK/single" "$WORK/clean" "case 1"
counts=""
for k in $(seq 0 $((SHARDS - 1))); do counts="$counts $(images_of_shard "$WORK/clean.shards/shard-$k")"; done
say "case 1: images per shard:$counts (of $images)"

# 2. A task killed mid-run and requeued.
# The victim is the shard with most images; it is requeued once its first image is checkpointed.
victim=$(for k in $(seq 0 $((SHARDS - 1))); do echo "$(images_of_shard "$WORK/clean.shards/shard-$k") $k"; done | sort -k1,1nr -k2,2n | head -n 1 | cut -d' ' -f2)
victim_images=$(images_of_shard "$WORK/clean.shards/shard-$victim")
say "case 2: array of $SHARDS, task $victim ($victim_images images) killed (scontrol requeue + SIGKILL) after its first image"
mkdir -p "$WORK/fault.shards"
python3 "$here/check-outputs.py" watch "$WORK/fault.shards" "$WORK/watch.stop" "$WORK/watch.report" &
watcher=$!
ids=$("$here/submit.sh" "$WORK/data" "$WORK/fault" "$SHARDS" "${TASK_OPTS[@]}") || fail "submitting failed"
read -r array merge <<<"$ids"
out=$WORK/fault.shards/shard-$victim
deadline=$((SECONDS + 600))
jid=""
until [ -n "$jid" ]; do
	jid=$(squeue -h -t running -j "${array}_$victim" -o %A 2>/dev/null || true)
	[ $SECONDS -lt $deadline ] || fail "task ${array}_$victim did not start in time"
	sleep 0.02
done
# The task's processes (batch shell, imapp-run.sh, the JVM) as slurmstepd tracks them.
task_pids() { scontrol listpids "$jid" 2>/dev/null | awk 'NR > 1 && $1 ~ /^[0-9]+$/ { print $1 }'; }
# A shard of the sample takes well under a second on an idle machine, so the task is run in 20 ms
# slices (SIGCONT, sleep, SIGSTOP) until its first image is checkpointed: then it is stopped in the
# middle of its images, however fast the machine.
while :; do
	pids=$(task_pids)
	# shellcheck disable=SC2086
	[ -z "$pids" ] || kill -STOP $pids 2>/dev/null || true
	[ -d "$out/.checkpoint" ] && [ "$(images_of_shard "$out")" -ge 1 ] && break
	[ $SECONDS -lt $deadline ] || fail "task ${array}_$victim wrote no checkpoint in time"
	# shellcheck disable=SC2086
	[ -z "$pids" ] || kill -CONT $pids 2>/dev/null || true
	sleep 0.02
done
# Requeued, then SIGKILL at once, as slurmd would send after KillWait: a hard kill, mid-run (a
# SIGTERM'd JVM would go on with the command for up to 5 s, often to the end of this small shard).
scontrol requeue "${array}_$victim"
# shellcheck disable=SC2086
kill -KILL $pids 2>/dev/null || true
# Requeued tasks wait (BeginTime) before they may start again: the window to look at what the
# killed attempt left behind.
deadline=$((SECONDS + 120))
until task_states "$array" | grep -q "^$victim PENDING"; do
	[ $SECONDS -lt $deadline ] || fail "task ${array}_$victim did not go back to the queue: $(task_states "$array" | tr '\n' ';')"
	sleep 0.2
done
finished=$(images_of_shard "$out")
[ "$finished" -lt "$victim_images" ] || fail "task ${array}_$victim had finished all $victim_images images before it was killed; nothing to resume"
python3 "$here/check-outputs.py" complete "$out" || fail "the killed task left incomplete files in $out"
python3 "$here/check-outputs.py" snapshot "$out" >"$WORK/killed.snapshot"
say "case 2: killed after $finished of $victim_images images ($(find "$out" -name '.*.part' | wc -l) temp files left, all hidden); starting it again"
scontrol update JobId="${array}_$victim" StartTime=now
wait_array "$array"
wait_job "$merge"
touch "$WORK/watch.stop"
wait "$watcher" || fail "an incomplete file was visible in a shard's output: $(grep INCOMPLETE "$WORK/watch.report" | head -n 3)"
expect_all_completed "$array" "$WORK/fault.shards"
[ "$(job_state "$merge")" = COMPLETED ] || fail "merge job $merge after the requeue: $(job_state "$merge")"
log=$WORK/fault.shards/logs/imapp-shard-${array}_$victim.log
grep -q "attempt 2" "$log" || fail "$log shows no second attempt"
read -r n computed resumed < <(run_counts "$log")
[ "$n" = "$victim_images" ] && [ "$resumed" = "$finished" ] && [ "$computed" = $((victim_images - finished)) ] ||
	fail "the requeued task reported $n images ($computed computed, $resumed resumed); expected $victim_images ($((victim_images - finished)) computed, $finished resumed)"
python3 "$here/check-outputs.py" snapshot "$out" | grep -F -x -f "$WORK/killed.snapshot" >"$WORK/kept.snapshot" || true
cmp -s "$WORK/killed.snapshot" "$WORK/kept.snapshot" ||
	fail "files of images finished before the kill were rewritten: $(diff "$WORK/killed.snapshot" "$WORK/kept.snapshot" | head -n 3 | tr '\n' ' ')"
say "case 2: second attempt: $computed computed, $resumed resumed; the $finished finished images' checkpoints and masks untouched (same inode and mtime)"
say "case 2: watcher: $(tr '\n' ' ' <"$WORK/watch.report")"
same_outputs "$WORK/single" "$WORK/fault" "case 2"

# 3. One shard with a damaged mask.
# The pipeline reports a damaged mask as a problem and finishes; only its strict key (issue 14)
# makes the run fail on it. Until IMA++ Run Pipeline has that key this case cannot be made.
cases=2
if ! grep -q 'label = "strict"' "$root/src/main/java/org/imapp/commands/RunPipelineCommand.java"; then
	say "case 3 NOT RUN: IMA++ Run Pipeline has no strict key yet, so no damaged mask makes a shard fail"
else
	cases=3
	bad_shard=$(((victim + 1) % SHARDS))
	bad_image=$(find "$WORK/clean.shards/shard-$bad_shard/.checkpoint" -maxdepth 1 -name 'ISIC_*.json' | sort | head -n 1 | xargs -n 1 basename | sed 's/\.json$//')
	cp -a "$WORK/data" "$WORK/data-bad"
	bad_mask=$(cd "$WORK/data-bad/segs" && ls "${bad_image}"_A*.png | head -n 1)
	head -c 100 "$WORK/data/segs/$bad_mask" >"$WORK/data-bad/segs/$bad_mask" # a truncated PNG
	say "case 3: $bad_mask (image $bad_image, shard $bad_shard) truncated to 100 bytes; array with ${IMAPP_STRICT_OPTION:=strict}"
	ids=$(IMAPP_OPTIONS="$IMAPP_STRICT_OPTION" "$here/submit.sh" "$WORK/data-bad" "$WORK/bad" "$SHARDS" "${TASK_OPTS[@]}") || fail "submitting failed"
	read -r array merge <<<"$ids"
	wait_array "$array"
	log=$WORK/bad.shards/logs/imapp-shard-${array}_$bad_shard.log
	states=$(task_states "$array" | sort -n)
	[ "$(echo "$states" | awk -v k="$bad_shard" '$1 == k { print $2 }')" = FAILED ] || fail "task ${array}_$bad_shard did not fail: $(echo "$states" | tr '\n' ';')"
	[ -z "$(echo "$states" | awk -v k="$bad_shard" '$1 != k && $2 != "COMPLETED"')" ] || fail "other tasks did not complete: $(echo "$states" | tr '\n' ';')"
	grep -q -F "$bad_mask" "$log" || fail "the failing task's log does not name $bad_mask: $(tail -n 5 "$log")"
	deadline=$((SECONDS + 120))
	until [ "$(squeue -h -t all -j "$merge" -o '%T %r')" = "PENDING DependencyNeverSatisfied" ]; do
		[ $SECONDS -lt $deadline ] || fail "merge job $merge: $(squeue -h -t all -j "$merge" -o '%T %r') (expected PENDING DependencyNeverSatisfied)"
		sleep 0.5
	done
	scancel "$merge"
	wait_job "$merge" 60
	[ "$(job_state "$merge")" = CANCELLED ] && [ ! -e "$WORK/bad.shards/logs/imapp-merge-$merge.log" ] && [ ! -e "$WORK/bad" ] ||
		fail "the merge job ran after a failed shard"
	say "case 3: task $bad_shard FAILED, its log names the mask: $(grep -F "$bad_mask" "$log" | tail -n 1)"
	say "case 3: merge job $merge never ran (DependencyNeverSatisfied; cancelled)"
fi

say "timing ($(nproc) cores): single run $single_s s (load average $single_load); array of $SHARDS x 1 CPU $array_s s, with the merge $total_s s (load average $array_load)"
say "all $cases cases run passed"
