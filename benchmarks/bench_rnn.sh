#!/usr/bin/env bash
# Recurrent models side by side: PyTorch (../shared/peers/nn_torch.py) and `frogscan bench`, at 1
# and 2 threads, in one run (a ratio measured together holds on a noisy machine; absolute rates
# do not). Usage: benchmarks/bench_rnn.sh BIN OUTDIR [EPOCHS BATCHES]
# PEER_MODELS (default bilstm,bigru,crnn) picks the models on both sides; the CRNN is the slow
# one (PEER_MODELS=crnn measures only the CRNN: crnn-train and crnn-infer).
set -euo pipefail
bin="$1"
out="$2"
epochs="${3:-5}"
batches="${4:-50}"
here="$(cd "$(dirname "$0")" && pwd)"
peers="${FROGSCAN_PEERS:-$here/../../shared/peers}"
mkdir -p "$out"
python="${PYTHON:-python3}"
results="$out/rnn_results.tsv"
: > "$results"

for threads in 1 2; do
  if [ -f "$peers/nn_torch.py" ] && "$python" -c "import torch" 2>/dev/null; then
    # The peer runs with its thread count in the environment too, and with OpenBLAS's core-type
    # overrides unset together (they are frogscan's process settings, not the peer's).
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
      OMP_NUM_THREADS="$threads" OPENBLAS_NUM_THREADS="$threads" MKL_NUM_THREADS="$threads" \
      "$python" "$peers/nn_torch.py" "$threads" "${PEER_MODELS:-bilstm,bigru,crnn}" "$epochs" "$batches" \
      > "$out/torch_rnn_t$threads.txt" 2>&1 || echo "nn_torch.py failed (see $out/torch_rnn_t$threads.txt)" >&2
    # RESULT torch_bilstm train threads=1 ... samples_per_s min=.. median=X max=..
    awk -v t="$threads" '/^RESULT/ {
        split($2, m, "_"); model = m[2]; kind = $3; med = ""
        for (i = 1; i <= NF; i++) if ($i ~ /^median=/) { sub("median=", "", $i); med = $i }
        print "torch\t" model "-" kind "\t" t "\t" med }' "$out/torch_rnn_t$threads.txt" >> "$results"
  else
    echo "PyTorch or $peers/nn_torch.py not found: frogscan figures only" >&2
  fi
  # frogscan runs the workloads of the same models as the peer (PEER_MODELS).
  pattern="^($(echo "${PEER_MODELS:-bilstm,bigru,crnn}" | tr ',' '|'))-"
  workloads=$("$bin" bench --list | cut -f1 | grep -E "$pattern" || true)
  # shellcheck disable=SC2086
  "$bin" bench $workloads --threads "$threads" --json > "$out/frogscan_rnn_t$threads.jsonl"
  "$python" - "$out/frogscan_rnn_t$threads.jsonl" >> "$results" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    if line.strip():
        r = json.loads(line)
        print(f"frogscan\t{r['workload']}\t{r['threads']}\t{r['value']:.1f}")
PY
done

"$python" - "$results" <<'PY'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
value = {(who, name, int(t)): float(v) for who, name, t, v in rows if v}
names = sorted({name for _, name, _, _ in rows}, key=lambda n: (n.split("-")[0], n.split("-")[1]))
print(f"{'workload (samples/s)':22} {'thr':>3} {'frogscan':>10} {'PyTorch':>10} {'ratio':>7}")
for name in names:
    for t in (1, 2):
        ours, peer = value.get(("frogscan", name, t)), value.get(("torch", name, t))
        if ours is None and peer is None:
            continue
        ratio = f"{ours / peer:.2f}" if ours and peer else "-"
        fmt = lambda v: f"{v:,.0f}" if v is not None else "-"
        print(f"{name:22} {t:>3} {fmt(ours):>10} {fmt(peer):>10} {ratio:>7}")
PY
