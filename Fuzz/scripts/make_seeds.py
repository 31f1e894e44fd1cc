#!/usr/bin/env python3
"""Writes the generated seeds of Fuzz/corpus: tiny audio (WAV via `wave`, FLAC with verbatim
subframes written by hand, no encoder needed), a tiny frogscan model and .npy files.

The text seeds (Raven, Audacity, CSV, configs) are copies of real files, made by hand once;
see docs/fuzzing.md. Run from the repository root: python3 Fuzz/scripts/make_seeds.py
"""
import json
import math
import struct
import wave
from pathlib import Path

import numpy as np

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def tone(n, rate, freq=440.0, amp=0.5):
    return [amp * math.sin(2 * math.pi * freq * i / rate) for i in range(n)]


# ---------------------------------------------------------------------------- audio

def write_wav_pcm(path, channels, width, rate, frames):
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(width)
        w.setframerate(rate)
        data = bytearray()
        for x in frames:
            for c in range(channels):
                v = x if c == 0 else -x
                if width == 1:
                    data += struct.pack("<B", int(128 + v * 127))
                elif width == 2:
                    data += struct.pack("<h", int(v * 32767))
                else:  # 24-bit
                    data += int(v * 8388607).to_bytes(3, "little", signed=True)
        w.writeframes(bytes(data))


def write_wav_float(path, rate, frames):
    data = b"".join(struct.pack("<f", x) for x in frames)
    fmt = struct.pack("<HHIIHH", 3, 1, rate, rate * 4, 4, 32)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt
    body += b"fact" + struct.pack("<II", 4, len(frames)) + b"data" + struct.pack("<I", len(data)) + data
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)


class Bits:
    def __init__(self):
        self.bits = []

    def put(self, value, count):
        for i in reversed(range(count)):
            self.bits.append((value >> i) & 1)

    def align(self):
        while len(self.bits) % 8:
            self.bits.append(0)

    def bytes(self):
        self.align()
        return bytes(int("".join(map(str, self.bits[i:i + 8])), 2) for i in range(0, len(self.bits), 8))


def crc8(data):
    crc = 0
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = ((crc << 1) ^ 0x07) & 0xFF if crc & 0x80 else (crc << 1) & 0xFF
    return crc


def crc16(data):
    crc = 0
    for b in data:
        crc ^= b << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x8005) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return crc


def write_flac(path, channels, rate, samples, block=64):
    """16-bit FLAC, fixed block size, one verbatim subframe per channel."""
    total = len(samples)
    info = Bits()
    info.put(block, 16); info.put(block, 16); info.put(0, 24); info.put(0, 24)
    info.put(rate, 20); info.put(channels - 1, 3); info.put(15, 5); info.put(total, 36)
    info.put(0, 64); info.put(0, 64)
    out = b"fLaC" + bytes([0x80, 0, 0, 34]) + info.bytes()
    for number, start in enumerate(range(0, total, block)):
        chunk = samples[start:start + block]
        head = Bits()
        head.put(0xFFF8, 16)
        head.put(6, 4)  # block size: 8 bits at the end of the header
        head.put(0, 4)  # sample rate: from STREAMINFO
        head.put(channels - 1, 4); head.put(4, 3); head.put(0, 1)  # independent channels, 16-bit
        assert number < 128
        head.put(number, 8)  # frame number (UTF-8 coded, one byte)
        head.put(len(chunk) - 1, 8)
        header = head.bytes()
        frame = Bits()
        for c in range(channels):
            frame.put(0, 1); frame.put(1, 6); frame.put(0, 1)  # verbatim, no wasted bits
            for x in chunk:
                v = int((x if c == 0 else -x) * 32767)
                frame.put(v & 0xFFFF, 16)
        body = header + bytes([crc8(header)]) + frame.bytes()
        out += body + struct.pack(">H", crc16(body))
    path.write_bytes(out)


