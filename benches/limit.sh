#!/usr/bin/env bash
# The documented limit of 500 participants, on the release binary: `check`,
# `groups` (the engine at its hardest: trios over 50 rounds, and one round),
# and `export` of a station log with the whole cohort (the statistics review
# computes on open). Prints wall time and peak memory (max RSS) of each.
# Usage: benches/limit.sh [participants]   (default: 500)
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-500}

cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/journey/logs"
python3 - "$people" "$work/journey" <<'PY'
import json, sys, re
people, out = int(sys.argv[1]), sys.argv[2]
plan = open("tests/fixtures/journey/journey.toml").read()
extra = "".join(
    f'[[participants]]\nid = "x{i:03}"\nname = "Person {i}"\norganisation = "Amt {i % 40}"\nrole = "R"\n\n'
    for i in range(people - 8)
)
plan = plan.replace("[[stations]]", extra + "[[stations]]", 1)
open(f"{out}/journey.toml", "w").write(plan)
log = json.load(open("tests/fixtures/journey/logs/berlin.json"))
log["cohort"] += [
    {"id": f"x{i:03}", "name": f"Person {i}", "organisation": f"Amt {i % 40}", "role": "R"}
    for i in range(people - 8)
]
open(f"{out}/logs/berlin.json", "w").write(json.dumps(log, indent=2))
PY

measure() {
  local label=$1; shift
  /usr/bin/time -f "$label: %e s, %M KiB max RSS" "$@" >/dev/null 2>"$work/time" || true
  tail -1 "$work/time"
}
bin=target/release/moderato
measure "check" $bin check "$work/journey"
measure "groups --size 3 --rounds 50" $bin groups "$work/journey" --station koeln --size 3 --rounds 50
measure "groups --size 3 --rounds 1" $bin groups "$work/journey" --station koeln --size 3 --rounds 1
measure "export md" $bin export "$work/journey" --format md
measure "export csv" $bin export "$work/journey" --format csv -o "$work/csv"
