#!/usr/bin/env bash
# Presence beside closed-set accuracy, seeds 1-5: the README table "Results on real recordings" (full table: docs/results.md).
#   benchmarks/presence_seeds.sh BIN CONFIG OUTDIR [seeds...]
#   SET="train.steps_per_epoch=229 balance.background_share=0.5" benchmarks/presence_seeds.sh …   (a variant)
# Trains CONFIG once per seed (frogscan train --set seed=N) and prints, from each run's
# test/metrics.json, the eval recording-level macro-F1, presence macro-F1 (eval recordings +
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
python3 - "$OUT" $SEEDS <<'PY'
import glob, json, statistics, sys
out, seeds = sys.argv[1], sys.argv[2:]
rows = []
for s in seeds:
    m = json.load(open(sorted(glob.glob(f"{out}/seed{s}/*/test/metrics.json"))[-1]))
    p = m["presence"]
    rows.append((s, m["recording"]["macro_f1"], p["macro_f1"], p["macro_precision"], p["macro_recall"],
                 p["false_detections_per_hour"], p["frog_free_file_share"]))
print("seed  recording_macro_f1  presence_macro_f1  presence_precision  presence_recall  false_per_hour  frog_free_share")
for r in rows:
    print(f"{r[0]:>4}  {r[1]:18.3f}  {r[2]:17.3f}  {r[3]:18.3f}  {r[4]:15.3f}  {r[5]:14.1f}  {r[6]:15.2f}")
cols = list(zip(*rows))[1:]
fmt = lambda xs, d: f"{statistics.mean(xs):.{d}f} ± {statistics.stdev(xs) if len(xs) > 1 else 0:.{d}f}"
print("mean  " + "  ".join(fmt(c, 1 if i == 4 else 3) for i, c in enumerate(cols)))
PY
