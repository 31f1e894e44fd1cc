#!/usr/bin/env bash
# detect-1h: frogscan detect vs the Python pipeline (soundfile + soxr + librosa + PyTorch) on the
# same one-hour 48 kHz recording, reference CNN, 50 % overlap, 2 threads. ROUNDS rounds (default
# 3), each running frogscan and then the peer; spread.py prints × real time min / median / max
# per side, the ratios of medians and of minimums and the per-round ratios; peak RSS per side.
# Usage: benchmarks/bench_detect.sh BIN OUTDIR   (THREADS=2, ROUNDS=3)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${1:-.build/release/frogscan}"
out="${2:-$here/out}"
threads="${THREADS:-2}"
rounds="${ROUNDS:-3}"
python="${PYTHON:-python3}"
mkdir -p "$out"
results="$out/detect_rounds.tsv"
: >"$results"
rss="$out/detect_rss.tsv"
: >"$rss"
have_peer=0
if "$python" -c 'import librosa, torch, soxr, soundfile' 2>/dev/null; then have_peer=1
else echo "python peer skipped: librosa, torch, soxr or soundfile not installed" >&2; fi
# frogscan writes the recording on first use (to the temporary folder) and reuses it.
recording="${TMPDIR:-/tmp}/frogscan-bench/detect-1h-48k.wav"
for round in $(seq 1 "$rounds"); do
  "$bin" bench detect-1h detect-1h-peak-rss --threads "$threads" --json >"$out/detect_frogscan_r$round.jsonl"
  "$python" "$here/bench_rows.py" "$round" detect-1h <"$out/detect_frogscan_r$round.jsonl" >>"$results"
  "$python" "$here/bench_rows.py" "$round" detect-1h-peak-rss <"$out/detect_frogscan_r$round.jsonl" >>"$rss"
  if [ "$have_peer" = 1 ]; then
    peer=$("$python" "$here/detect_peer.py" "$recording" "$threads" "$out/detect_peer.csv")
    x=$(sed -E 's/.*x_realtime=([0-9.]+).*/\1/' <<<"$peer")
    mb=$(sed -E 's/.*peak_rss_mb=([0-9.]+).*/\1/' <<<"$peer")
    printf 'librosa+torch\tdetect-1h\t%s\t%s\t%s\n' "$threads" "$round" "$x" >>"$results"
    printf 'librosa+torch\tdetect-1h-peak-rss\t%s\t%s\t%s\n' "$threads" "$round" "$mb" >>"$rss"
  fi
done
echo "detect-1h, x real time ($rounds rounds; ratio > 1: frogscan ahead)"
"$python" "$here/spread.py" "$results" --versus librosa+torch --csv "$out/detect_spread.csv"
echo "peak RSS, MB ($rounds rounds; ratio > 1: frogscan uses less)"
"$python" "$here/spread.py" "$rss" --versus librosa+torch --lower-is-better
