#!/usr/bin/env python3
"""Prints data.KEY of a frogscan config, one line per list item: the recordings, labels and
backgrounds that oof_ensemble.sh and ensemble_seeds.sh pass to `frogscan evaluate`.
    python3 benchmarks/config_data.py CONFIG KEY"""
import sys

import yaml

value = (yaml.safe_load(open(sys.argv[1])).get("data") or {}).get(sys.argv[2], [])
for item in value if isinstance(value, list) else [value]:
    print(item)
