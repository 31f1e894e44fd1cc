"""The same-architecture PyTorch comparison for configs/xenocanto.yaml (issue #5).

Trains DESIGN.md's reference CNN in PyTorch on exactly the split of a frogscan run (its
split.csv: train / validation carved from the dev sites / test = the eval sites) with the same
preprocessing (mel 64 bands at 22,050 Hz, n_fft 1024, hop 256, dB, per-window normalisation
as --normalization: `peak`, the config's, subtracts the window's maximum and divides by 20;
`window` standardises;
stereo mixed by averaging the channels' power spectra), the same windows (128 frames, hop 64,
at most 60 per recording, evenly spaced), the same augmentation (balanced oversampling, time
roll up to 25 %, background overlay from the dev noise files at 0–20 dB SNR with p = 0.5, two
frequency masks of ≤ 8 bins and two time masks of ≤ 16 frames filled with the mean) and the same
schedule (Adam 1e-3, batch 32, --steps per epoch, ≤ --epochs epochs, reduce-on-plateau 3 / 0.5,
early stopping on validation macro-F1 with patience 8, best weights restored). Recordings of the
split file that are not in metadata.csv are the run's data.negatives: the `noise` class. Then it
reports on the test split the numbers frogscan's metrics.json reports: window accuracy and
macro-F1, and recording-level macro-F1 with mean and max pooling of the window probabilities;
macro averages are over the species (`noise` left out, as in frogscan).

With --noise FILE... it also scores the test windows with that background overlaid at
--snr-db (default 10 dB; the eval split's unseen backgrounds: storm, wind, cicada, grouse drum),
the robustness check of issue #5.

usage: python benchmarks/xenocanto_torch.py --split runs/RUN/split.csv [--seeds 1,2,3]
         [--threads 2] [--noise FILE ...] [--json out.json] [--normalization peak|window]
         [--steps 80] [--epochs 30] [--global-pool avg_time|avg]
"""
import argparse
import csv
import json
import os
import sys
import time

import numpy as np
import soundfile as sf
import soxr
import librosa
import torch
import torch.nn as nn

SR, N_FFT, HOP, N_MELS, FMIN, FMAX = 22050, 1024, 256, 64, 100.0, 11025.0
FRAMES, WIN_HOP, MAX_PER_REC = 128, 64, 60
DEV_NOISE = ["blanket-ambience/audio/rain.ogg", "blanket-ambience/audio/summer-night.ogg",
             "blanket-ambience/audio/birds.ogg", "seewave-insects/audio/pellucens.wav"]


def features(path):
    """Mel dB image [frames, bins] of a recording; channels mixed by averaging power spectra."""
    audio, rate = sf.read(path, dtype="float32", always_2d=True)
    if rate != SR:
        audio = soxr.resample(audio, rate, SR, quality="HQ")
    mel = librosa.filters.mel(sr=SR, n_fft=N_FFT, n_mels=N_MELS, fmin=FMIN, fmax=FMAX)
    power = None
    for c in range(audio.shape[1]):
        spec = np.abs(librosa.stft(audio[:, c], n_fft=N_FFT, hop_length=HOP, center=True,
                                   pad_mode="constant")) ** 2
        power = spec if power is None else power + spec
    power /= audio.shape[1]
    return librosa.power_to_db(mel @ power, ref=1.0, amin=1e-10, top_db=None).T.astype(np.float32)