def audio():
    folder = CORPUS / "FuzzAudio"
    write_wav_pcm(folder / "pcm16-mono-8k.wav", 1, 2, 8000, tone(64, 8000))
    write_wav_pcm(folder / "pcm8-stereo-22k.wav", 2, 1, 22050, tone(48, 22050))
    write_wav_pcm(folder / "pcm24-mono-44k.wav", 1, 3, 44100, tone(40, 44100))
    write_wav_float(folder / "float32-mono-16k.wav", 16000, tone(40, 16000))
    write_flac(folder / "pcm16-mono-8k.flac", 1, 8000, tone(100, 8000))
    write_flac(folder / "pcm16-stereo-48k.flac", 2, 48000, tone(80, 48000))


# ---------------------------------------------------------------------------- model

def safetensors(tensors, metadata):
    header, offset, blobs = {}, 0, []
    for name, (shape, values) in tensors.items():
        blob = struct.pack(f"<{len(values)}f", *values)
        header[name] = {"dtype": "F32", "shape": shape, "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    if metadata:
        header["__metadata__"] = metadata
    text = json.dumps(header, separators=(",", ":"), sort_keys=True).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(blobs)


def model():
    folder = CORPUS / "FuzzModel"
    features = {
        "amin": 1e-10, "center": True, "fmax": 4000, "fmin": 100, "frequency_scale": "mel",
        "hop_length": 128, "mel_norm": "slaney", "mel_scale": "slaney", "n_fft": 256, "n_mels": 8,
        "pad_mode": "constant", "power": 2, "ref": 1, "sample_rate": 8000, "scaling": "db", "window": "hann",
    }
    spec = {"input": [1, 8, 16], "layers": [
        {"bias": False, "filters": 2, "kernel": 3, "padding": "same", "type": "conv2d"},
        {"type": "batchnorm"}, {"type": "relu"}, {"type": "global_avg_pool"},
        {"type": "dense", "units": 2}]}
    metadata = {
        "format": "frogscan-model", "format_version": "1", "head": "softmax",
        "classes": json.dumps(["frog", "noise"]), "background_classes": json.dumps(["noise"]),
        "thresholds": json.dumps([0.5, 0.5]), "features": json.dumps(features, sort_keys=True),
        "input": json.dumps({"arrangement": "image", "bins": 8, "frames": 16, "normalization": "window"}),
        "model_spec": json.dumps(spec, sort_keys=True),
        "provenance": json.dumps({"config_fingerprint": "0000000000000000", "data": "fuzz seed",
                                  "date": "2026-01-01T00:00:00Z", "epoch": 1, "frogscan_version": "0.1.0",
                                  "run": "fuzz-seed"}),
    }
    tensors = {
        "layers.0.weight": ([2, 1, 3, 3], [0.1 * (i - 9) for i in range(18)]),
        "layers.1.weight": ([2], [1.0, 1.0]), "layers.1.bias": ([2], [0.0, 0.1]),
        "layers.1.running_mean": ([2], [0.0, 0.0]), "layers.1.running_var": ([2], [1.0, 1.0]),
        "layers.4.weight": ([2, 2], [0.5, -0.5, 0.25, 0.75]), "layers.4.bias": ([2], [0.0, 0.0]),
    }
    decision = dict(metadata, decision=json.dumps({"min_windows": 2}))
    for name, meta in [("tiny-cnn", metadata), ("tiny-cnn-decision", decision)]:
        data = safetensors(tensors, meta)
        (folder / f"{name}.safetensors").write_bytes(data)
        # The header alone: FuzzModel adds the length field and the data (see FuzzInput.safetensors).
        length = struct.unpack("<Q", data[:8])[0]
        (folder / f"{name}.header.json").write_bytes(data[8:8 + length].rstrip(b" "))
    (folder / "foreign.safetensors").write_bytes(safetensors({"w": ([2, 2], [1.0, 2.0, 3.0, 4.0])}, {}))


# ---------------------------------------------------------------------------- npy

def npy():
    folder = CORPUS / "FuzzNPY"
    np.save(folder / "f4-2x3.npy", np.arange(6, dtype="<f4").reshape(2, 3))
    np.save(folder / "f8-4.npy", np.linspace(-1, 1, 4).astype("<f8"))
    with open(folder / "f4-v2-3x1.npy", "wb") as f:
        np.lib.format.write_array(f, np.ones((3, 1), dtype="<f4"), version=(2, 0))
    np.save(folder / "f4-scalar.npy", np.float32(1.5))


if __name__ == "__main__":
    audio()
    model()
    npy()
