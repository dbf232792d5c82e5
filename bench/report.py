#!/usr/bin/env python3
"""Tables and goal ratios from the last `cargo bench` run.

    cargo bench -- --warm-up-time 1 --measurement-time 3
    python3 bench/report.py            # reads target/criterion

Run the benchmarks alone in a run (`--bench '*'`) so that no stale
estimate of an older benchmark is mixed in.

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


def fmt_rate(ns):
    """Requests per second, from nanoseconds per request."""
    if ns is None:
        return "n/a"
    return f"{1e9 / ns:,.0f} req/s"


def ratio(a, b):
    return None if a is None or b is None else a / b


def fmt_ratio(r):
    return "n/a" if r is None else f"{r:.2f}x"


def main():
    criterion_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "criterion")
    r = load(criterion_dir)
    goals = []

    for group, title, values in (
        ("cookie", "in one loop, per cookie built", ("8B", "16B", "32B", "64B", "8-64B")),
        ("cookie_call", "one cookie per call, returned",
         ("8B", "16B", "32B", "64B", "8-64B", "literal")),
    ):
        print(f"### `.cookie(value)` ({title}, `Near1000::C0500`)\n")
        print("| value | `.cookie` | `.try_cookie` | `.cookie_checked` | hand careful | hand bare "
              "| `.cookie` / bare | `.try_cookie` / bare | `.cookie_checked` / bare "
              "| `.cookie` / careful | `.try_cookie` / careful |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for value in values:
            get = lambda f: r.get((group, f, value))
            decl, try_, checked = get(".cookie"), get(".try_cookie"), get(".cookie_checked")
            careful, bare = get("hand careful"), get("hand bare")
            rb, rtb, rcb = ratio(decl, bare), ratio(try_, bare), ratio(checked, bare)
            rc, rtc = ratio(decl, careful), ratio(try_, careful)
            print(f"| {value} | {fmt(decl)} | {fmt(try_)} | {fmt(checked)} | {fmt(careful)} "
                  f"| {fmt(bare)} | {fmt_ratio(rb)} | {fmt_ratio(rtb)} | {fmt_ratio(rcb)} "
                  f"| {fmt_ratio(rc)} | {fmt_ratio(rtc)} |")
            where = f"{group}, {value}"
            goals.append((f"`.cookie` <= 1.3x bare chain ({where})", rb, 1.3))
            goals.append((f"`.try_cookie` <= 1.3x bare chain ({where})", rtb, 1.3))
            if checked is not None:
                goals.append((f"`.cookie_checked` <= 1.3x bare chain ({where})", rcb, 1.3))
            goals.append((f"`.cookie` <= careful chain ({where})", rc, 1.0))
            goals.append((f"`.try_cookie` <= careful chain ({where})", rtc, 1.0))
        print()

    print("### `get(name)` (per lookup, 8,192 queries in a shuffled order)\n")
    print("| registry | queries | `get` | `HashMap::get` | `get` / HashMap |")
    print("|---|---|---|---|---|")
    for registry in ("r10", "r100", "r1000", "c10", "c100", "c1000"):
        for kind in ("hit", "miss", "mixed"):
            decl = r.get((f"get/{registry}", "cookie_decl get", kind))
            hashmap = r.get((f"get/{registry}", "HashMap get", kind))
            rr = ratio(decl, hashmap)
            print(f"| {registry} | {kind} | {fmt(decl)} | {fmt(hashmap)} | {fmt_ratio(rr)} |")
            goals.append((f"`get` <= 0.6x HashMap ({registry}, {kind})", rr, 0.6))

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

    print("\n### Consent (per header, per response)\n")
    print("| work | cookie-decl | hand-written | ratio |")
    print("|---|---|---|---|")
    for group, decl_name, hand_name in (
            ("consent read (50-cookie header)", "cookie_decl read_at", "hand split/parse"),
            ("audit response (1 to 8 Set-Cookie)", "cookie_decl audit_response",
             "hand parse/HashMap/compare")):
        decl = r.get((group, decl_name, None))
        hand = r.get((group, hand_name, None))
        print(f"| {group} | {fmt(decl)} | {fmt(hand)} | {fmt_ratio(ratio(decl, hand))} |")

    print("\n### Charte (per call)\n")
    print("| function | time |")
    print("|---|---|")
    for function in ("cookie_decl charte(lang, format)", "cookie_decl CHARTE",
                     "hand literal(lang, format)", "render table at run time"):
        print(f"| {function} | {fmt(r.get(('charte', function, None)))} |")
    charte = ratio(r.get(("charte", "cookie_decl charte(lang, format)", None)),
                   r.get(("charte", "hand literal(lang, format)", None)))
    print(f"\n`charte(lang, format)` / literal: {fmt_ratio(charte)}")

    print("\n### `ConsentLayer` in an axum server (requests per second)\n")
    print("| load | with `ConsentLayer` | without | with / without |")
    print("|---|---|---|---|")
    for group, label in (
            ("axum on loopback (4 keep-alive connections)", "loopback, 4 connections"),
            ("axum on loopback (16 keep-alive connections)", "loopback, 16 connections"),
            ("axum on loopback, server CPU time (16 keep-alive connections)",
             "loopback, 16 connections, per second of server CPU")):
        layered = r.get((group, "axum + ConsentLayer", None))
        plain = r.get((group, "axum alone", None))
        rr = ratio(plain, layered)  # throughputs: the inverse of the times
        print(f"| {label} | {fmt_rate(layered)} | {fmt_rate(plain)} | {fmt_ratio(rr)} |")
        goals.append((f"`ConsentLayer` >= 0.95x the throughput without it ({label})",
                      rr, 0.95, ">="))
    group = "axum Router::call in process"
    layered = r.get((group, "axum + ConsentLayer", None))
    plain = r.get((group, "axum alone", None))
    print(f"| in process (`Router::call`) | {fmt_rate(layered)} | {fmt_rate(plain)} "
          f"| {fmt_ratio(ratio(plain, layered))} |")
    if layered is not None and plain is not None:
        print(f"\nThe layer's own work, in process: {fmt(layered - plain)} per request "
              f"({fmt(layered)} against {fmt(plain)}).")
    print("\n| the layer's parts, per request | time |")
    print("|---|---|")
    parts = "ConsentLayer's parts, per request"
    for function in ("read consent", "audit_request", "audit_response"):
        print(f"| {function} | {fmt(r.get((parts, function, None)))} |")

    print("\n### Goals\n")
    print("| goal | measured | target | met |")
    print("|---|---|---|---|")
    for name, value, target, *op in goals:
        op = op[0] if op else "<="
        ok = value is not None and (value <= target if op == "<=" else value >= target)
        met = "n/a" if value is None else ("yes" if ok else "**no**")
        print(f"| {name} | {fmt_ratio(value)} | {op} {target}x | {met} |")


if __name__ == "__main__":
    main()
