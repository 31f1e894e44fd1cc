#!/usr/bin/env python3
"""Writes the data files of the leave-species-out transfer benchmark (benchmarks/transfer.sh).

  transfer_plan.py METADATA OUT SEED K...

The six ribbid-xenocanto species (Pelobates cultripes, one recording, is left out) are split
alphabetically, fixed before any run: the first three are the *source* species a model is
pretrained on, the last three the *target* species it is adapted to. For each K (a number, or
`all`) it writes OUT/seed<SEED>/k<K>/labels.csv (absolute paths: the chosen dev recordings of the
target species and all their eval recordings) and split.csv (chosen dev recordings train, eval
recordings test). The K recordings of a species are drawn with SEED from distinct sites
(group_id) while there are sites left, and the draws are nested: K=1 is inside K=2 is inside K=4.
It also writes OUT/pretrain-labels.csv: every dev and eval row of the source species.
Eval recordings are never trained on; they are only the test split.
"""
import csv, os, random, sys

SPECIES = ["Alytes_obstetricans", "Bufo_bufo", "Epidalea_calamita",
           "Hyla_meridionalis", "Pelodytes_punctatus", "Pelophylax_perezi"]
SOURCE, TARGET = SPECIES[:3], SPECIES[3:]


def main():
    metadata, out, seed, ks = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
    folder = os.path.dirname(os.path.abspath(metadata))
    with open(metadata, newline="") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames
        rows = list(reader)
    for r in rows:
        r["file"] = os.path.join(folder, r["file"])

    def write(path, chosen):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path + ".tmp", "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
            w.writeheader()
            w.writerows(chosen)
        os.replace(path + ".tmp", path)

    write(os.path.join(out, "pretrain-labels.csv"), [r for r in rows if r["label"] in SOURCE])

    rng = random.Random(seed)
    order = {}
    for species in TARGET:
        dev = sorted((r for r in rows if r["label"] == species and r["suggested_split"] == "dev"),
                     key=lambda r: r["file"])
        rng.shuffle(dev)
        # Distinct sites first: a second recording from the same site adds little.
        first, rest, seen = [], [], set()
        for r in dev:
            (rest if r["group_id"] in seen else first).append(r)
            seen.add(r["group_id"])
        order[species] = first + rest
    test = [r for r in rows if r["label"] in TARGET and r["suggested_split"] == "eval"]
    def counts(chosen):
        return ", ".join(f"{s} {sum(r['label'] == s for r in chosen)}" for s in TARGET)

    for k in ks:
        train = [r for s in TARGET for r in (order[s] if k == "all" else order[s][:int(k)])]
        base = os.path.join(out, f"seed{seed}", f"k{k}")
        write(os.path.join(base, "labels.csv"), train + test)
        with open(os.path.join(base, "split.csv"), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["recording", "group", "split"])
            for r in train:
                w.writerow([r["file"], r["group_id"], "train"])
            for r in test:
                w.writerow([r["file"], r["group_id"], "test"])
        print(f"seed {seed} k={k}: {len(train)} training recordings "
              f"({counts(train)}), {len(test)} eval")


if __name__ == "__main__":
    main()
