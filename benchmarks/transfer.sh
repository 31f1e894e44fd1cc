#!/usr/bin/env bash
# The measured value of transfer (docs/transfer.md, docs/transfer.png): leave-species-out on
# ribbid-xenocanto, fine-tuning a pretrained model against training from scratch.
#   benchmarks/transfer.sh BIN OUT [seeds...]        (default seeds 1 2 3; KS="1 2 4 all", EPOCHS=20)
# Per seed: pretrain configs/xenocanto.yaml on the three *source* species (Alytes, Bufo,
# Epidalea; their dev recordings, validation carved by site, the usual recipe) + negatives; then
# for each K, train on K dev recordings per *target* species (Hyla, Pelodytes, Pelophylax; drawn by
# benchmarks/transfer_plan.py) twice with the same data, negatives, steps and seed:
#   scratch  — from random weights;
#   transfer — `--init-from` the pretrained model, features frozen for 5 epochs, then trained
#              at 0.1 × the learning rate (fixed before any run, not tuned).
# Neither gets validation recordings (a user with K recordings has none to spare): both train a
# fixed EPOCHS epochs and keep the last; thresholds come from the held-out negatives as usual.
# The test split is the target species' eval recordings (never trained on); presence adds the
# eval backgrounds. Writes OUT/transfer.csv (one row per run), OUT/summary.csv (mean and sd over
# seeds) and OUT/transfer.png (drawn by `frogscan plot bars`). Re-running skips finished runs.
set -euo pipefail
BIN=$(realpath "${1:?frogscan binary}"); OUT=$(realpath -m "${2:?output folder}"); shift 2
SEEDS=${*:-1 2 3}
KS=${KS:-1 2 4 all}
EPOCHS=${EPOCHS:-20}
cd "$(dirname "$0")/.."
DATA=../shared/data/ribbid-xenocanto
[ -f "$DATA/metadata.csv" ] || { echo "transfer.sh: $DATA/metadata.csv not found (the shared data)" >&2; exit 1; }
mkdir -p "$OUT/runs" "$OUT/pretrain"
done_run() { ls "$1"/*/test/metrics.json >/dev/null 2>&1; }

for s in $SEEDS; do
  python3 benchmarks/transfer_plan.py "$DATA/metadata.csv" "$OUT/plan" "$s" $KS
  pre="$OUT/pretrain/seed$s"
  if ! done_run "$pre"; then
    echo "seed $s: pretraining on the source species"
    "$BIN" train --config configs/xenocanto.yaml --set seed="$s" --set data.labels="$OUT/plan/pretrain-labels.csv" \
      --set 'data.ignore=[]' --out "$pre" > "$pre.log" 2>&1
  fi
  pre_run=$(dirname "$(ls "$pre"/*/test/metrics.json | tail -1)")/..
  for k in $KS; do
    plan="$OUT/plan/seed$s/k$k"
    # The negatives keep the pretraining run's train/validation assignment: same frog-free audio for both arms.
    grep ',negative:' "$pre_run/split.csv" >> "$plan/split.csv"
    common=(--config configs/xenocanto.yaml --set seed="$s" --set data.labels="$plan/labels.csv"
      --set data.split_file="$plan/split.csv" --set 'data.split_column=""' --set 'data.ignore=[]'
      --set train.epochs="$EPOCHS" --set train.early_stopping.patience=0
      --set train.early_stopping.start_epoch="$EPOCHS" --set train.reduce_lr_on_plateau.patience=0)
    for method in scratch transfer; do
      run="$OUT/runs/seed$s-k$k-$method"
      done_run "$run" && continue
      extra=()
      [ "$method" = transfer ] && extra=(--init-from "$pre_run" --set train.freeze=features
        --set train.unfreeze_after=5 --set train.body_learning_rate_scale=0.1)
      echo "seed $s k=$k $method"
      "$BIN" train "${common[@]}" "${extra[@]}" --out "$run" > "$run.log" 2>&1
    done
  done
done

python3 - "$OUT" "$KS" $SEEDS <<'PY'
import csv, glob, json, os, statistics, sys
out, ks, seeds = sys.argv[1], sys.argv[2].split(), sys.argv[3:]
rows = []
for s in seeds:
    for k in ks:
        n = sum(1 for r in csv.DictReader(open(f"{out}/plan/seed{s}/k{k}/split.csv")) if r["split"] == "train"
                and not r["group"].startswith("negative:"))
        for method in ("scratch", "transfer"):
            m = json.load(open(sorted(glob.glob(f"{out}/runs/seed{s}-k{k}-{method}/*/test/metrics.json"))[-1]))
            p = m["presence"]
            rows.append(dict(seed=s, k=k, training_recordings=n, method=method,
                             recording_macro_f1=round(m["recording"]["macro_f1"], 4),
                             presence_macro_f1=round(p["macro_f1"], 4),
                             false_detections_per_hour=round(p["false_detections_per_hour"], 1)))
def write(path, rows):
    with open(path + ".tmp", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader(); w.writerows(rows)
    os.replace(path + ".tmp", path)
write(f"{out}/transfer.csv", rows)
summary = []
sd = lambda xs: statistics.stdev(xs) if len(xs) > 1 else 0.0
for k in ks:
    for method in ("scratch", "transfer"):
        sel = [r for r in rows if r["k"] == k and r["method"] == method]
        row = dict(k=k, method=method, seeds=len(sel))
        for key in ("recording_macro_f1", "presence_macro_f1", "false_detections_per_hour"):
            xs = [r[key] for r in sel]
            row[key] = round(statistics.mean(xs), 3); row[key + "_sd"] = round(sd(xs), 3)
        summary.append(row)
write(f"{out}/summary.csv", summary)
print("k     method    seeds  recording_macro_f1  presence_macro_f1  false_per_hour")
for r in summary:
    print(f"{r['k']:<5} {r['method']:<9} {r['seeds']:>5}  {r['recording_macro_f1']:.3f} ± {r['recording_macro_f1_sd']:.3f}"
          f"      {r['presence_macro_f1']:.3f} ± {r['presence_macro_f1_sd']:.3f}     {r['false_detections_per_hour']:.1f} ± {r['false_detections_per_hour_sd']:.1f}")
for k in ks:
    a, b = (next(r for r in summary if r["k"] == k and r["method"] == m) for m in ("scratch", "transfer"))
    print(f"k={k}: transfer − scratch  recording {b['recording_macro_f1'] - a['recording_macro_f1']:+.3f}"
          f"  presence {b['presence_macro_f1'] - a['presence_macro_f1']:+.3f}")
PY
"$BIN" plot bars --csv "$OUT/summary.csv" --category k --series method \
  --y recording_macro_f1 --y presence_macro_f1 --error-suffix _sd --y-max 1.2 \
  --title "Leave-species-out transfer: 3 target species, eval recordings, mean +- sd over seeds ${SEEDS// /, }" \
  --x-label "dev recordings per target species (K)" --out "$OUT/transfer.png"
