#!/usr/bin/env bash
# make demo: the whole job end to end on synthetic data made on the spot — a labelled training
# set, a model trained on it, detection in the bundled recordings, and a three-night survey of
# two sites checked against the synthesiser's truth — then the model's per-species metrics, the
# nightly summary and every output path.
# Usage: scripts/demo.sh [BIN]   (BIN defaults to .build/release/frogscan; DEMO_OUT=folder)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-.build/release/frogscan}"
case "$bin" in /*) ;; *) bin="$PWD/$bin" ;; esac
out="${DEMO_OUT:-demo-output}"
rm -rf "$out"
mkdir -p "$out"
start=$SECONDS

step() { printf '\n== %s\n' "$*"; }
table() { column -t -s, "$1" 2>/dev/null || cat "$1"; }

step "1/6 a labelled training set: 160 synthetic recordings × 20 s with Raven tables (configs/demo.synth.yaml)"
"$bin" synth --config configs/demo.synth.yaml --out "$out/synth" --count 160 --seed 2024 > /dev/null
echo "wrote $out/synth/synth_001.wav … synth_160.wav, each with its .Table.1.selections.txt"
"$bin" dataset summary --recordings "$out/synth" --labels "$out/synth" --out "$out/dataset_summary.csv"

step "2/6 train a CNN on it (configs/demo.yaml: windows centred on the labelled calls + call-free windows)"
"$bin" train --config configs/demo.yaml --set data.recordings="$out/synth" --set data.labels="$out/synth" \
  --out "$out/runs" > "$out/train.log"
run="$(ls -d "$out"/runs/*/ | sort | tail -n 1)"
run="${run%/}"
grep '^epoch' "$out/train.log" | tail -n 3
echo "(full log: $out/train.log)"

step "3/6 detect calls in the bundled recordings/ with the model just trained"
status=0
"$bin" detect recordings --model "$run" --out "$out/detections" --snippets 2 --combined || status=$?
# Exit code 2 means "finished, some inputs failed" (listed in errors.csv); anything else is fatal.
[ "$status" -eq 0 ] || [ "$status" -eq 2 ] || exit "$status"

step "4/6 a survey: sites pond and creek, 3 nights, 30 s every 30 min from 19:00 to 05:30"
# Nights differ in weather (weather.csv) and the species in their calling hours; Litoria fallax
# lives at the pond only. The synthesiser writes what really called as cards/truth.csv.
"$bin" synth --config configs/demo.synth.yaml --survey-tree --sites pond,creek --nights 3 --seconds 30 \
  --seed 25 --start 2024-10-01 --absent creek:litoria_fallax --out "$out/cards" | { grep -v '\.wav' || true; }
table "$out/cards/weather.csv"
"$bin" survey run "$out/cards" --db "$out/survey.sqlite" --model "$run" | { grep -v '^\[[0-9]*/' || true; }
"$bin" survey run "$out/cards" --db "$out/survey.sqlite" --model "$run"  # again: nothing new to do
"$bin" survey report --db "$out/survey.sqlite" --out "$out/survey-reports" --truth "$out/cards/truth.csv" \
  | tee "$out/survey-report.log" | { grep -v '^presence vs truth' || true; }

step "5/6 the model on its test split: per-species metrics ($run/test/per_species_metrics.csv)"
table "$run/test/per_species_metrics.csv"

step "6/6 the survey: what called where and when ($out/survey-reports/nightly_summary.csv)"
cut -d, -f1-8 "$out/survey-reports/nightly_summary.csv" | column -t -s,
echo
grep '^presence vs truth' "$out/survey-report.log" || true
echo "calling through the night, per species: $out/survey-reports/activity.png"

step "outputs (demo took $((SECONDS - start)) s)"
outputs=(
  "$out/dataset_summary.csv"
  "$run/config.yaml" "$run/metrics.csv" "$run/model.safetensors" "$run/curves.png"
  "$run/test/per_species_metrics.csv" "$run/test/confusion_matrix.csv" "$run/test/confusion.png"
  "$run/validation/per_species_metrics.csv"
  "$out/detections/detections.csv" "$out/detections/summary.csv" "$out/detections/combined.selections.txt"
  "$out/cards/truth.csv" "$out/cards/weather.csv" "$out/survey.sqlite"
  "$out/survey-reports/nightly_summary.csv" "$out/survey-reports/hourly_activity.csv"
  "$out/survey-reports/detection_history.csv" "$out/survey-reports/coverage.csv"
  "$out/survey-reports/recordings.csv" "$out/survey-reports/presence_vs_truth.csv"
  "$out/survey-reports/activity.png"
)
missing=0
for f in "${outputs[@]}"; do
  if [ -s "$f" ]; then printf '  %s\n' "$f"; else printf '  MISSING or empty: %s\n' "$f"; missing=1; fi
done
printf '  (per-recording Raven .selections.txt and Audacity .labels.txt tables, snippets and\n'
printf '   TensorBoard events are beside these)\n'
exit "$missing"
