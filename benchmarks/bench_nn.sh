#!/usr/bin/env bash
# CNN training/inference samples/s: frogscan vs PyTorch (default layout and channels_last), at 1
# and 2 threads, measured in one go. Usage: benchmarks/bench_nn.sh BIN OUTDIR
set -euo pipefail
bin="$1"
out="$2"
mkdir -p "$out"
peers="$(cd "$(dirname "$0")/../../shared/peers" 2>/dev/null && pwd || echo /work/shared/peers)"
torch_log="$out/nn_torch.txt"
ours_log="$out/nn_frogscan.jsonl"
: >"$torch_log"
: >"$ours_log"
for t in 1 2; do
  # PyTorch side: thread counts in the environment too; OpenBLAS's core type / L2 overrides unset.
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t MKL_NUM_THREADS=$t \
    python3 "$peers/nn_torch.py" "$t" cnn,cnn_cl 3 20 >>"$torch_log" 2>&1 || echo "nn_torch.py failed (see $torch_log)"
  "$bin" bench cnn-train cnn-infer --threads "$t" --json >>"$ours_log"
done
python3 - "$torch_log" "$ours_log" <<'PY'
import json, re, sys
torch = {}
for line in open(sys.argv[1]):
    m = re.match(r"RESULT torch_(\w+) (train|infer) threads=(\d+).*?median=([\d.]+)", line)
    if m:
        torch[(m.group(1), m.group(2), int(m.group(3)))] = float(m.group(4))
ours = {}
for line in open(sys.argv[2]):
    r = json.loads(line)
    ours[(r["workload"].split("-")[1], r["threads"])] = r["value"]
print(f"{'workload':<10} {'threads':>7} {'frogscan':>10} {'torch':>8} {'torch_cl':>9} {'vs torch_cl':>12}")
for kind in ("train", "infer"):
    for t in (1, 2):
        f = ours.get((kind, t))
        a = torch.get(("cnn", kind, t))
        b = torch.get(("cnn_cl", kind, t))
        ratio = f"{f / b:.2f}x" if f and b else "n/a"
        fmt = lambda v: f"{v:.0f}" if v else "n/a"
        print(f"cnn-{kind:<6} {t:>7} {fmt(f):>10} {fmt(a):>8} {fmt(b):>9} {ratio:>12}")
PY
