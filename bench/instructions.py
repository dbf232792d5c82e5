#!/usr/bin/env python3
"""Instructions of one incremental rebuild of each registry crate, counted
by callgrind: a figure the load of the machine does not move, beside the
wall-clock medians of bench/compile_time.py.

    python3 bench/instructions.py                 # decl-1000 and hand1-1000
    python3 bench/instructions.py decl-1000 hand-1000 --macro

Run bench/compile-time.sh first (with the size wanted): this reuses its
throwaway workspace under target/compile-time/. For each crate it asks
cargo for the exact `rustc` command of the crate (`cargo build -v` after a
touch), touches `src/lib.rs` again and runs that command under
`valgrind --tool=callgrind`: the same incremental rebuild cargo would run,
every thread of rustc counted, the proc macro included. `--macro` also
prints the instructions spent inside `declare_cookies!` (the macro's own
code and the compiler's work on its calls, inclusive), by stage.
"""

import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "target", "compile-time")
OUT = os.path.join(WORK, "callgrind")

# Functions of the macro whose inclusive count is printed with --macro.
STAGES = [
    ("the macro in all", "cookie_decl_macros::expand::declare_cookies"),
    ("parsing (syn)", "syn::parse2"),
    ("the rules", "cookie_decl_macros::rules::check"),
    ("  known trackers", "cookie_decl_macros::rules::cookie::known_tracker_needs_consent"),
    ("the expansion", "cookie_decl_macros::expand::registry_items"),
    ("  lexing generated source", "cookie_decl_macros::expand::tokens::rust"),
    ("  constants", "cookie_decl_macros::expand::cookies::constants"),
    ("  COOKIES", "cookie_decl_macros::expand::cookies::cookie_specs"),
    ("  get", "cookie_decl_macros::expand::get::lookup_fn"),
    ("  chartes rendered", "cookie_decl_macros::render::charte::render_all"),
    ("  banner and preferences page", "cookie_decl_macros::expand::consent::consent_impl"),
    ("  tags", "cookie_decl_macros::expand::tags::items"),
]


def rustc_command(package):
    """The `rustc` command cargo runs for `package`, as argv."""
    os.utime(os.path.join(WORK, package, "src", "lib.rs"))
    proc = subprocess.run(
        ["cargo", "build", "--offline", "-v", "-p", package],
        cwd=WORK, capture_output=True, text=True, check=True,
    )
    for line in proc.stderr.splitlines():
        match = re.search(r"Running `(.*)`$", line.strip())
        if match and f"--crate-name {package.replace('-', '_')} " in match.group(1):
            return match.group(1)
    raise SystemExit(f"{package}: cargo did not rebuild it, is it in {WORK}?")


def count(package, command):
    os.makedirs(OUT, exist_ok=True)
    out = os.path.join(OUT, f"{package}.out")
    os.utime(os.path.join(WORK, package, "src", "lib.rs"))
    proc = subprocess.run(
        f"valgrind --tool=callgrind --callgrind-out-file={out} {command}",
        shell=True, cwd=WORK, capture_output=True, text=True,
    )
    match = re.search(r"Collected : (\d+)", proc.stderr)
    if proc.returncode != 0 or not match:
        sys.stderr.write(proc.stderr[-3000:])
        raise SystemExit(f"{package}: callgrind failed")
    return int(match.group(1)), out


def stages(out):
    text = subprocess.run(
        ["callgrind_annotate", "--inclusive=yes", "--threshold=100", out],
        capture_output=True, text=True, check=True,
    ).stdout
    found = {}
    for line in text.splitlines():
        match = re.match(r"\s*([\d,]+) \([^)]*\)\s+\S*?:(.*?) \[", line)
        if match and not match.group(2).endswith("'2"):
            found.setdefault(match.group(2), int(match.group(1).replace(",", "")))
    return [(label, found.get(function)) for label, function in STAGES]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("packages", nargs="*", default=["decl-1000", "hand1-1000"])
    parser.add_argument("--macro", action="store_true", help="the macro's stages too")
    args = parser.parse_args()
    totals = {}
    for package in args.packages:
        command = rustc_command(package)
        totals[package], out = count(package, command)
        print(f"{package}: {totals[package] / 1e6:,.1f} M instructions")
        if args.macro and package.startswith("decl"):
            for label, ir in stages(out):
                if ir is not None:
                    print(f"  {label}: {ir / 1e6:,.1f} M")
    first = args.packages[0]
    for package in args.packages[1:]:
        print(f"{first} / {package}: {totals[first] / totals[package]:.2f}x")


if __name__ == "__main__":
    main()
