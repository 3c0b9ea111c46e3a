#!/usr/bin/env bash
# Idle cost while a countdown runs: CPU time over a window, peak memory and
# wake-ups per second, measured on the release binary in tmux at 200x55,
# either of the console or of a `moderato project` follower next to it.
# Usage: benches/idle-cpu.sh [seconds] [console|project]   (default: 60 console)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
measure=${2:-console}
session=moderato-idle-$$

cargo build --release --quiet
work=$(mktemp -d)
cleanup() {
  tmux send-keys -t "$session" q 2>/dev/null && sleep 0.2 && tmux send-keys -t "$session" y 2>/dev/null
  sleep 0.5
  tmux kill-session -t "$session" 2>/dev/null || true
  tmux kill-session -t "$session-project" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/journey"
cp sessions/digitaljourney-2022/journey.toml "$work/journey/"

tmux new-session -d -s "$session" -x 200 -y 55 \
  "exec $PWD/target/release/moderato --lang de run $work/journey --station muenchen --quiet"
sleep 1
pid=$(tmux list-panes -t "$session" -F '#{pane_pid}')
tmux send-keys -t "$session" Space
sleep 2
if ! tmux capture-pane -p -t "$session" | grep -q 'LÄUFT'; then
  echo "the countdown did not start:" >&2
  tmux capture-pane -p -t "$session" >&2
  exit 1
fi
if [ "$measure" = project ]; then
  tmux new-session -d -s "$session-project" -x 200 -y 55 \
    "exec $PWD/target/release/moderato --lang de project $work/journey --station muenchen"
  sleep 1
  pid=$(tmux list-panes -t "$session-project" -F '#{pane_pid}')
  sleep 1
fi

ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
# A wake-up is a return from blocking: a voluntary context switch. Involuntary
# ones are preemptions of a thread that was already running.
switches() {
  cat /proc/"$pid"/task/*/status | awk -v kind="$1" '$1 == kind"_ctxt_switches:" {n += $2} END {print n}'
}

cpu_before=$(cpu); woke_before=$(switches voluntary); preempted_before=$(switches nonvoluntary)
sleep "$seconds"
cpu_after=$(cpu); woke_after=$(switches voluntary); preempted_after=$(switches nonvoluntary)
peak_kib=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status")
threads=$(ls "/proc/$pid/task" | wc -l)

awk -v c=$((cpu_after - cpu_before)) -v t="$ticks" -v s="$seconds" \
    -v w=$((woke_after - woke_before)) -v p=$((preempted_after - preempted_before)) \
    -v m="$peak_kib" -v th="$threads" -v what="$measure" 'BEGIN {
  printf "window:          %d s (countdown running, 200x55), measuring the %s\n", s, what
  printf "cpu time:        %.2f s  (%.3f%% of one core)\n", c / t, 100 * c / t / s
  printf "wake-ups:        %.2f per second (voluntary context switches, %d threads)\n", w / s, th
  printf "preemptions:     %.2f per second (involuntary context switches)\n", p / s
  printf "peak memory:     %.1f MiB (VmHWM)\n", m / 1024
}'
