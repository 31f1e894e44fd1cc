#!/usr/bin/env bash
# Presence beside closed-set accuracy, seeds 1-5: the README table "Results on real recordings" (full table: docs/results.md).
#   benchmarks/presence_seeds.sh BIN CONFIG OUTDIR [seeds...]
#   SET="train.steps_per_epoch=229 balance.background_share=0.5" benchmarks/presence_seeds.sh …   (a variant)
# Trains CONFIG once per seed (frogscan train --set seed=N) and prints, from each run's
# test/metrics.json (with train.seeds > 1: the ensemble folder's, the newest in seedN/), the eval
# recording-level macro-F1, presence macro-F1 (eval recordings +
# data.backgrounds), false detections per hour of frog-free audio and the share of frog-free
# files with any detection, then mean ± sd over the seeds.
set -euo pipefail
BIN=${1:?frogscan binary}; CONFIG=${2:?config}; OUT=${3:?output folder}; shift 3
SEEDS=${*:-1 2 3 4 5}
mkdir -p "$OUT"
EXTRA=()
for kv in ${SET:-}; do EXTRA+=(--set "$kv"); done
for s in $SEEDS; do
  if ! ls "$OUT"/seed$s/*/test/metrics.json >/dev/null 2>&1; then
    "$BIN" train --config "$CONFIG" --set seed=$s "${EXTRA[@]}" --out "$OUT/seed$s" > "$OUT/seed$s.log" 2>&1
  fi
done
ARGS=()
for s in $SEEDS; do ARGS+=("$s=$(ls "$OUT"/seed$s/*/test/metrics.json | sort | tail -1)"); done
python3 "$(dirname "$0")/presence_table.py" "${ARGS[@]}"
# With train.seeds > 1, the same figures for every member alone (each seed's own run and rule).
MEMBERS=()
for s in $SEEDS; do
  for m in "$OUT"/seed$s/*-seed*/test/metrics.json; do
    [[ -f "$m" ]] && MEMBERS+=("$s:$(basename "$(dirname "$(dirname "$m")")" | sed 's/.*-seed//')=$m")
  done
done
if (( ${#MEMBERS[@]} > ${#ARGS[@]} )); then
  echo "members alone (run seed:member seed):"
  python3 "$(dirname "$0")/presence_table.py" "${MEMBERS[@]}"
fi
