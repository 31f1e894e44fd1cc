#!/usr/bin/env python3
"""Prints presence beside closed-set accuracy from frogscan metrics.json files, one row each,
then mean ± sd: used by presence_seeds.sh and ensemble_seeds.sh.
    python3 benchmarks/presence_table.py LABEL=PATH/metrics.json [LABEL=PATH …]"""
import json
import statistics
import sys

rows = []
for arg in sys.argv[1:]:
    label, path = arg.split("=", 1)
    m = json.load(open(path))
    p = m["presence"]
    rows.append((label, m["recording"]["macro_f1"], p["macro_f1"], p["macro_precision"], p["macro_recall"],
                 p["false_detections_per_hour"], p["frog_free_file_share"]))
print("models  recording_macro_f1  presence_macro_f1  presence_precision  presence_recall  false_per_hour  frog_free_share")
for r in rows:
    print(f"{r[0]:>6}  {r[1]:18.3f}  {r[2]:17.3f}  {r[3]:18.3f}  {r[4]:15.3f}  {r[5]:14.1f}  {r[6]:15.2f}")
cols = list(zip(*rows))[1:]
fmt = lambda xs, d: f"{statistics.mean(xs):.{d}f} ± {statistics.stdev(xs) if len(xs) > 1 else 0:.{d}f}"
print("  mean  " + "  ".join(fmt(c, 1 if i == 4 else 3) for i, c in enumerate(cols)))
