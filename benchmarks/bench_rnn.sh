#!/usr/bin/env bash
# Recurrent models side by side: PyTorch (../shared/peers/nn_torch.py) and `frogscan bench`, at 1
# and 2 threads. ROUNDS rounds (default 5), each running both sides at both thread counts one
# after the other (a ratio measured together holds on a noisy machine; absolute rates do not);
# spread.py prints minimum, median and maximum per side, the ratios of medians and of minimums,
# the per-round ratios and the 2-thread scaling per round.
# Usage: benchmarks/bench_rnn.sh BIN OUTDIR [EPOCHS BATCHES]   (the peer's epochs and batches)
# PEER_MODELS (default bilstm,bigru,crnn) picks the models on both sides; the CRNN is the slow
# one (PEER_MODELS=crnn measures only the CRNN: crnn-train and crnn-infer).
set -euo pipefail
bin="$1"
out="$2"
epochs="${3:-3}"
batches="${4:-20}"
rounds="${ROUNDS:-5}"
here="$(cd "$(dirname "$0")" && pwd)"
peers="${FROGSCAN_PEERS:-$here/../../shared/peers}"
python="${PYTHON:-python3}"
mkdir -p "$out"
results="$out/rnn_rounds.tsv"
: >"$results"
have_torch=0
if [ -f "$peers/nn_torch.py" ] && "$python" -c "import torch" 2>/dev/null; then have_torch=1
else echo "PyTorch or $peers/nn_torch.py not found: frogscan figures only" >&2; fi
# frogscan runs the workloads of the same models as the peer (PEER_MODELS).
pattern="^($(echo "${PEER_MODELS:-bilstm,bigru,crnn}" | tr ',' '|'))-"
workloads=$("$bin" bench --list | cut -f1 | grep -E "$pattern" || true)
for round in $(seq 1 "$rounds"); do
  for t in 1 2; do
    if [ "$have_torch" = 1 ]; then
      # The peer runs with its thread count in the environment too, and with OpenBLAS's core-type
      # overrides unset together (they are frogscan's process settings, not the peer's).
      env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t MKL_NUM_THREADS=$t \
        "$python" "$peers/nn_torch.py" "$t" "${PEER_MODELS:-bilstm,bigru,crnn}" "$epochs" "$batches" \
        >"$out/rnn_torch_r${round}_t$t.txt" 2>&1 || echo "nn_torch.py failed (see $out/rnn_torch_r${round}_t$t.txt)" >&2
      # RESULT torch_bilstm train threads=1 ... samples_per_s min=.. median=X max=..
      awk -v t="$t" -v r="$round" '/^RESULT/ {
          split($2, m, "_"); med = ""
          for (i = 1; i <= NF; i++) if ($i ~ /^median=/) { sub("median=", "", $i); med = $i }
          print "PyTorch\t" m[2] "-" $3 "\t" t "\t" r "\t" med }' "$out/rnn_torch_r${round}_t$t.txt" >>"$results"
    fi
    # shellcheck disable=SC2086
    "$bin" bench $workloads --threads "$t" --json \
      | "$python" "$here/bench_rows.py" "$round" >>"$results"
  done
done
echo "Recurrent models, samples/s ($rounds rounds; ratio > 1: frogscan ahead)"
"$python" "$here/spread.py" "$results" --versus PyTorch --csv "$out/rnn_spread.csv"
