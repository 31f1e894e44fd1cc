#!/usr/bin/env bash
# CNN training/inference samples/s: frogscan vs PyTorch (default layout and channels_last), at 1
# and 2 threads. ROUNDS rounds (default 5), each running every side at both thread counts one
# after the other, so a ratio within a round shares the machine's load; spread.py prints minimum,
# median and maximum per side, the ratios of medians and of minimums against channels_last, the
# per-round ratios and the 2-thread scaling per round.
# Usage: benchmarks/bench_nn.sh BIN OUTDIR   (ROUNDS=5, PEER_EPOCHS=3, PEER_BATCHES=20)
set -euo pipefail
bin="$1"
out="$2"
rounds="${ROUNDS:-5}"
here="$(cd "$(dirname "$0")" && pwd)"
peers="${FROGSCAN_PEERS:-$here/../../shared/peers}"
python="${PYTHON:-python3}"
mkdir -p "$out"
results="$out/nn_rounds.tsv"
: >"$results"
have_torch=0
if [ -f "$peers/nn_torch.py" ] && "$python" -c "import torch" 2>/dev/null; then have_torch=1
else echo "PyTorch or $peers/nn_torch.py not found: frogscan figures only" >&2; fi
for round in $(seq 1 "$rounds"); do
  for t in 1 2; do
    if [ "$have_torch" = 1 ]; then
      # Thread counts in the environment too; OpenBLAS's core type / L2 overrides unset together.
      env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t MKL_NUM_THREADS=$t \
        "$python" "$peers/nn_torch.py" "$t" cnn,cnn_cl "${PEER_EPOCHS:-3}" "${PEER_BATCHES:-20}" \
        >"$out/nn_torch_r${round}_t$t.txt" 2>&1 || echo "nn_torch.py failed (see $out/nn_torch_r${round}_t$t.txt)" >&2
      # RESULT torch_cnn_cl train threads=1 ... samples_per_s min=.. median=X max=..
      awk -v t="$t" -v r="$round" '/^RESULT/ {
          side = ($2 == "torch_cnn_cl") ? "PyTorch channels_last" : "PyTorch"; med = ""
          for (i = 1; i <= NF; i++) if ($i ~ /^median=/) { sub("median=", "", $i); med = $i }
          print side "\tcnn-" $3 "\t" t "\t" r "\t" med }' "$out/nn_torch_r${round}_t$t.txt" >>"$results"
    fi
    "$bin" bench cnn-train cnn-infer --threads "$t" --json \
      | "$python" "$here/bench_rows.py" "$round" >>"$results"
  done
done
echo "CNN, samples/s ($rounds rounds; ratio > 1: frogscan ahead)"
"$python" "$here/spread.py" "$results" --versus "PyTorch channels_last" --csv "$out/nn_spread.csv"
