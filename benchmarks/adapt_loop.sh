#!/usr/bin/env bash
# The adaptation loop of docs/adapt.md, end to end on synthetic nights whose truth is known.
#   benchmarks/adapt_loop.sh BIN OUT [--tiny]
# 1. synth a training set without crickets or traffic (adapt_loop/base.synth.yaml), train a
#    small CNN on it (adapt_loop/train.yaml);
# 2. synth nights at "the site" (adapt_loop/site.synth.yaml: loud crickets, traffic) and detect;
# 3. review sample, the Verdicts answered from the synthetic truth (synth_truth.py answer, 50 items);
# 4. retrain with data.reviews: from scratch on the training set + the review, and fine-tuned
#    (--init-from the first model) on the same data; and, as a control, fine-tuned the same way
#    without the review (what the extra epochs alone do);
# 5. detect on other nights of the site, never reviewed, with each model and score presence
#    macro-F1 and false detections per hour against their truth (synth_truth.py score).
# Prints the table and writes it as OUT/adapt_loop.csv. --tiny: a few short files and 2 epochs
# (the test run of `make test`; its figures mean nothing). SEED=N (default 7) seeds the
# training runs only; the synthetic recordings stay the same.
set -euo pipefail
BIN=${1:?frogscan binary}; OUT=${2:?output folder}; SIZE=${3:-full}
here="$(cd "$(dirname "$0")" && pwd)"
case "$BIN" in /*) ;; *) BIN="$PWD/$BIN" ;; esac
mkdir -p "$OUT"; OUT="$(cd "$OUT" && pwd)"
if [ "$SIZE" = "--tiny" ]; then
  train_files=6; seconds=10; night_seconds=10; nights=1; ponds=p1,p2; epochs=2; tune_epochs=2; per_cell=2
else
  train_files=40; seconds=30; night_seconds=60; nights=4; ponds=p1,p2,p3,p4; epochs=15; tune_epochs=8; per_cell=20
fi
rm -rf "$OUT"/{train,review-nights,heldout-nights,runs,detect-*,review,adapt_loop.csv,*.log}
step() { printf '\n== %s\n' "$*"; }
detect() {  # detect MODEL RECORDINGS OUT — exit 2 (some input failed) is reported, not fatal
  local status=0
  "$BIN" detect "$2" --model "$1" --out "$3" --format csv >"$3.log" 2>&1 || status=$?
  [ "$status" -eq 0 ] || [ "$status" -eq 2 ] || { cat "$3.log"; exit "$status"; }
}
newest_run() { ls -d "$OUT"/runs/*-"$1" | sort | tail -n 1; }
train=(--config "$here/adapt_loop/train.yaml" --out "$OUT/runs"
       --set "seed=${SEED:-7}" --set "data.recordings=$OUT/train" --set "data.labels=$OUT/train" --set "data.cache=$OUT/cache")

step "1/5 training set ($train_files × ${seconds}s, no crickets or traffic) and the first model"
"$BIN" synth --out "$OUT/train" --count "$train_files" --seconds "$seconds" --seed 11 \
  --config "$here/adapt_loop/base.synth.yaml" >/dev/null
"$BIN" train "${train[@]}" --set name=first --set train.epochs=$epochs >"$OUT/train-first.log" 2>&1 \
  || { cat "$OUT/train-first.log"; exit 1; }
first="$(newest_run first)"
echo "  $first"

step "2/5 nights at the site (loud crickets, traffic): detect with the first model"
"$BIN" synth --out "$OUT/review-nights" --survey-tree --sites "$ponds" --nights $nights \
  --start 2024-10-01 --seconds "$night_seconds" --seed 21 --config "$here/adapt_loop/site.synth.yaml" >/dev/null
"$BIN" synth --out "$OUT/heldout-nights" --survey-tree --sites "$ponds" --nights $nights \
  --start 2024-11-01 --seconds "$night_seconds" --seed 31 --config "$here/adapt_loop/site.synth.yaml" >/dev/null
detect "$first" "$OUT/review-nights" "$OUT/detect-review"
tail -n +2 "$OUT/detect-review/detections.csv" | wc -l | xargs printf '  %s detections\n'

step "3/5 review sample, answered from the synthetic truth"
"$BIN" review sample --detections "$OUT/detect-review" --out "$OUT/review" --per-cell $per_cell \
  --bins 0,0.5,0.8,1.0 --seed 1 >"$OUT/review.log" 2>&1 || { cat "$OUT/review.log"; exit 1; }
table="$OUT/review/review.selections.txt"
python3 "$here/synth_truth.py" answer "$table" --limit 50
"$BIN" review summary "$table" --model "$first/model.safetensors" >>"$OUT/review.log" 2>&1

step "4/5 retrain with data.reviews: from scratch, and fine-tuned from the first model"
"$BIN" train "${train[@]}" --set name=scratch --set train.epochs=$epochs \
  --set "data.reviews=[$table]" >"$OUT/train-scratch.log" 2>&1 || { cat "$OUT/train-scratch.log"; exit 1; }
"$BIN" train "${train[@]}" --set name=finetune --set train.epochs=$tune_epochs --init-from "$first" \
  --set train.learning_rate=0.001 --set "data.reviews=[$table]" \
  >"$OUT/train-finetune.log" 2>&1 || { cat "$OUT/train-finetune.log"; exit 1; }
"$BIN" train "${train[@]}" --set name=control --set train.epochs=$tune_epochs --init-from "$first" \
  --set train.learning_rate=0.001 >"$OUT/train-control.log" 2>&1 || { cat "$OUT/train-control.log"; exit 1; }
grep -A2 '^reviews' "$OUT/train-scratch.log" | sed 's/^/  /'

step "5/5 held-out nights of the site (never reviewed): presence and false detections"
for name in first control scratch finetune; do
  detect "$(newest_run $name)" "$OUT/heldout-nights" "$OUT/detect-heldout-$name"
done
label() { case $1 in first) echo "before (first model)";; scratch) echo "after: from scratch + reviews";;
          finetune) echo "after: fine-tuned + reviews";; control) echo "control: fine-tuned without reviews";; esac; }
for name in first control scratch finetune; do
  python3 "$here/synth_truth.py" score "$OUT/detect-heldout-$name/detections.csv" "$OUT/heldout-nights" \
    --label "$(label $name)" --csv "$OUT/adapt_loop.csv" >/dev/null
done
echo
column -t -s, "$OUT/adapt_loop.csv" 2>/dev/null || cat "$OUT/adapt_loop.csv"
