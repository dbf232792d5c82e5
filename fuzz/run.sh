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
# The targets that read what a client sends run with inputs of up to
# 500 kB (a request header of the size servers accept) and a per-input
# timeout of 2 s: a reader slower than linear takes seconds on such an
# input, and the timeout is reported as a crash. Inputs of the worst
# shapes known, written below, start them as well.
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-30}
shift || true
targets=${*:-$(cargo +nightly fuzz list)}

# The targets that read requests, and the worst shapes of a request: one
# declared pair repeated, pattern names sent twice with two values,
# thousands of distinct names, a form of one field repeated (each under
# 500 kB, the -max_len below).
readers=" request_cookies consent_decoder csrf_verify audit read_header consent_form value_round_trip "
hostile=$(mktemp -d)
trap 'rm -rf "$hostile"' EXIT
awk 'BEGIN { for (n = 0; n < 57000; n++) printf "sid=1; " }' >"$hostile/one-pair-repeated"
awk 'BEGIN { for (n = 0; n < 19000; n++) printf "_ga_%05d=a; _ga_%05d=b; ", n, n }' >"$hostile/pattern-names-twice"
awk 'BEGIN { for (n = 0; n < 40000; n++) printf "t%05d=1; ", n }' >"$hostile/distinct-names"
awk 'BEGIN { for (n = 0; n < 20000; n++) printf "category=statistics&"; printf "csrf_token=t&consent=save" }' >"$hostile/form-field-repeated"

for target in $targets; do
  mkdir -p "corpus/$target"
  dirs=("corpus/$target")
  [ -d "seeds/$target" ] && dirs+=("seeds/$target")
  flags=(-max_total_time="$seconds" -print_final_stats=1)
  [ -f "$target.dict" ] && flags+=(-dict="$target.dict")
  if [[ "$readers" == *" $target "* ]]; then
    dirs+=("$hostile")
    flags+=(-timeout=2 -max_len=500000)
  fi
  log=$(mktemp)
  cargo +nightly fuzz run "$target" "${dirs[@]}" -- "${flags[@]}" >"$log" 2>&1 || {
    tail -40 "$log"
    if grep -q "ERROR: libFuzzer: timeout" "$log"; then
      echo "$target: an input took over 2 s (input in fuzz/artifacts/$target/)"
    else
      echo "$target: crashed (input in fuzz/artifacts/$target/)"
    fi
    exit 1
  }
  runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo "?")
  cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1 || true)
  echo "$target: $runs executions in ${seconds}s, ${cov:-cov: ?}, corpus $(ls "corpus/$target" | wc -l) inputs, no crash"
  rm -f "$log"
done
