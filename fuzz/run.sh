#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS seconds (default 15) from its checked-in seed corpus.
# Usage: fuzz/run.sh [SECONDS] [BUILD_DIR]. Builds BUILD_DIR (default build-fuzz) with clang
# when it has no fuzz targets yet. A crash stops the run with the fuzzer's report and the
# crashing input saved as BUILD_DIR/fuzz/findings/<target>/crash-*: make it a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
build=${2:-build-fuzz}
if [ ! -x "$build/fuzz/fuzz_import" ]; then
    CXX=${CXX_FUZZ:-clang++} cmake -S . -B "$build" -DPEERLOG_FUZZ=ON -DPEERLOG_TESTS=OFF -DPEERLOG_BENCH=OFF \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build" -j2 >/dev/null

for target in fuzz_parsers fuzz_config fuzz_safe_text fuzz_argv fuzz_import; do
    findings="$build/fuzz/findings/$target"
    work="$build/fuzz/corpus/$target" # grows as the fuzzer learns; the seeds stay untouched
    mkdir -p "$findings" "$work"
    echo "+ $target for ${seconds}s"
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$build/fuzz/$target" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
        -artifact_prefix="$findings/" -print_final_stats=1 "$work" "fuzz/corpus/$target" \
        2>"$findings/log" || {
        tail -60 "$findings/log" >&2
        echo "fuzz/run.sh: $target found a crash; the input is in $findings/" >&2
        exit 1
    }
    grep -E "stat::number_of_executed_units|cov:" "$findings/log" | tail -2
done
echo "fuzz/run.sh: no findings"
