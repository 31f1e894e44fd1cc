#!/usr/bin/env bash
# Retrains models/default.safetensors with make demo's recipe (configs/demo.yaml) on 320
# recordings of configs/demo.synth.yaml (seed 11) and tests it on 60 fresh ones (seed 99, never
# trained on) as its test split. Prints the test table; copies the model when COPY=1.
# Usage: scripts/train_default_model.sh [BIN] [WORK]   (defaults .build/release/frogscan, /tmp/frogscan-default-model)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-.build/release/frogscan}"
work="${2:-/tmp/frogscan-default-model}"
rm -rf "$work"
mkdir -p "$work/all"
"$bin" synth --config configs/demo.synth.yaml --out "$work/train" --count 320 --seed 11 > /dev/null
"$bin" synth --config configs/demo.synth.yaml --out "$work/fresh" --count 60 --seed 99 > /dev/null
# One flat folder (the two sets reuse names) and a split file: seed 11 train, every fifth of
# them validation, seed 99 test.
{
  echo "recording,group,split"
  i=0
  for set in train fresh; do
    for f in "$work/$set"/*; do ln -s "$f" "$work/all/${set}_$(basename "$f")"; done
    for f in "$work/$set"/*.wav; do
      name="${set}_$(basename "$f")"
      if [ "$set" = fresh ]; then split=test; elif [ $((i % 5)) -eq 0 ]; then split=validation; else split=train; fi
      i=$((i + 1))
      echo "$work/all/$name,$name,$split"
    done
  done
} > "$work/split.csv"
"$bin" train --config configs/demo.yaml --set data.recordings="$work/all" --set data.labels="$work/all" \
  --set data.split_file="$work/split.csv" --set name=default-model --out "$work/runs" > "$work/train.log"
run="$(ls -d "$work"/runs/*/ | tail -n 1)"
column -t -s, "$run/test/per_species_metrics.csv"
if [ "${COPY:-0}" = 1 ]; then cp "$run/model.safetensors" models/default.safetensors; echo "copied to models/default.safetensors"; fi
