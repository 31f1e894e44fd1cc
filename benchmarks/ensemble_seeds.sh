#!/usr/bin/env bash
# Seed ensembles on the test split: models from presence_seeds.sh's OUTDIR (seed1/ … seedN/),
# averaged K at a time over consecutive seeds (1+2+3, 2+3+4, …, wrapping around), each scored by
# `frogscan evaluate --split test` with the config's data.backgrounds as frog-free audio. K=1 gives
# the single models by the same code, so the rows compare like for like. RULE="--min-confidence 0.85
# --min-windows 2" replaces the models' rule (evaluate's overrides, as in detect).
#   benchmarks/ensemble_seeds.sh BIN CONFIG SEEDS_DIR K OUT [seeds...]
set -euo pipefail
BIN=${1:?frogscan binary}; CONFIG=${2:?config}; SEEDS_DIR=${3:?presence_seeds.sh output}; K=${4:?models per ensemble}
OUT=${5:?output folder}; shift 5
SEEDS=(${*:-1 2 3 4 5})
mkdir -p "$OUT"
DATA="python3 $(dirname "$0")/config_data.py $CONFIG"
RECORDINGS=$($DATA recordings); LABELS=$($DATA labels)
BACKGROUNDS=()
while IFS= read -r file; do BACKGROUNDS+=(--background "$file"); done < <($DATA backgrounds)
NAMES=()
for ((i = 0; i < ${#SEEDS[@]}; i++)); do
  MODELS=(); NAME=""
  for ((j = 0; j < K; j++)); do
    s=${SEEDS[$(( (i + j) % ${#SEEDS[@]} ))]}
    run=$(ls -d "$SEEDS_DIR"/seed$s/*/ | tail -1)
    MODELS+=(--model "${run}model.safetensors"); NAME+="${NAME:++}$s"
  done
  NAMES+=("$NAME")
  [[ -f "$OUT/$NAME/metrics.json" ]] && continue
  "$BIN" evaluate "${MODELS[@]}" --recordings "$RECORDINGS" --labels "$LABELS" --split test \
    "${BACKGROUNDS[@]}" ${RULE:-} --out "$OUT/$NAME.tmp" > "$OUT/$NAME.log" 2>&1
  rm -rf "$OUT/$NAME" && mv "$OUT/$NAME.tmp" "$OUT/$NAME"
done
ARGS=()
for n in "${NAMES[@]}"; do ARGS+=("$n=$OUT/$n/metrics.json"); done
python3 "$(dirname "$0")/presence_table.py" "${ARGS[@]}"
