#!/usr/bin/env python3
"""`frogscan bench --json` lines on stdin → rows for spread.py on stdout:
side <TAB> workload <TAB> threads <TAB> round <TAB> value.
Usage: frogscan bench … --json | bench_rows.py ROUND [WORKLOAD] >> rounds.tsv
(WORKLOAD keeps only that workload's lines)."""
import json
import sys

round_, only = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else None)
for line in sys.stdin:
    if line.strip():
        r = json.loads(line)
        if only is None or r["workload"] == only:
            print("frogscan", r["workload"], r["threads"], round_, r["value"], sep="\t")
