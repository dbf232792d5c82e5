#!/usr/bin/env python3
"""Cold builds of the default dependency tree, against thiserror + cookie.

    python3 bench/cold_build.py [--reps 7] [--mode crates-io|path|both]
                                [--before REV]

Writes, under target/cold-build/, crates each in a workspace of its own
with this repository's Cargo.lock:

  cold-decl        depends on `cookie-decl = { path = ... }`, default
                   features, and declares the 4 cookies of an open-data
                   portal with one `.cookie(value)` (`COLD_DECL` of
                   bench/compile_time.py)
  cold-thiserror   the same crate written with `thiserror = "2"` and
                   `cookie = "0.18"`, an error enum included
                   (`COLD_THISERROR`)
  cold-before      with --before REV: cold-decl on the commit REV, checked
                   out beside (a git worktree under target/cold-build/)

Each build is one whole process, timed from its start to its exit:

    sh -c 'rm -rf CRATE/target && cargo build -j2 --offline --manifest-path CRATE/Cargo.toml'

the crates in turn, one warm-up each, then --reps rounds. Mode
`crates-io` sets CARGO_INCREMENTAL=0, which is what a user of the
published crates pays (cargo builds a registry dependency without
incremental compilation); mode `path` runs the command as written, where
cargo compiles cookie-decl's crates, path dependencies, incrementally.
For each crate the median build, and for cold-decl and cold-before the
median of the rounds' ratios to cold-thiserror's build of the same round.
Run it on an idle machine: nothing else building.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compile_time  # noqa: E402

ROOT = compile_time.ROOT
WORK = os.path.join(ROOT, "target", "cold-build")


def manifest(name, deps):
    # A workspace of its own: no other crate's target or lock.
    return compile_time.manifest(name, deps) + "\n[workspace]\n"


def write_crate(name, deps, source):
    crate = os.path.join(WORK, name)
    os.makedirs(os.path.join(crate, "src"), exist_ok=True)
    compile_time.write(os.path.join(crate, "Cargo.toml"), manifest(name, deps))
    compile_time.write(os.path.join(crate, "src", "lib.rs"), source)
    shutil.copy(os.path.join(ROOT, "Cargo.lock"), os.path.join(crate, "Cargo.lock"))
    return crate


def setup(before):
    crates = {
        "cold-decl": write_crate(
            "cold-decl",
            [f'cookie-decl = {{ path = "{os.path.join(ROOT, "cookie-decl")}" }}'],
            compile_time.COLD_DECL,
        ),
        "cold-thiserror": write_crate(
            "cold-thiserror", ['thiserror = "2"', 'cookie = "0.18"'], compile_time.COLD_THISERROR
        ),
    }
    if before:
        tree = os.path.join(WORK, "before-tree")
        if os.path.exists(tree):
            subprocess.run(["git", "-C", ROOT, "worktree", "remove", "--force", tree], check=True)
        subprocess.run(["git", "-C", ROOT, "worktree", "add", "--detach", tree, before], check=True)
        crates["cold-before"] = write_crate(
            "cold-before",
            [f'cookie-decl = {{ path = "{os.path.join(tree, "cookie-decl")}" }}'],
            compile_time.COLD_DECL,
        )
    return crates


def build(crate, incremental):
    env = dict(os.environ)
    env.pop("CARGO_TARGET_DIR", None)
    if not incremental:
        env["CARGO_INCREMENTAL"] = "0"
    shutil.rmtree(os.path.join(crate, "target"), ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(
        ["cargo", "build", "-j2", "--offline", "--manifest-path", os.path.join(crate, "Cargo.toml")],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def run(crates, reps, incremental):
    times = {name: [] for name in crates}
    for name, crate in crates.items():  # warm-up: the cache, the page cache
        build(crate, incremental)
    for _ in range(reps):
        for name, crate in crates.items():
            times[name].append(build(crate, incremental))
    base = times["cold-thiserror"]
    mode = "path (incremental)" if incremental else "crates-io (CARGO_INCREMENTAL=0)"
    print(f"\n{mode}, {reps} rounds, median build (min to max):")
    for name, builds in times.items():
        line = f"  {name:15s} {statistics.median(builds):6.2f} s ({min(builds):.2f} to {max(builds):.2f})"
        if name != "cold-thiserror":
            ratios = [a / b for a, b in zip(builds, base)]
            line += f"   {statistics.median(ratios):.2f}x cold-thiserror (median of the rounds' ratios)"
        print(line, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--mode", choices=["crates-io", "path", "both"], default="both")
    parser.add_argument("--before", metavar="REV", help="also build cold-decl at this commit")
    args = parser.parse_args()
    crates = setup(args.before)
    load = os.getloadavg()[0]
    print(f"load average before: {load:.2f}; rustc: "
          + subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip())
    try:
        if args.mode in ("crates-io", "both"):
            run(crates, args.reps, incremental=False)
        if args.mode in ("path", "both"):
            run(crates, args.reps, incremental=True)
    finally:
        if args.before:  # the checkout of REV, registered with git: gone
            tree = os.path.join(WORK, "before-tree")
            subprocess.run(["git", "-C", ROOT, "worktree", "remove", "--force", tree], check=True)
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
