#!/usr/bin/env bash
# Runs every fuzz target (or those named after SECONDS) for SECONDS each
# (default 30) with nightly `cargo fuzz`, one after the other, and prints
# how many inputs each ran. A crash stops the run and leaves its input
# under fuzz/artifacts/<target>/. See FUZZING.md.
#
#   fuzz/run.sh                      # a short run: 30 s a target
#   fuzz/run.sh 600                  # a long run
#   fuzz/run.sh 60 macro_front_end   # one target
#
# Inputs found go to fuzz/corpus/<target>/ (not committed); the small
# hand-written inputs of fuzz/seeds/<target>/ start it, and the grammar's
# words (fuzz/<target>.dict) guide the mutations where a dictionary exists.
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-30}
shift || true
targets=${*:-$(cargo +nightly fuzz list)}
for target in $targets; do
  mkdir -p "corpus/$target"
  dirs=("corpus/$target")
  [ -d "seeds/$target" ] && dirs+=("seeds/$target")
  flags=(-max_total_time="$seconds" -print_final_stats=1)
  [ -f "$target.dict" ] && flags+=(-dict="$target.dict")
  log=$(mktemp)
  cargo +nightly fuzz run "$target" "${dirs[@]}" -- "${flags[@]}" >"$log" 2>&1 || {
    tail -40 "$log"
    echo "$target: crashed (input in fuzz/artifacts/$target/)"
    exit 1
  }
  runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo "?")
  cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1 || true)
  echo "$target: $runs executions in ${seconds}s, ${cov:-cov: ?}, corpus $(ls "corpus/$target" | wc -l) inputs, no crash"
  rm -f "$log"
done
