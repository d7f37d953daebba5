#!/usr/bin/env bash
# CI stage: the sharded reproduction on a real Slurm (Debian's slurm-wlm 22.05 + munge), on this one machine.
#  1. installs slurm-wlm and munge if missing;
#  2. starts a private single-node cluster in a fresh directory: its own munged (as the munge user, own socket),
#     slurmctld and slurmd (own ports, own StateSaveLocation and ClusterName, no cgroup.conf);
#  3. runs the smoke reproduction (the quick suite) in one process, then as a job array of 2 tasks plus the
#     dependent merge written by `pathnorm reproduce --emit-sbatch`, and checks that the merged cells and verdicts
#     equal the single process's;
#  4. submits the array again into a new directory, cancels task 1 while it trains (scancel), checks that the merge
#     lists that shard's missing cells, resubmits the array and checks that the sweep completes with the same verdicts;
#  5. stops exactly the daemons it started, by PID, and removes its directory (trap, also on failure).
# Needs root, target/pathnorm.jar (built by the preceding Maven run) and a JDK 17+ ($JAVA_HOME or java on the PATH).
# By hand: bash .ci/slurm-test.sh   (KEEP=1 keeps the directory for a look afterwards)
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
say() { echo "slurm-test [$((SECONDS - start))s]: $*"; }
die() { echo "slurm-test [$((SECONDS - start))s]: FAIL: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "needs root (it starts munged, slurmctld and slurmd)"
JAR="$PWD/target/pathnorm.jar"
[ -f "$JAR" ] || die "$JAR is missing: build it first (mvn -B package, as .ci/run does before this stage)"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v "$JAVA" >/dev/null || die "no java (set JAVA_HOME)"
pathnorm() { "$JAVA" --add-modules jdk.incubator.vector -jar "$JAR" "$@" 2> >(grep -v '^WARNING: Using incubator modules' >&2); }

# --- 1. packages --------------------------------------------------------------------------------------------------
need=()
command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sbatch >/dev/null || need+=(slurm-wlm)
command -v munged >/dev/null || need+=(munge)
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
[ -f /etc/munge/munge.key ] || die "/etc/munge/munge.key is missing (the munge package creates it)"

# --- 2. a private cluster -----------------------------------------------------------------------------------------
WORK="$(mktemp -d /tmp/pathnorm-slurm.XXXXXX)"
chmod 755 "$WORK"
pids=()       # the daemons this script started, stopped in reverse order
cleanup() {
  local rc=$?
  set +e
  if [ -n "${SLURM_CONF:-}" ] && [ ${#pids[@]} -gt 1 ]; then
    scancel --quiet --user=root 2>/dev/null   # only this private cluster's jobs (SLURM_CONF points at it)
    for _ in $(seq 1 30); do [ -z "$(squeue -h -t PD,R,CG 2>/dev/null)" ] && break; sleep 1; done
  fi
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    local p=${pids[$i]}
    kill -TERM "$p" 2>/dev/null || continue
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$p" 2>/dev/null && { echo "slurm-test: PID $p ignored SIGTERM: SIGKILL"; kill -KILL "$p" 2>/dev/null; }
    wait "$p" 2>/dev/null
  done
  [ ${#pids[@]} -gt 0 ] && echo "slurm-test: stopped the daemons it started (PIDs ${pids[*]})"
  if [ "$rc" != 0 ]; then
    for f in "$WORK"/slurmctld.log "$WORK"/slurmd.log "$WORK"/munge/munged.log; do
      [ -f "$f" ] && { echo "--- last lines of $f"; tail -n 15 "$f"; }
    done
    for f in "$WORK"/*/logs/*.out; do [ -f "$f" ] && { echo "--- $f"; tail -n 20 "$f"; }; done
  fi
  if [ -n "${KEEP:-}" ]; then echo "slurm-test: kept $WORK"; else rm -rf "$WORK"; fi
  echo "slurm-test: $([ "$rc" = 0 ] && echo passed || echo FAILED) in $((SECONDS - start)) s"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

host="$(hostname -s)"
port=$((20000 + RANDOM % 20000))
mem_mib=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 * 3 / 4 ))
mkdir -p "$WORK/munge" "$WORK/state" "$WORK/spool"
chown munge:munge "$WORK/munge"
chmod 755 "$WORK/munge"   # munged wants the socket's directory reachable by all (clients are root here)
socket="$WORK/munge/munge.socket"
setpriv --reuid=munge --regid=munge --init-groups /usr/sbin/munged -F --socket="$socket" --pid-file="$WORK/munge/munged.pid" \
  --log-file="$WORK/munge/munged.log" --seed-file="$WORK/munge/munged.seed" --key-file=/etc/munge/munge.key \
  > "$WORK/munge/munged.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do [ -S "$socket" ] && break; sleep 0.1; done
[ -S "$socket" ] || die "munged did not create $socket"

cat > "$WORK/slurm.conf" <<EOF
ClusterName=pathnorm$$
SlurmctldHost=$host
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
AuthType=auth/munge
AuthInfo=socket=$socket
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/slurmctld.pid
SlurmdPidFile=$WORK/slurmd.pid
SlurmctldLogFile=$WORK/slurmctld.log
SlurmdLogFile=$WORK/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
MailProg=/bin/true
MinJobAge=600
NodeName=$host CPUs=$(nproc) RealMemory=$mem_mib State=UNKNOWN
PartitionName=ci Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$WORK/slurm.conf"
/usr/sbin/slurmctld -D -f "$SLURM_CONF" > "$WORK/slurmctld.out" 2>&1 &
pids+=($!)
/usr/sbin/slurmd -D -f "$SLURM_CONF" > "$WORK/slurmd.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do
  state="$(sinfo -h -n "$host" -o %t 2>/dev/null || true)"
  [ "$state" = idle ] && break
  for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null || die "daemon PID $p exited (see the logs below)"; done
  sleep 1
done
[ "$state" = idle ] || die "node $host is '$state', not idle, after 60 s"
say "cluster pathnorm$$ up: node $host idle ($(nproc) CPUs, RealMemory $mem_mib MiB), port $port; munged, slurmctld, slurmd = PIDs ${pids[*]}"

# job helpers: the state of a job (or array task), waiting for its end
job_state() { scontrol -o show job "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | head -1 | cut -d= -f2; }
wait_for() {  # JOB TIMEOUT_S: waits until the job ended, prints its state
  local deadline=$((SECONDS + $2)) s
  while :; do
    s="$(job_state "$1")"
    case "$s" in COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY|PREEMPTED|BOOT_FAIL|DEADLINE) echo "$s"; return;; esac
    [ $SECONDS -lt $deadline ] || { echo "still ${s:-unknown} after $2 s"; return; }
    sleep 1
  done
}
submit() {  # SCRIPT: submits it, sets array_job and merge_job
  local out
  out="$(bash "$1")" || die "bash $1 failed: $out"
  echo "  $out"
  array_job="$(sed -n 's/.*array job \([0-9]*\) .*/\1/p' <<<"$out")"
  merge_job="$(sed -n 's/.*merge job \([0-9]*\) after it.*/\1/p' <<<"$out")"
  [ -n "$array_job" ] && [ -n "$merge_job" ] || die "could not read the job ids from: $out"
}
verdicts() { grep '^  \[' "$1" || true; }
same_cells() {  # DIR of the single run, DIR holding shard-*/: every cell's result equals the single run's, but for its wall time
  local n=0 f rel found
  for f in "$1"/*/cells/*/result.json; do
    rel="${f#"$1"/}"
    found=("$2"/shard-*/"$rel")
    [ ${#found[@]} = 1 ] && [ -f "${found[0]}" ] || die "cell $rel: ${#found[@]} results under $2/shard-*"
    cmp -s <(sed 's/"seconds":[^,}]*//' "$f") <(sed 's/"seconds":[^,}]*//' "${found[0]}") \
      || die "cell $rel: the array's result differs from the single process's"
    n=$((n + 1))
  done
  echo "$n"
}

# --- 3. one process vs. a job array of 2 tasks + the dependent merge ------------------------------------------------
say "single process: pathnorm reproduce (the quick suite, smoke scale)"
pathnorm reproduce --out "$WORK/single" --quiet | sed 's/^/  /'
pathnorm report "$WORK/single" --missing > "$WORK/single.txt"
cells="$(sed -n 's/^complete: all \([0-9]*\) cells have a result$/\1/p' "$WORK/single.txt")"
[ -n "$cells" ] || die "the single run is not complete: $(cat "$WORK/single.txt")"
[ "$(verdicts "$WORK/single.txt" | wc -l)" -gt 0 ] || die "the single run printed no verdicts"
per_task=$(( (cells + 1) / 2 ))

say "array: pathnorm reproduce --emit-sbatch, $per_task cells per task"
pathnorm reproduce --out "$WORK/array" --emit-sbatch "$WORK/array.sh" --cells-per-task "$per_task" | sed 's/^/  /'
grep -q -- '--array="${ARRAY:-0-1}"' "$WORK/array.sh" || die "the script does not ask for an array of 2 tasks"
submit "$WORK/array.sh"
state="$(wait_for "$merge_job" 300)"
[ "$state" = COMPLETED ] || die "merge job $merge_job: $state"
for t in 0 1; do
  s="$(job_state "${array_job}_$t")"
  [ "$s" = COMPLETED ] || die "array task ${array_job}_$t: $s"
done
merge_log="$(ls "$WORK"/array/logs/merge-"$merge_job".out)"
grep -q "^complete: all $cells cells have a result$" "$merge_log" || die "the merge is not complete: $(cat "$merge_log")"
diff <(verdicts "$WORK/single.txt") <(verdicts "$merge_log") > "$WORK/verdicts.diff" \
  || die "the merged verdicts differ from the single process's: $(cat "$WORK/verdicts.diff")"
[ -f "$WORK/array/report.html" ] || die "no merged report.html"
compared="$(same_cells "$WORK/single" "$WORK/array")"
say "ok: array job $array_job (2 tasks) + merge job $merge_job: $compared cells and $(verdicts "$merge_log" | wc -l) verdicts equal the single process's"

# --- 4. a task killed mid-sweep, then the array resubmitted ---------------------------------------------------------
say "node failure: the same array into a new directory, task 1 cancelled while it trains"
pathnorm reproduce --out "$WORK/killed" --emit-sbatch "$WORK/killed.sh" --cells-per-task "$per_task" >/dev/null
submit "$WORK/killed.sh"
victim="${array_job}_1"
deadline=$((SECONDS + 180))
while :; do  # wait until task 1 runs and has finished at least one cell, then cancel it
  s="$(job_state "$victim")"
  done_cells=$(find "$WORK/killed/shard-1" -name result.json 2>/dev/null | wc -l || true)
  if [ "$s" = RUNNING ] && [ "$done_cells" -ge 1 ]; then break; fi
  case "$s" in COMPLETED|FAILED|CANCELLED|TIMEOUT) die "task $victim ended ($s) before it could be cancelled";; esac
  [ $SECONDS -lt $deadline ] || die "task $victim did not start a cell within 180 s (state $s)"
  sleep 0.2
done
scancel "$victim"
say "scancel $victim after $done_cells of its cells"
state="$(wait_for "$merge_job" 300)"
[ "$state" = COMPLETED ] || die "merge job $merge_job (after the cancelled task): $state"
[ "$(job_state "$victim")" = CANCELLED ] || die "task $victim: $(job_state "$victim"), expected CANCELLED"
[ "$(job_state "${array_job}_0")" = COMPLETED ] || die "task ${array_job}_0: $(job_state "${array_job}_0")"
merge_log="$WORK/killed/logs/merge-$merge_job.out"
missing="$(sed -n 's/^missing: \([0-9]*\) of [0-9]* cells have no result$/\1/p' "$merge_log")"
[ -n "$missing" ] && [ "$missing" -gt 0 ] || die "the merge lists no missing cells: $(cat "$merge_log")"
owed="$(grep -c 'in shard 2/2 (' "$merge_log" || true)"
[ "$owed" = "$missing" ] || die "$missing cells missing, but $owed of them owed by shard 2/2: $(cat "$merge_log")"
say "ok: the merge lists $missing missing cells, all owed by shard 2/2 ($(grep -c 'failed (started' "$merge_log" || true) started, the rest not)"
grep '^  [a-z-]*/.*: \(failed\|not started\)' "$merge_log" | head -3 | sed 's/^/    /'

say "resubmitting the array (finished cells are skipped)"
submit "$WORK/killed.sh"
state="$(wait_for "$merge_job" 300)"
[ "$state" = COMPLETED ] || die "merge job $merge_job (resubmission): $state"
merge_log="$WORK/killed/logs/merge-$merge_job.out"
grep -q "^complete: all $cells cells have a result$" "$merge_log" || die "the resubmitted sweep is not complete: $(cat "$merge_log")"
ran0="$(sed -n 's/^shard 1\/2: \([0-9]*\) cells run.*/\1/p' "$WORK"/killed/logs/task-"${array_job}"_0.out)"
ran1="$(sed -n 's/^shard 2\/2: \([0-9]*\) cells run.*/\1/p' "$WORK"/killed/logs/task-"${array_job}"_1.out)"
[ "$ran0" = 0 ] || die "the resubmitted task 0 ran ${ran0:-?} cells, expected 0 (its shard was complete)"
[ "$ran1" = "$missing" ] || die "the resubmitted task 1 ran ${ran1:-?} cells, expected the $missing missing ones"
diff <(verdicts "$WORK/single.txt") <(verdicts "$merge_log") > "$WORK/verdicts.diff" \
  || die "after the resubmission the verdicts differ from the single process's: $(cat "$WORK/verdicts.diff")"
compared="$(same_cells "$WORK/single" "$WORK/killed")"
say "ok: resubmitted array $array_job ran 0 + $ran1 cells; merge job $merge_job: complete, $compared cells and the verdicts equal the single process's"
