#!/usr/bin/env bash
# Out-of-fold figures of an ensemble: several `train --folds K` folders that share their folds
# (the same data.split_seed), each fold's models averaged on that fold's validation recordings
# and held-out negatives, pooled over the folds. One folder alone gives the single-model figures
# by the same code, so the two compare like for like. Reads only the validation split.
#   benchmarks/oof_ensemble.sh BIN CONFIG OUT CV_FOLDER [CV_FOLDER …]
# CONFIG gives the recordings and labels (data.recordings, data.labels). RULE="--min-confidence 0.8
# --min-windows 2" replaces the models' rule (evaluate's overrides, as in detect).
set -euo pipefail
BIN=${1:?frogscan binary}; CONFIG=${2:?config}; OUT=${3:?output folder}; shift 3
(( $# >= 1 )) || { echo "give at least one train --folds output folder (its *-cv folder)" >&2; exit 2; }
mkdir -p "$OUT"
DATA="python3 $(dirname "$0")/config_data.py $CONFIG"
RECORDINGS=$($DATA recordings); LABELS=$($DATA labels)
FOLDS=$(wc -l < "$1/models.txt")
for ((k = 1; k <= FOLDS; k++)); do
  [[ -f "$OUT/fold$k/presence_files.csv" ]] && continue
  MODELS=()
  for cv in "$@"; do
    model=$(sed -n "${k}p" "$cv/models.txt")
    [[ -f "$model" ]] || { echo "$cv/models.txt: line $k names $model, which does not exist" >&2; exit 1; }
    MODELS+=(--model "$model")
  done
  # The fold's held-out negatives, as its own validation report lists them.
  NEGATIVES=()
  first=$(dirname "$(sed -n "${k}p" "$1/models.txt")")
  while IFS= read -r file; do NEGATIVES+=(--background "$file"); done < <(
    python3 -c 'import csv,sys; [print(r["file"]) for r in csv.DictReader(open(sys.argv[1])) if r["frog_free"] == "1"]' \
      "$first/validation/presence_files.csv")
  "$BIN" evaluate "${MODELS[@]}" --recordings "$RECORDINGS" --labels "$LABELS" --split validation \
    "${NEGATIVES[@]}" ${RULE:-} --out "$OUT/fold$k.tmp" > "$OUT/fold$k.log" 2>&1
  rm -rf "$OUT/fold$k" && mv "$OUT/fold$k.tmp" "$OUT/fold$k"
done
python3 - "$OUT" "$FOLDS" <<'PY'
import csv, sys
out, folds = sys.argv[1], int(sys.argv[2])
files, confusion, classes = [], {}, None
for k in range(1, folds + 1):
    files += list(csv.DictReader(open(f"{out}/fold{k}/presence_files.csv")))
    rows = list(csv.reader(open(f"{out}/fold{k}/recording_confusion_matrix.csv")))
    classes = rows[0][1:]
    for r in rows[1:]:
        for c, n in zip(classes, r[1:]):
            confusion[(r[0], c)] = confusion.get((r[0], c), 0) + int(n)
species = [c for c in classes if c != "noise"]
def f1(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
def detected(row):
    return {d.split(":")[0]: int(d.split(":")[1]) for d in row["detections"].split(";") if d}
# Presence: a species is present in a file when it has >= 1 detection there.
scores = []
for s in species:
    truth = [s in r["truth"].split(";") for r in files]
    if not any(truth): continue
    hit = [s in detected(r) for r in files]
    tp = sum(t and h for t, h in zip(truth, hit)); fp = sum(h and not t for t, h in zip(truth, hit))
    fn = sum(t and not h for t, h in zip(truth, hit))
    scores.append(f1(tp, fp, fn))
free = [r for r in files if r["frog_free"] == "1"]
hours = sum(float(r["seconds"]) for r in free) / 3600
false = sum(sum(detected(r).values()) for r in free)
share = sum(1 for r in free if detected(r)) / len(free)
mean = lambda xs: sum(xs) / len(xs)
recording = mean([f1(confusion.get((s, s), 0), sum(confusion.get((t, s), 0) for t in classes if t != s),
                     sum(confusion.get((s, t), 0) for t in classes if t != s))[2] for s in species])
print("files  presence_macro_f1  precision  recall  false_detections  false_per_hour  frog_free_share  recording_macro_f1")
print(f"{len(files):5d}  {mean([x[2] for x in scores]):17.3f}  {mean([x[0] for x in scores]):9.3f}  "
      f"{mean([x[1] for x in scores]):6.3f}  {false:16d}  {false / hours:14.1f}  {share:15.2f}  {recording:18.3f}")
PY
