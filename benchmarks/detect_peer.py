"""Python peer of `frogscan detect` for the detect-1h benchmark: the same pipeline, streamed.

soundfile blocks -> soxr streaming resample to 22,050 Hz -> librosa mel power spectrogram
(n_fft 1024, hop 256, Hann, 64 Slaney mels 100-11,025 Hz) -> dB -> windows of 128 frames at
50 % overlap -> the reference CNN in PyTorch (untrained, eval mode, batch 32) -> sigmoid scores ->
threshold 0.5 -> merged events written to a CSV. Frames are cut without centre padding and the
signal is carried across blocks, so memory stays bounded like frogscan's.

usage: python detect_peer.py FILE.wav THREADS OUT.csv
prints: x_realtime=<audio seconds / wall seconds> peak_rss_mb=<ru_maxrss in MB>
"""
import resource
import sys
import time

import librosa
import numpy as np
import soundfile as sf
import soxr
import torch
import torch.nn as nn

PATH, THREADS, OUT = sys.argv[1], int(sys.argv[2]), sys.argv[3]
RATE, NFFT, HOP, MELS, WINDOW, WHOP, BATCH, NCLS = 22_050, 1024, 256, 64, 128, 64, 32, 5
torch.set_num_threads(THREADS)
torch.manual_seed(1234)


def conv_block(cin, cout, pool):
    layers = [nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU()]
    return layers + ([nn.MaxPool2d(2)] if pool else [])


model = nn.Sequential(
    *conv_block(1, 16, True), *conv_block(16, 32, True), *conv_block(32, 64, True), *conv_block(64, 64, False),
    nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.3), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, NCLS),
).eval()
mel_basis = librosa.filters.mel(sr=RATE, n_fft=NFFT, n_mels=MELS, fmin=100, fmax=11_025)
window = np.hanning(NFFT + 1)[:-1].astype(np.float32)  # periodic Hann, as librosa's get_window

start = time.perf_counter()
info = sf.info(PATH)
resampler = soxr.ResampleStream(info.samplerate, RATE, 1, dtype="float32")
carry = np.zeros(0, dtype=np.float32)      # samples not yet framed
frames = np.zeros((0, MELS), dtype=np.float32)  # mel frames not yet windowed
first_frame = 0                            # index of frames[0] in the recording
pending, pending_starts = [], []
events, open_events = [], {}


def score(batch, starts):
    with torch.inference_mode():
        out = torch.sigmoid(model(torch.from_numpy(np.stack(batch))[:, None])).numpy()
    for row, s in zip(out, starts):
        t0, t1 = s * HOP / RATE, (s + WINDOW) * HOP / RATE
        for c in range(NCLS):
            if row[c] < 0.5:
                continue
            e = open_events.get(c)
            if e and t0 <= e[1]:
                e[1], e[2] = t1, max(e[2], row[c])
            else:
                if e:
                    events.append((c, *e))
                open_events[c] = [t0, t1, row[c]]


for block in sf.blocks(PATH, blocksize=65_536, dtype="float32", always_2d=True):
    y = resampler.resample_chunk(block.mean(axis=1))
    carry = np.concatenate([carry, y])
    n = (len(carry) - NFFT) // HOP + 1 if len(carry) >= NFFT else 0
    if n > 0:
        strided = np.lib.stride_tricks.sliding_window_view(carry, NFFT)[::HOP][:n]
        spectrum = np.abs(np.fft.rfft(strided * window, axis=1)) ** 2
        mel = librosa.power_to_db((spectrum @ mel_basis.T).astype(np.float32), ref=1.0, amin=1e-10, top_db=None)
        frames = np.concatenate([frames, mel])
        carry = carry[n * HOP:]
    while len(frames) >= WINDOW:
        pending.append(frames[:WINDOW].T.copy())
        pending_starts.append(first_frame)
        frames, first_frame = frames[WHOP:], first_frame + WHOP
        if len(pending) == BATCH:
            score(pending, pending_starts)
            pending, pending_starts = [], []
if pending:
    score(pending, pending_starts)
for c, e in open_events.items():
    events.append((c, *e))
with open(OUT, "w") as f:
    f.write("class,start_s,end_s,confidence\n")
    for c, t0, t1, p in sorted(events, key=lambda e: (e[1], e[0])):
        f.write(f"{c},{t0:.4f},{t1:.4f},{p:.4f}\n")
wall = time.perf_counter() - start
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"x_realtime={info.frames / info.samplerate / wall:.1f} peak_rss_mb={peak_mb:.1f}")
