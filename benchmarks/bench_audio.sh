#!/usr/bin/env bash
# Decode + resample, side by side: frogscan (libsndfile + libsoxr through AudioReader) against
# the peers' soundfile + python-soxr HQ (case d1 of ../shared/peers/spectro_bench.py), on a
# 10-minute 48 kHz mono 16-bit WAV resampled to 22,050 Hz, single thread, median of 5 runs.
# usage: benchmarks/bench_audio.sh BIN OUTDIR
set -euo pipefail
BIN=${1:?usage: bench_audio.sh BIN OUTDIR}
OUT=${2:?usage: bench_audio.sh BIN OUTDIR}
PEERS=${PEERS:-$(cd "$(dirname "$0")/../.." && pwd)/shared/peers}
mkdir -p "$OUT/audio"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

[ -f "$OUT/audio/ref_48000.wav" ] || python3 "$PEERS/gen_audio.py" "$OUT/audio" >/dev/null

# Only the decode+resample case of the peers' script (the rest times spectrograms).
peer=$(python3 - "$OUT/audio/ref_48000.wav" <<'PY'
import sys, time
import numpy as np, soundfile as sf, soxr
path = sys.argv[1]
def run():
    y, sr = sf.read(path, dtype="float32")
    return soxr.resample(y, sr, 22050, quality="HQ")
run()
ts = []
for _ in range(5):
    t0 = time.perf_counter(); run(); ts.append(time.perf_counter() - t0)
print(f"{np.median(ts):.4f}")
PY
)

ours=$("$BIN" bench decode-resample-10min --json | python3 -c 'import json,sys; print("%.4f" % json.loads(sys.stdin.readline())["value"])')

printf '%-44s %10s\n' "decode + resample 48k -> 22.05k, 10 min" "seconds"
printf '%-44s %10s\n' "soundfile + python-soxr HQ (peer)" "$peer"
printf '%-44s %10s\n' "frogscan AudioReader (libsndfile + libsoxr)" "$ours"
python3 -c "import sys; p,o=float(sys.argv[1]),float(sys.argv[2]); print(f'ratio frogscan/peer: {o/p:.2f}x (target <= 1.0)')" "$peer" "$ours"
