#!/usr/bin/env python3
"""Ground truth of `frogscan synth` recordings for benchmarks/adapt_loop.sh (python3 stdlib only).

    synth_truth.py answer REVIEW_TABLE [--limit 50] [--seed 1]
        Fills the Verdict column of a `frogscan review sample` table in place, as a careful
        person would: `yes` when the detection overlaps a truth box of its species, the truth
        species' name when it overlaps only another species' box, else `no`. With more rows
        than --limit, a seeded random --limit of them are answered and the rest left empty
        (not reviewed). Prints the counts.

    synth_truth.py score DETECTIONS_CSV RECORDINGS_FOLDER --label NAME [--csv OUT.csv]
        Presence and false detections of a `frogscan detect` detections.csv against the truth
        tables of every recording under RECORDINGS_FOLDER. A species is present in a file
        when the file has >= 1 truth box of it, detected when it has >= 1 detection of it.
        Presence macro-F1: mean F1 over the species present in at least one file. A false
        detection overlaps no truth box of its species; per hour of all the scored audio.
        Appends one row to --csv (header written when the file is new).

The truth table of NAME.wav is NAME.Table.1.selections.txt beside it (Raven, tab-separated,
`Begin Time (s)`, `End Time (s)`, `Species`).
"""
import argparse
import csv
import os
import random
import sys
import wave


def truth_path(recording):
    return os.path.splitext(recording)[0] + ".Table.1.selections.txt"


def read_truth(recording):
    """[(species, begin, end)] of a recording's truth table."""
    with open(truth_path(recording), encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [(r["Species"], float(r["Begin Time (s)"]), float(r["End Time (s)"])) for r in rows]


def overlaps(a_begin, a_end, b_begin, b_end):
    return a_begin < b_end and b_begin < a_end


def verdict(species, begin, end, truth):
    """yes / the other species' name / no, for a detection of `species` over [begin, end)."""
    hits = [s for s, b, e in truth if overlaps(begin, end, b, e)]
    if species in hits:
        return "yes"
    return hits[0] if hits else "no"


def answer(args):
    with open(args.table, encoding="utf-8", newline="") as f:
        lines = f.read().splitlines()
    header = lines[0].split("\t")
    col = {name: i for i, name in enumerate(header)}
    rows = [line.split("\t") for line in lines[1:] if line.strip()]
    chosen = range(len(rows))
    if len(rows) > args.limit:
        chosen = random.Random(args.seed).sample(range(len(rows)), args.limit)
    counts = {}
    for i in chosen:
        row = rows[i]
        begin = float(row[col["File Offset (s)"]])
        end = begin + float(row[col["End Time (s)"]]) - float(row[col["Begin Time (s)"]])
        v = verdict(row[col["Species"]], begin, end, read_truth(row[col["Begin Path"]]))
        row[col["Verdict"]] = v
        key = v if v in ("yes", "no") else "other species"
        counts[key] = counts.get(key, 0) + 1
    with open(args.table, "w", encoding="utf-8", newline="") as f:
        f.write("\n".join("\t".join(r) for r in [header] + rows) + "\n")
    summary = ", ".join(f"{counts.get(k, 0)} {k}" for k in ("yes", "no", "other species"))
    print(f"answered {len(chosen)} of {len(rows)} items from the synthetic truth: {summary}")


def recordings_under(folder):
    found = []
    for root, _, files in os.walk(folder):
        found += [os.path.join(root, n) for n in files if n.endswith(".wav")]
    return sorted(os.path.abspath(p) for p in found)


def seconds(recording):
    with wave.open(recording) as w:
        return w.getnframes() / w.getframerate()


def score(args):
    recordings = recordings_under(args.recordings)
    truth = {r: read_truth(r) for r in recordings}
    detections = {r: [] for r in recordings}
    with open(args.detections, encoding="utf-8") as f:
        for d in csv.DictReader(f):
            path = os.path.abspath(d["file"])
            if path in detections:
                detections[path].append((d["species"], float(d["start_s"]), float(d["end_s"])))
    species = sorted({s for boxes in truth.values() for s, _, _ in boxes})
    f1s = []
    for s in species:
        present = {r for r in recordings if any(t == s for t, _, _ in truth[r])}
        detected = {r for r in recordings if any(t == s for t, _, _ in detections[r])}
        tp, fp, fn = len(present & detected), len(detected - present), len(present - detected)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    false = sum(1 for r in recordings for s, b, e in detections[r]
                if not any(t == s and overlaps(b, e, tb, te) for t, tb, te in truth[r]))
    total = sum(len(d) for d in detections.values())
    hours = sum(seconds(r) for r in recordings) / 3600
    row = {
        "model": args.label,
        "presence_macro_f1": f"{sum(f1s) / len(f1s):.3f}" if f1s else "NA",
        "false_detections_per_hour": f"{false / hours:.1f}",
        "detections": total,
        "false_detections": false,
        "files": len(recordings),
        "hours": f"{hours:.3f}",
    }
    print("  ".join(f"{k}={v}" for k, v in row.items()))
    if args.csv:
        new = not os.path.exists(args.csv)
        with open(args.csv, "a", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(row), lineterminator="\n")
            if new:
                w.writeheader()
            w.writerow(row)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("answer")
    a.add_argument("table")
    a.add_argument("--limit", type=int, default=50)
    a.add_argument("--seed", type=int, default=1)
    s = sub.add_parser("score")
    s.add_argument("detections")
    s.add_argument("recordings")
    s.add_argument("--label", required=True)
    s.add_argument("--csv")
    args = p.parse_args()
    answer(args) if args.command == "answer" else score(args)


if __name__ == "__main__":
    sys.exit(main())
