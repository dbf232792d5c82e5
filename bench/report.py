#!/usr/bin/env python3
"""Tables and goal ratios from the last `cargo bench` run.

    cargo bench -- --warm-up-time 1 --measurement-time 3
    python3 bench/report.py            # reads target/criterion

Criterion keeps each benchmark's estimates in
target/criterion/<group>/<function>/<value>/new/; this prints, per group,
the time of each function beside its hand-written twin, and the ratios the
goals of BENCHMARKS.md are stated in. Every ratio compares figures of the
same run.
"""

import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load(criterion_dir):
    """{(group, function, value): nanoseconds per element}"""
    results = {}
    for dirpath, _, files in os.walk(criterion_dir):
        if os.path.basename(dirpath) != "new" or "benchmark.json" not in files:
            continue
        with open(os.path.join(dirpath, "benchmark.json")) as f:
            meta = json.load(f)
        with open(os.path.join(dirpath, "estimates.json")) as f:
            estimates = json.load(f)
        point = (estimates.get("slope") or estimates["mean"])["point_estimate"]
        elements = (meta.get("throughput") or {}).get("Elements") or 1
        key = (meta["group_id"], meta["function_id"], meta.get("value_str"))
        results[key] = point / elements
    return results


def fmt(ns):
    if ns is None:
        return "n/a"
    if ns >= 1000:
        return f"{ns / 1000:.2f} µs"
    return f"{ns:.2f} ns"


def ratio(a, b):
    return None if a is None or b is None else a / b


def fmt_ratio(r):
    return "n/a" if r is None else f"{r:.2f}x"


def main():
    criterion_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "criterion")
    r = load(criterion_dir)
    goals = []

    print("### `.cookie(value)` (per cookie built)\n")
    print("| value | `.cookie` | `.try_cookie` | hand careful | hand unchecked "
          "| `.cookie` / careful | `.cookie` / unchecked | `.try_cookie` / unchecked |")
    print("|---|---|---|---|---|---|---|---|")
    for value in ("sid-32B", "token-320B"):
        get = lambda f: r.get(("cookie", f, value))
        decl, careful, unchecked = get("cookie_decl .cookie"), get("hand careful"), get("hand unchecked")
        rc, ru = ratio(decl, careful), ratio(decl, unchecked)
        rt = ratio(get("cookie_decl .try_cookie"), unchecked)
        print(f"| {value} | {fmt(decl)} | {fmt(get('cookie_decl .try_cookie'))} | {fmt(careful)} "
              f"| {fmt(unchecked)} | {fmt_ratio(rc)} | {fmt_ratio(ru)} | {fmt_ratio(rt)} |")
        goals.append((f"`.cookie` <= careful chain ({value})", rc, 1.0))
        goals.append((f"`.cookie` <= 1.3x unchecked chain ({value})", ru, 1.3))

    print("\n### `get(name)` (per lookup, batches of 64 names)\n")
    print("| cookies | names | `get` | `HashMap::get` | `get` / HashMap |")
    print("|---|---|---|---|---|")
    for size in (10, 100, 1000):
        for kind in ("hit", "miss"):
            decl = r.get((f"get/{size}", "cookie_decl get", kind))
            hashmap = r.get((f"get/{size}", "HashMap get", kind))
            rr = ratio(decl, hashmap)
            print(f"| {size} | {kind} | {fmt(decl)} | {fmt(hashmap)} | {fmt_ratio(rr)} |")
            goals.append((f"`get` <= 0.6x HashMap ({size}, {kind})", rr, 0.6))

    print("\n### `read_header` from a 50-cookie `Cookie` header (per read)\n")
    print("| position | `read_header` | hand split/find | `cookie` split_parse "
          "| `read_header` / split/find |")
    print("|---|---|---|---|---|")
    for position in ("first", "middle", "last", "absent"):
        group = "read_header/50"
        decl = r.get((group, "cookie_decl read_header", position))
        hand = r.get((group, "hand split/find", position))
        crate = r.get((group, "cookie split_parse", position))
        print(f"| {position} | {fmt(decl)} | {fmt(hand)} | {fmt(crate)} "
              f"| {fmt_ratio(ratio(decl, hand))} |")

    print("\n### Charte (per call)\n")
    print("| function | time |")
    print("|---|---|")
    for function in ("cookie_decl charte(lang, format)", "cookie_decl CHARTE",
                     "hand literal(lang, format)", "render table at run time"):
        print(f"| {function} | {fmt(r.get(('charte', function, None)))} |")
    charte = ratio(r.get(("charte", "cookie_decl charte(lang, format)", None)),
                   r.get(("charte", "hand literal(lang, format)", None)))
    print(f"\n`charte(lang, format)` / literal: {fmt_ratio(charte)}")

    print("\n### Goals\n")
    print("| goal | measured | target | met |")
    print("|---|---|---|---|")
    for name, value, target in goals:
        met = "n/a" if value is None else ("yes" if value <= target else "**no**")
        print(f"| {name} | {fmt_ratio(value)} | <= {target}x | {met} |")


if __name__ == "__main__":
    main()
