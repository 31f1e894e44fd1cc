#!/usr/bin/env bash
# make bench: runs every benchmarks/bench_*.sh with the built frogscan binary, side by side with
# the peers (librosa, PyTorch), and prints their tables. Usage: benchmarks/run.sh BIN
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$(cd "$(dirname "${1:-.build/release/frogscan}")" && pwd)/$(basename "${1:-.build/release/frogscan}")"
out="$here/out"
mkdir -p "$out"
for script in "$here"/bench_*.sh; do
  [ -e "$script" ] || continue
  echo "== $(basename "$script")"
  bash "$script" "$bin" "$out"
done
