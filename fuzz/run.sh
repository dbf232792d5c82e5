#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 30) with nightly
# `cargo fuzz`, and prints how many inputs each ran. A crash stops the run
# and leaves its input under fuzz/artifacts/<target>/.
#
#   fuzz/run.sh            # a short run: 30 s a target
#   fuzz/run.sh 600        # a long run
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-30}
for target in $(cargo +nightly fuzz list); do
  mkdir -p "corpus/$target"
  log=$(mktemp)
  cargo +nightly fuzz run "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -print_final_stats=1 >"$log" 2>&1 || {
    tail -40 "$log"
    echo "$target: crashed (input in fuzz/artifacts/$target/)"
    exit 1
  }
  runs=$(grep -Eo 'Done [0-9]+ runs' "$log" | grep -Eo '[0-9]+' || echo "?")
  echo "$target: $runs executions in ${seconds}s, no crash"
  rm -f "$log"
done
