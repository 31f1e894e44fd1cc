#!/usr/bin/env bash
# What the models say about frog species they were never taught: the README's "species the model
# does not know" line (docs/presence.md). Runs `frogscan detect` with each seed's model from a
# presence_seeds.sh output folder on the Great Plains toad (opensoundscape-tests) and the three
# Physalaemus recordings (soundshape-physalaemus), with the model's own rule, and prints the
# species each file is called, with counts.
#   benchmarks/unseen_species.sh BIN SEEDS_DIR [seeds...]    (SEEDS_DIR: presence_seeds.sh's OUTDIR)
set -euo pipefail
BIN=${1:?frogscan binary}; RUNS=${2:?presence_seeds.sh output folder}; shift 2
SEEDS=${*:-1 2 3 4 5}
DATA=${DATA:-$(cd "$(dirname "$0")/../../shared/data" && pwd)}
FILES=("$DATA/opensoundscape-tests/audio/great_plains_toad.wav" "$DATA/soundshape-physalaemus/audio")
for s in $SEEDS; do
  model=$(ls -d "$RUNS"/seed$s/*/ | tail -n 1)
  out="$RUNS/unseen/seed$s"; mkdir -p "$RUNS/unseen"
  "$BIN" detect "${FILES[@]}" --model "$model" --out "$out" --format csv > "$out.log" 2>&1 || { echo "seed $s: detect failed, see $out.log" >&2; exit 1; }
  echo "seed $s"
  python3 - "$out/detections.csv" <<'PY'
import collections, csv, sys
counts = collections.defaultdict(collections.Counter)
for row in csv.DictReader(open(sys.argv[1])):
    counts[row["file"].rsplit("/", 1)[-1]][row["species"]] += 1
for name in ["great_plains_toad.wav", "centralis.wav", "cuvieri.wav", "kroyeri.wav"]:
    called = ", ".join(f"{species} ×{n}" for species, n in counts[name].most_common()) or "nothing"
    print(f"  {name:22} {called}")
PY
done
