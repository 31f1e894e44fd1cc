#!/usr/bin/env python3
"""Summarises repeated benchmark rounds: minimum, median and maximum for frogscan and each peer,
the ratios of medians and of minimums, the per-round ratios, and 2-thread scaling per round.

A round runs every side once, one after the other, so a ratio within a round is measured under
the same load; the spread over rounds shows how steady each side is on a shared machine.

Usage: spread.py RESULTS.tsv --versus PEER [--lower-is-better] [--csv OUT.csv]
RESULTS.tsv rows: side <TAB> workload <TAB> threads <TAB> round <TAB> value
("frogscan" is our side; PEER names the side the ratios are taken against).
"""
import argparse
import csv
import statistics
import sys
from collections import defaultdict


def load(path):
    runs = defaultdict(dict)  # (side, workload, threads) -> {round: value}
    for line in open(path):
        fields = line.rstrip("\n").split("\t")
        if len(fields) != 5 or not fields[4]:
            continue
        side, workload, threads, round_, value = fields
        runs[(side, workload, int(threads))][int(round_)] = float(value)
    return runs


def spread(values):
    return min(values), statistics.median(values), max(values)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results")
    parser.add_argument("--versus", required=True, help="the peer side the ratios are taken against")
    parser.add_argument("--lower-is-better", action="store_true", help="values are times, not rates")
    parser.add_argument("--csv", help="also write the table as CSV here")
    args = parser.parse_args()
    runs = load(args.results)
    workloads = sorted({(w, t) for (_, w, t) in runs})
    sides = sorted({s for (s, _, _) in runs} - {"frogscan", args.versus})
    # ratio > 1 means frogscan is ahead, whichever way the unit runs.
    ahead = (lambda ours, peer: peer / ours) if args.lower_is_better else (lambda ours, peer: ours / peer)
    fmt = lambda v: f"{v:,.4g}" if v < 10 else f"{v:,.0f}"
    rows = []
    header = (f"{'workload':<16} {'thr':>3} {'rounds':>6}  {'frogscan min / median / max':>28}  "
              f"{args.versus + ' min / median / max':>34}  {'median ratio':>12} {'min ratio':>9} {'per-round ratio':>16}")
    print(header)
    for workload, threads in workloads:
        ours = runs.get(("frogscan", workload, threads), {})
        peer = runs.get((args.versus, workload, threads), {})
        if not ours:
            continue
        o = spread(list(ours.values()))
        line = f"{workload:<16} {threads:>3} {len(ours):>6}  {' / '.join(fmt(v) for v in o):>28}  "
        row = {"workload": workload, "threads": threads, "rounds": len(ours),
               "frogscan_min": o[0], "frogscan_median": o[1], "frogscan_max": o[2]}
        if peer:
            p = spread(list(peer.values()))
            both = sorted(set(ours) & set(peer))
            per_round = [ahead(ours[r], peer[r]) for r in both]
            line += (f"{' / '.join(fmt(v) for v in p):>34}  {ahead(o[1], p[1]):>11.2f}x {ahead(o[0], p[0]):>8.2f}x "
                     f"{min(per_round):>7.2f}–{max(per_round):.2f}x" if per_round else "")
            row.update({"peer": args.versus, "peer_min": p[0], "peer_median": p[1], "peer_max": p[2],
                        "median_ratio": ahead(o[1], p[1]), "min_ratio": ahead(o[0], p[0]),
                        "round_ratio_min": min(per_round) if per_round else "",
                        "round_ratio_max": max(per_round) if per_round else ""})
        print(line)
        rows.append(row)
    for side in sides:
        for workload, threads in workloads:
            other = runs.get((side, workload, threads))
            if other:
                p = spread(list(other.values()))
                print(f"  also {side}, {workload} {threads} thr: {' / '.join(fmt(v) for v in p)} (min / median / max)")
    # Scaling from 1 to 2 threads, per round, for every side that ran both.
    for side in ["frogscan", args.versus] + sides:
        for workload in sorted({w for (_, w, _) in runs}):
            one = runs.get((side, workload, 1), {})
            two = runs.get((side, workload, 2), {})
            both = sorted(set(one) & set(two))
            if not both:
                continue
            factor = [two[r] / one[r] if not args.lower_is_better else one[r] / two[r] for r in both]
            print(f"2 threads / 1 thread, {side} {workload}: min {min(factor):.2f}x, median "
                  f"{statistics.median(factor):.2f}x, max {max(factor):.2f}x over {len(both)} rounds")
    if args.csv and rows:
        keys = list(dict.fromkeys(k for row in rows for k in row))
        with open(args.csv, "w", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=keys)
            writer.writeheader()
            writer.writerows(rows)


if __name__ == "__main__":
    sys.exit(main())
