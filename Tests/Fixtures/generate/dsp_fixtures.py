"""Reference fixtures for FrogDSP's tests, computed with librosa (and scipy / soxr).

usage: python3 Tests/Fixtures/generate/dsp_fixtures.py   (from the repository root)
Writes small float32 .npy files and two WAVs into Tests/FrogDSPTests/Fixtures/.
Deterministic: the signal is a chirp + tones + seeded noise; re-running gives the same bytes
for the same library versions (recorded in README.md next to this script).
"""
import os

import librosa
import numpy as np
import scipy.signal
import soundfile as sf

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "FrogDSPTests", "Fixtures")
SR = 22050


def save(name, array):
    np.save(os.path.join(OUT, name), np.ascontiguousarray(array, dtype=np.float32))


def signal(sr, seconds, seed=7):
    """Linear chirp 300→6000 Hz + a steady 1.5 kHz tone + noise, bursty envelope."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(round(seconds * sr))) / sr
    chirp = 0.3 * scipy.signal.chirp(t, f0=300, t1=seconds, f1=6000, method="linear")
    tone = 0.1 * np.sin(2 * np.pi * 1500 * t) * (0.5 + 0.5 * np.sin(2 * np.pi * 3 * t))
    noise = 0.02 * rng.standard_normal(t.size)
    return (chirp + tone + noise).astype(np.float32)


def logmel(y, sr=SR, **kw):
    params = dict(sr=sr, n_fft=1024, hop_length=256, window="hann", center=True, pad_mode="constant",
                  power=2.0, n_mels=64, fmin=100.0, fmax=11025.0)
    params.update(kw)
    S = librosa.feature.melspectrogram(y=y, **params)
    return librosa.power_to_db(S, ref=1.0, amin=1e-10, top_db=None).T


def main():
    os.makedirs(OUT, exist_ok=True)
    # 2.0 s plus an odd remainder so the last frames are partial.
    y = signal(SR, 2.0 + 37 / SR)
    save("signal.npy", y)

    # STFT power on the first 0.5 s (all 513 bins), constant and reflect padding.
    head = y[: SR // 2]
    for mode in ("constant", "reflect"):
        S = np.abs(librosa.stft(head, n_fft=1024, hop_length=256, window="hann", center=True, pad_mode=mode)) ** 2
        save(f"stft_power_{mode}.npy", S.T)
    # Magnitude, Hamming, win_length < n_fft, no centring.
    S = np.abs(librosa.stft(head, n_fft=512, hop_length=128, win_length=400, window="hamming", center=False))
    save("stft_magnitude_hamming_nocenter.npy", S.T)

    # Windows (scipy.signal.get_window, periodic and symmetric).
    for name in ("hann", "hamming", "blackman"):
        save(f"window_{name}_periodic_32.npy", scipy.signal.get_window(name, 32, fftbins=True))
        save(f"window_{name}_symmetric_31.npy", scipy.signal.get_window(name, 31, fftbins=False))

    # Mel filterbanks [bands, bins].
    save("mel_slaney_1024_64_100_11025.npy",
         librosa.filters.mel(sr=SR, n_fft=1024, n_mels=64, fmin=100.0, fmax=11025.0))
    save("mel_htk_512_40_0_8000.npy",
         librosa.filters.mel(sr=SR, n_fft=512, n_mels=40, fmin=0.0, fmax=8000.0, htk=True))
    save("mel_slaney_nonorm_512_32_300_none.npy",
         librosa.filters.mel(sr=16000, n_fft=512, n_mels=32, fmin=300.0, fmax=None, norm=None))

    # The reference log-mel on the whole signal, constant and reflect padding.
    save("logmel_constant.npy", logmel(y))
    save("logmel_reflect.npy", logmel(y, pad_mode="reflect"))

    # dB with a reference and top_db on the mel power.
    S = librosa.feature.melspectrogram(y=y, sr=SR, n_fft=1024, hop_length=256, n_mels=64, fmin=100.0,
                                       fmax=11025.0, pad_mode="constant")
    save("mel_power.npy", S.T)
    save("db_ref2_amin1e-5_top60.npy", librosa.power_to_db(S, ref=2.0, amin=1e-5, top_db=60.0).T)

    # PCEN on the mel power, librosa's convention of scaling float audio by 2**31.
    save("pcen_default.npy", librosa.pcen(S * (2 ** 31), sr=SR, hop_length=256).T)
    save("pcen_custom.npy", librosa.pcen(S * (2 ** 31), sr=SR, hop_length=256, gain=0.8, bias=10.0,
                                         power=0.25, time_constant=0.06, eps=1e-6).T)

    # Linear crop: power spectrogram bins between 1 and 4 kHz at n_fft 512, in dB.
    P = np.abs(librosa.stft(y, n_fft=512, hop_length=256, center=True, pad_mode="constant")) ** 2
    freqs = librosa.fft_frequencies(sr=SR, n_fft=512)
    keep = (freqs >= 1000.0) & (freqs <= 4000.0)
    save("linear_1000_4000_db.npy", librosa.power_to_db(P[keep], ref=1.0, amin=1e-10, top_db=None).T)

    # CLI check: a 22,050 Hz WAV and a 48 kHz WAV (16-bit), with librosa's log-mel of what
    # soundfile decodes (the 48 kHz one resampled with soxr_hq, as librosa.load does).
    sf.write(os.path.join(OUT, "cli_22050.wav"), signal(SR, 1.5, seed=11), SR, subtype="PCM_16")
    y22, _ = librosa.load(os.path.join(OUT, "cli_22050.wav"), sr=None)
    save("cli_22050_logmel.npy", logmel(y22))
    sf.write(os.path.join(OUT, "cli_48000.wav"), signal(48000, 1.0, seed=12), 48000, subtype="PCM_16")
    y48, _ = librosa.load(os.path.join(OUT, "cli_48000.wav"), sr=SR, res_type="soxr_hq")
    save("cli_48000_logmel.npy", logmel(y48))

    print("librosa", librosa.__version__, "numpy", np.__version__, "scipy", scipy.__version__,
          "soundfile", sf.__version__)


if __name__ == "__main__":
    main()