def windows(image):
    """Windows of FRAMES frames every WIN_HOP frames (at most MAX_PER_REC, evenly spaced); a short
    recording gives one window padded with its minimum."""
    starts = list(range(0, max(image.shape[0] - FRAMES, 0) + 1, WIN_HOP))
    if len(starts) > MAX_PER_REC:
        starts = [starts[i * len(starts) // MAX_PER_REC] for i in range(MAX_PER_REC)]
    out = []
    for s in starts:
        w = image[s:s + FRAMES]
        if w.shape[0] < FRAMES:
            pad = np.full((FRAMES - w.shape[0], image.shape[1]), image.min(), np.float32)
            w = np.concatenate([w, pad])
        out.append(w)
    return out


NORMALIZATION = "peak"
GLOBAL_POOL = "avg_time"


def standardise(w):
    if NORMALIZATION == "peak":
        return (w - w.max()) / 20
    sd = w.std()
    return (w - w.mean()) / sd if sd > 0 else w * 0


def overlay(image, noise, offset, snr_db):
    """Power-domain background mix at snr_db, as frogscan's FeatureTransforms.overlay."""
    ref = max(image.max(), noise.max())
    idx = (np.arange(image.shape[0]) + offset) % noise.shape[0]
    s = 10 ** ((image.astype(np.float64) - ref) / 10)
    n = 10 ** ((noise[idx].astype(np.float64) - ref) / 10)
    scale = s.sum() / (n.sum() * 10 ** (snr_db / 10))
    return (10 * np.log10(np.maximum(s + scale * n, 1e-10)) + ref).astype(np.float32)


def augment(w, rng, noises):
    w = np.roll(w, rng.integers(-FRAMES // 4, FRAMES // 4 + 1), axis=0)
    if noises and rng.random() < 0.5:
        n = noises[rng.integers(len(noises))]
        w = overlay(w, n, int(rng.integers(n.shape[0])), rng.uniform(0, 20))
    w = w.copy()
    fill = w.mean()
    for _ in range(2):
        width = rng.integers(0, 9)
        start = rng.integers(0, N_MELS - width + 1)
        w[:, start:start + width] = fill
    for _ in range(2):
        width = rng.integers(0, 17)
        start = rng.integers(0, FRAMES - width + 1)
        w[start:start + width, :] = fill
    return w


def conv_block(cin, cout, pool):
    layers = [nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU()]
    if pool:
        layers.append(nn.MaxPool2d(2))
    return layers


class CNN(nn.Module):
    """DESIGN.md's reference CNN (frogscan's `cnn` family defaults). With GLOBAL_POOL `avg_time`
    (configs/xenocanto.yaml's `model.global_pool`) the last feature map is averaged over time
    only and its 8 frequency bands × 64 channels feed the head, as frogscan's avgpool [1, 16] +
    flatten; `avg` averages over time and frequency."""

    def __init__(self, classes):
        super().__init__()
        self.features = nn.Sequential(*conv_block(1, 16, True), *conv_block(16, 32, True),
                                      *conv_block(32, 64, True), *conv_block(64, 64, False))
        pooled = 64 * (N_MELS // 8) if GLOBAL_POOL == "avg_time" else 64
        self.head = nn.Sequential(nn.Dropout(0.3), nn.Linear(pooled, 64), nn.ReLU(), nn.Linear(64, classes))

    def forward(self, x):
        x = self.features(x)
        x = x.mean(dim=3).flatten(1) if GLOBAL_POOL == "avg_time" else x.mean(dim=(2, 3))
        return self.head(x)


def to_batch(ws):
    # [B, 1, bins, frames]: frequency on the image's vertical axis, as frogscan lays it out.
    return torch.from_numpy(np.stack([standardise(w).T for w in ws])[:, None].copy())


BACKGROUND = set()


def macro_f1(truth, pred, classes):
    f1s = []
    for c in range(classes):
        if c in BACKGROUND:
            continue  # not a species: its mistakes already count against the species
        tp = np.sum((pred == c) & (truth == c))
        fp = np.sum((pred == c) & (truth != c))
        fn = np.sum((pred != c) & (truth == c))
        if tp + fn + fp == 0:
            continue  # neither true nor predicted: not in the average (sklearn's, frogscan's)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn)
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
    return float(np.mean(f1s))


def predict(model, ws):
    model.eval()
    out = []
    with torch.inference_mode():
        for i in range(0, len(ws), 64):
            out.append(torch.softmax(model(to_batch(ws[i:i + 64])), dim=1).numpy())
    return np.concatenate(out)


def scores(probs, labels, recs, classes):
    """Window accuracy / macro-F1 and recording-level macro-F1 (mean and max pooling)."""
    pred = probs.argmax(1)
    result = {"window_accuracy": float(np.mean(pred == labels)),
              "window_macro_f1": macro_f1(labels, pred, classes)}
    order = sorted(set(recs))
    recs = np.array(recs)
    for pooling in ("mean", "max"):
        truth, guess = [], []
        for r in order:
            m = recs == r
            pooled = probs[m].mean(0) if pooling == "mean" else probs[m].max(0)
            truth.append(labels[m][0])
            guess.append(pooled.argmax())
        result[f"recording_macro_f1_{pooling}"] = macro_f1(np.array(truth), np.array(guess), classes)
    return result


def train(seed, data, classes, noises, log):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = CNN(classes)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode="max", factor=0.5, patience=3)
    loss_fn = nn.CrossEntropyLoss()
    tw, tl = data["train"]
    by_class = [np.flatnonzero(tl == c) for c in range(classes)]
    by_class = [c for c in by_class if len(c)]
    vw, vl, _ = data["validation"]
    best, best_state, since = -1.0, None, 0
    for epoch in range(EPOCHS):
        model.train()
        t0 = time.perf_counter()
        for _ in range(STEPS):
            # Balanced (oversampled) batches: a class at random, then one of its windows.
            idx = [by_class[rng.integers(len(by_class))] for _ in range(32)]
            idx = [c[rng.integers(len(c))] for c in idx]
            x = to_batch([augment(tw[i], rng, noises) for i in idx])
            y = torch.from_numpy(tl[idx].astype(np.int64))
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x), y)
            loss.backward()
            opt.step()
        val = macro_f1(vl, predict(model, vw).argmax(1), classes)
        sched.step(val)
        log(f"seed {seed} epoch {epoch + 1} loss {loss.item():.4f} val_macro_f1 {val:.4f} "
            f"{time.perf_counter() - t0:.1f}s")
        if val > best:
            best, best_state, since = val, {k: v.clone() for k, v in model.state_dict().items()}, 0
        else:
            since += 1
            if since >= 8:
                break
    model.load_state_dict(best_state)
    return model


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", required=True, help="split.csv of a frogscan xenocanto run")
    ap.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "../../shared/data"))
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--noise", nargs="*", default=[], help="unseen backgrounds for the robustness check")
    ap.add_argument("--snr-db", type=float, default=10.0)
    ap.add_argument("--json", help="write the results here")
    ap.add_argument("--normalization", choices=["peak", "window"], default="peak")
    ap.add_argument("--steps", type=int, default=80, help="batches per epoch")
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--global-pool", choices=["avg_time", "avg"], default="avg_time",
                    help="model.global_pool: over time only (the config's) or time and frequency")
    args = ap.parse_args()
    global NORMALIZATION, STEPS, EPOCHS, GLOBAL_POOL
    NORMALIZATION, STEPS, EPOCHS, GLOBAL_POOL = args.normalization, args.steps, args.epochs, args.global_pool
    torch.set_num_threads(args.threads)
    log = lambda s: print(s, flush=True)

    meta = {}
    with open(os.path.join(args.data, "ribbid-xenocanto/metadata.csv"), newline="") as f:
        for row in csv.DictReader(f):
            meta[os.path.basename(row["file"])] = row["label"]
    split = {}
    with open(args.split, newline="") as f:
        for row in csv.DictReader(f):
            split[row["recording"]] = row["split"]
    # Recordings outside metadata.csv are the run's data.negatives: the background class.
    label_of = {p: meta.get(os.path.basename(p), "noise") for p in split}
    names = sorted({l for l in label_of.values() if l != "noise"})
    if "noise" in label_of.values():
        names.append("noise")  # frogscan appends the background class after the sorted labels
    classes = len(names)
    index = {n: i for i, n in enumerate(names)}
    if "noise" in index:
        BACKGROUND.add(index["noise"])

    data = {"train": ([], []), "validation": ([], [], []), "test": ([], [], [])}
    for path in sorted(split):
        ws = windows(features(path))
        label = index[label_of[path]]
        part = data[split[path]]
        part[0].extend(ws)
        part[1].extend([label] * len(ws))
        if len(part) == 3:
            part[2].extend([path] * len(ws))
    data = {k: tuple(np.array(v) if i == 1 else v for i, v in enumerate(part)) for k, part in data.items()}
    log(f"classes {names}; windows: " + ", ".join(f"{k} {len(v[0])}" for k, v in data.items()))
    noises = [features(os.path.join(args.data, p)) for p in DEV_NOISE]
    unseen = [features(p) for p in args.noise]

    results = []
    for seed in [int(s) for s in args.seeds.split(",")]:
        t0 = time.perf_counter()
        model = train(seed, data, classes, noises, log)
        tw, tl, tr = data["test"]
        result = {"seed": seed, "seconds": round(time.perf_counter() - t0, 1)}
        result.update(scores(predict(model, tw), tl, tr, classes))
        if unseen:
            rng = np.random.default_rng(1000 + seed)
            noisy = []
            for w in tw:
                n = unseen[rng.integers(len(unseen))]
                noisy.append(overlay(w, n, int(rng.integers(n.shape[0])), args.snr_db))
            result.update({f"noisy_{k}": v for k, v in scores(predict(model, noisy), tl, tr, classes).items()})
        log("RESULT " + json.dumps(result))
        results.append(result)
    summary = {k: [float(np.mean([r[k] for r in results])), float(np.std([r[k] for r in results]))]
               for k in results[0] if k != "seed"}
    log("SUMMARY (mean, sd over seeds) " + json.dumps(summary))
    if args.json:
        with open(args.json + ".tmp", "w") as f:
            json.dump({"classes": names, "runs": results, "summary": summary}, f, indent=1)
        os.replace(args.json + ".tmp", args.json)


if __name__ == "__main__":
    sys.exit(main())
