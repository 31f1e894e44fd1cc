#!/usr/bin/env bash
# Runs one fuzz target of Fuzz/ for a set time; `make fuzz` calls it once per target.
#
#   Fuzz/run.sh TARGET SECONDS
#
# The committed seeds (Fuzz/corpus/TARGET) are read, never written: inputs the fuzzer finds go
# to .build/fuzz/corpus/TARGET, and crashes, hangs (> FUZZ_TIMEOUT s) and runaway memory
# (> FUZZ_RSS_MB, or one allocation that large) to .build/fuzz/findings/TARGET/. libFuzzer runs
# in fork mode with one job, so it carries on after a finding until the time is up.
set -euo pipefail

target=$1
seconds=$2
timeout=${FUZZ_TIMEOUT:-20}
rss=${FUZZ_RSS_MB:-2048}
root=$(cd "$(dirname "$0")/.." && pwd)
binary=$root/Fuzz/.build/debug/$target
work=$root/.build/fuzz
mkdir -p "$work/corpus/$target" "$work/findings/$target"
log=$work/$target.log

# Swift's runtime keeps metadata caches for the life of the process; they are not leaks.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=0}
# libFuzzer reports crashes itself; the Swift runtime's backtracer would hold the run up.
export SWIFT_BACKTRACE=enable=no

start=$(date +%s)
"$binary" "$work/corpus/$target" "$root/Fuzz/corpus/$target" \
    -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb="$rss" -malloc_limit_mb="$rss" \
    -detect_leaks=0 -artifact_prefix="$work/findings/$target/" >"$log" 2>&1 || true
elapsed=$(( $(date +%s) - start ))

findings=$(find "$work/findings/$target" -type f | wc -l)
runs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
rate=$(grep -o 'exec/s: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
inputs=$(find "$work/corpus/$target" -type f | wc -l)
printf '%-18s %5d s  %9s runs  %6s exec/s  %5d inputs kept  %3d findings  (log: %s)\n' \
    "$target" "$elapsed" "${runs:-?}" "${rate:-?}" "$inputs" "$findings" "${log#$root/}"
