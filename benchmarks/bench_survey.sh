#!/usr/bin/env bash
# survey throughput: `frogscan survey run` with the bundled default model over a synthetic
# survey tree (4 sites x 3 nights of 10-minute 22,050 Hz recordings = 2 h of audio), 2 threads,
# from an empty database. Prints recordings/min and hours of audio per minute, then times a
# second run (incremental: nothing to do). Usage: benchmarks/bench_survey.sh BIN OUTDIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${1:-.build/release/frogscan}"
out="${2:-$here/out}"
threads="${THREADS:-2}"
seconds="${SURVEY_SECONDS:-600}"
mkdir -p "$out"
tree="${TMPDIR:-/tmp}/frogscan-bench/survey-tree-night1-$seconds"
if [ ! -d "$tree" ]; then
  "$bin" synth --out "$tree.tmp" --survey-tree --sites A,B,C,D --nights 3 --seconds "$seconds" --seed 11 \
    --config "$here/survey.synth.yaml" >/dev/null
  mv "$tree.tmp" "$tree"
fi
db="$out/survey-bench.sqlite"
rm -f "$db" "$db-wal" "$db-shm"
count=$(find "$tree" -name '*.wav' | wc -l)
start=$(date +%s.%N)
"$bin" survey run "$tree" --db "$db" --model "$here/../models/default.safetensors" --threads "$threads" >"$out/survey-run.log" 2>&1
end=$(date +%s.%N)
again_start=$(date +%s.%N)
"$bin" survey run "$tree" --db "$db" --model "$here/../models/default.safetensors" --threads "$threads" >"$out/survey-rerun.log" 2>&1
again_end=$(date +%s.%N)
python3 - "$count" "$seconds" "$start" "$end" "$again_start" "$again_end" "$threads" <<'PY' | tee "$out/survey.txt"
import sys
count, seconds = int(sys.argv[1]), float(sys.argv[2])
first = float(sys.argv[4]) - float(sys.argv[3])
again = float(sys.argv[6]) - float(sys.argv[5])
hours = count * seconds / 3600
print(f"survey run ({sys.argv[7]} thr): {count} recordings, {hours:.2f} h of audio in {first:.1f} s: "
      f"{count / first * 60:.1f} recordings/min, {hours / first * 60:.2f} h of audio per minute "
      f"({count * seconds / first:.0f}x real time); second run (nothing new) {again:.1f} s")
PY
