#!/usr/bin/env bash
# Compile-time benchmark of `declare_cookies!`: registries of 10, 100, 1,000
# and 5,000 cookies against the same registries written by hand (full and
# incremental debug builds), then cold builds of the dependency trees.
#
#   bench/compile-time.sh                      # everything (about 10 minutes on 2 cores)
#   bench/compile-time.sh --sizes 10,100 --reps 3 --no-cold   # a quick look
#   bench/compile-time.sh --no-registries      # only the cold builds
#   bench/compile-time.sh --optimized-macro    # proc macros at opt-level 3, as a user may set
#
# Needs cargo and python3 only. The throwaway crates and the results
# (results.md, results.json) go to target/compile-time/. What each figure
# measures is described at the top of bench/compile_time.py.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 bench/compile_time.py "$@"
