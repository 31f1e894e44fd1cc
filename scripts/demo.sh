#!/usr/bin/env bash
# make demo: the whole job end to end on the bundled data — dataset summary, training, detection
# and a nightly survey — then the per-species metrics and every output path.
# Usage: scripts/demo.sh [BIN]   (BIN defaults to .build/release/frogscan)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-.build/release/frogscan}"
case "$bin" in /*) ;; *) bin="$PWD/$bin" ;; esac
out="${DEMO_OUT:-demo-output}"
rm -rf "$out"
mkdir -p "$out"

step() { printf '\n== %s\n' "$*"; }

step "1/5 dataset summary: bundled recordings/ and labels/ (synthetic chorus, see recordings/README.md)"
"$bin" dataset summary --recordings recordings --labels labels --out "$out/dataset_summary.csv"

step "2/5 train the default model (configs/default.yaml: reference CNN on 64 mels × 1.5 s windows)"
"$bin" train --out "$out/runs" | tee "$out/train.log"
run="$(ls -d "$out"/runs/*/ | sort | tail -n 1)"
run="${run%/}"

step "3/5 detect calls in recordings/ with the model just trained"
status=0
"$bin" detect recordings --model "$run/model.safetensors" --out "$out/detections" --snippets 2 --combined || status=$?
# Exit code 2 means "finished, some inputs failed" (listed in errors.csv); anything else is fatal.
[ "$status" -eq 0 ] || [ "$status" -eq 2 ] || exit "$status"

step "4/5 nightly survey of recordings/survey/ with the bundled model (models/default.safetensors)"
"$bin" survey run recordings/survey --db "$out/survey.sqlite" --model models/default.safetensors
"$bin" survey run recordings/survey --db "$out/survey.sqlite" --model models/default.safetensors  # again: nothing new
"$bin" survey report --db "$out/survey.sqlite" --out "$out/survey-reports"

step "5/5 per-species metrics on the test split ($run/test/per_species_metrics.csv)"
column -t -s, "$run/test/per_species_metrics.csv" 2>/dev/null || cat "$run/test/per_species_metrics.csv"

step "outputs"
outputs=(
  "$out/dataset_summary.csv"
  "$run/config.yaml" "$run/metrics.csv" "$run/model.safetensors" "$run/curves.png"
  "$run/test/per_species_metrics.csv" "$run/test/confusion_matrix.csv" "$run/test/confusion.png"
  "$run/validation/per_species_metrics.csv"
  "$out/detections/detections.csv" "$out/detections/summary.csv" "$out/detections/combined.selections.txt"
  "$out/survey.sqlite"
  "$out/survey-reports/nightly_summary.csv" "$out/survey-reports/hourly_activity.csv"
  "$out/survey-reports/detection_history.csv" "$out/survey-reports/coverage.csv"
  "$out/survey-reports/recordings.csv"
)
missing=0
for f in "${outputs[@]}"; do
  if [ -s "$f" ]; then printf '  %s\n' "$f"; else printf '  MISSING or empty: %s\n' "$f"; missing=1; fi
done
printf '  (per-recording Raven .selections.txt and Audacity .labels.txt tables, snippets and\n'
printf '   TensorBoard events are beside these)\n'
exit "$missing"
