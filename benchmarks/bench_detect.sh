#!/usr/bin/env bash
# detect-1h: frogscan detect vs the Python pipeline (soundfile + soxr + librosa + PyTorch) on the
# same one-hour 48 kHz recording, reference CNN, 50 % overlap, 2 threads. Prints × real time,
# peak RSS and the speed ratio. Usage: benchmarks/bench_detect.sh BIN OUTDIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${1:-.build/release/frogscan}"
out="${2:-$here/out}"
threads="${THREADS:-2}"
mkdir -p "$out"

# frogscan writes the recording on first use (to the temporary folder) and reuses it.
"$bin" bench detect-1h detect-1h-peak-rss --threads "$threads" --json | tee "$out/detect_frogscan.jsonl"
recording="${TMPDIR:-/tmp}/frogscan-bench/detect-1h-48k.wav"
swift_x=$(python3 -c 'import json,sys; print(next(json.loads(l)["value"] for l in open(sys.argv[1]) if "\"detect-1h\"" in l))' "$out/detect_frogscan.jsonl")
swift_mb=$(python3 -c 'import json,sys; print(next(json.loads(l)["value"] for l in open(sys.argv[1]) if "peak-rss" in l))' "$out/detect_frogscan.jsonl")

if python3 -c 'import librosa, torch, soxr, soundfile' 2>/dev/null; then
  peer=$(python3 "$here/detect_peer.py" "$recording" "$threads" "$out/detect_peer.csv")
  echo "python peer: $peer"
  peer_x=$(sed -E 's/.*x_realtime=([0-9.]+).*/\1/' <<<"$peer")
  peer_mb=$(sed -E 's/.*peak_rss_mb=([0-9.]+).*/\1/' <<<"$peer")
  printf '%-22s %12s %12s\n' "" "x_realtime" "peak_MB"
  printf '%-22s %12.1f %12.1f\n' "frogscan ($threads thr)" "$swift_x" "$swift_mb"
  printf '%-22s %12.1f %12.1f\n' "librosa+torch ($threads thr)" "$peer_x" "$peer_mb"
  python3 -c "import sys; print(f'speed ratio frogscan/python: {float(sys.argv[1]) / float(sys.argv[2]):.2f}x')" "$swift_x" "$peer_x"
else
  echo "python peer skipped: librosa, torch, soxr or soundfile not installed"
fi
