#!/usr/bin/env bash
# The reference 10-minute log-mel spectrogram, frogscan next to librosa and the C/FFTW floor,
# measured in one run so the ratios hold on a busy machine.
# usage: benchmarks/bench_spectrogram.sh BIN OUTDIR
set -euo pipefail
bin="$1"
out="$2"
peers="${FROGSCAN_PEERS:-$(cd "$(dirname "$0")/../.." && pwd)/shared/peers}"
[ -d "$peers" ] || peers=/work/shared/peers
reps="${REPS:-5}"
mkdir -p "$out/audio"

[ -f "$out/audio/ref_22050.wav" ] || python3 "$peers/gen_audio.py" "$out/audio" >/dev/null

# librosa (the a_ part of spectro_bench.py only), one thread; OpenBLAS reads these two together.
librosa_s=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 \
  MKL_NUM_THREADS=1 python3 - "$out/audio/ref_22050.wav" "$reps" <<'PY'
import sys, time
import numpy as np, soundfile as sf, librosa
y, sr = sf.read(sys.argv[1], dtype="float32")
def a():
    S = librosa.feature.melspectrogram(y=y, sr=sr, n_fft=1024, hop_length=256, window="hann", center=True,
                                       pad_mode="constant", power=2.0, n_mels=64, fmin=100.0, fmax=11025.0)
    return librosa.power_to_db(S, ref=1.0, amin=1e-10, top_db=None)
a()
ts = []
for _ in range(int(sys.argv[2])):
    t0 = time.perf_counter(); a(); ts.append(time.perf_counter() - t0)
print(f"{np.median(ts) * 600.0 / (len(y) / sr):.4f}")
PY
)

# The C floor (window + FFTW r2c + power), if a compiler is at hand.
floor_s=""
if command -v gcc >/dev/null 2>&1 && [ -f "$peers/fftw_mel.c" ]; then
  [ -x "$out/fftw_mel" ] || gcc -O3 -march=native -fopenmp "$peers/fftw_mel.c" -o "$out/fftw_mel" \
    -lfftw3f -lopenblas -lsndfile -lsoxr -lm 2>/dev/null || true
  if [ -x "$out/fftw_mel" ]; then
    floor_s=$("$out/fftw_mel" "$out/audio/ref_22050.wav" "$out/audio/ref_48000.wav" 1 "$reps" 2>/dev/null \
      | awk '/RESULT c_stft_power /{for(i=1;i<=NF;i++) if ($i ~ /^median=/) {sub("median=","",$i); print $i}}')
  fi
fi

ours_1=$("$bin" bench spectrogram-10min --threads 1 --json | sed -E 's/.*"value":([0-9.eE+-]+).*/\1/')
ours_2=$("$bin" bench spectrogram-10min --threads 2 --json | sed -E 's/.*"value":([0-9.eE+-]+).*/\1/')

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "-"; else printf "%.2f", a / b }'; }
printf '%-44s %10s %14s %14s\n' "spectrogram-10min (s per 10 min audio)" "seconds" "librosa/this" "this/C floor"
printf '%-44s %10s %14s %14s\n' "librosa melspectrogram + power_to_db (1 thr)" "$librosa_s" "1.00" "$(ratio "$librosa_s" "$floor_s")"
[ -n "$floor_s" ] && printf '%-44s %10s %14s %14s\n' "C floor: window + FFTW r2c + power (1 thr)" "$floor_s" "$(ratio "$librosa_s" "$floor_s")" "1.00"
printf '%-44s %10.4f %14s %14s\n' "frogscan FeatureExtractor (1 thread)" "$ours_1" "$(ratio "$librosa_s" "$ours_1")" "$(ratio "$ours_1" "$floor_s")"
printf '%-44s %10.4f %14s %14s\n' "frogscan FeatureExtractor (2 threads)" "$ours_2" "$(ratio "$librosa_s" "$ours_2")" "$(ratio "$ours_2" "$floor_s")"
