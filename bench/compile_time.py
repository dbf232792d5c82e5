#!/usr/bin/env python3
"""Compile-time benchmark of `declare_cookies!`; run it through
bench/compile-time.sh (see there for the options).

It writes a throwaway Cargo workspace under target/compile-time/:

  decl-N          a registry of N cookies declared with `declare_cookies!`
                  (N = 10, 100, 1,000, 5,000): `c0000` to `c0999` for 1,000,
                  as `gen.compile_cookies` makes them, with what a real
                  declaration holds (a `stores_consent` cookie, so the
                  banner and the preferences page; a tag and an embed;
                  `consent_mode` in the header); with `--plain`, the same
                  cookies without any of those
  hand-N          the same registry written by hand: plain constants, a
                  `match` lookup and the six chartes pre-rendered as string
                  literals (copied from what decl-N renders, so both crates
                  hold the same text)
  hand1-N         hand-N with only the French text charte (the five other
                  literals empty): the twin "consts, a `match`, one charte
                  literal" some goals are stated against
  cold-decl       a small crate using cookie-decl (the 4 cookies of
                  examples/charte.rs)
  cold-thiserror  the same crate written with thiserror + cookie
  cold-cookie     cookie alone, to tell the two apart

and times, each with `cargo build` (debug), median of several runs:

  full            the registry crate alone, its dependencies already built
                  (`cargo clean -p` first)
  incremental     the same after touching src/lib.rs
  cold            a whole dependency tree from an empty target directory:
                  cookie-decl-macros alone, cold-decl, cold-thiserror,
                  cold-cookie

Every build depends on this workspace through `path =`, and runs with
`--offline` once `cargo fetch` has filled the cache (crates.io is only
needed the first time, for thiserror). A timed build that recompiles
anything but the crate under test (someone edited cookie-decl meanwhile)
is thrown away and run again.
"""

import argparse
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "target", "compile-time")
COLD_TARGET = os.path.join(WORK, "cold-target")

PORTAL = '''declare_cookies! {
    /// The cookies of an open-data portal.
    pub struct PortalCookies {
        site: "https://data.example.fr",
    }
    necessary {
        sessionid {
            provider: "Opendatasoft",
            service: "Authentification (front et back office)",
            purpose: "Se souvenir de l'utilisateur d'une page à une autre.",
            max_age: 2 weeks,
        }
        django_language {
            provider: "Opendatasoft",
            service: "Sélection de la langue (front et back office)",
            purpose: "Se souvenir de la langue du visiteur",
            max_age: 1 year,
            http_only: false,
        }
        csrftoken {
            provider: "Opendatasoft",
            service: "API (CSRF) (front et back office)",
            purpose: "Récupérer des données via des appels API",
            max_age: 1 year,
            same_site: Strict,
            http_only: false,
        }
        cookies_preferences {
            provider: "Opendatasoft",
            service: "Choix concernant vos préférences sur les cookies",
            purpose: "Se souvenir du choix opéré par le visiteur concernant les cookies",
            max_age: 6 months,
            http_only: false,
        }
    }
}
'''

COLD_DECL = '''//! A small application crate that uses cookie-decl.

use cookie_decl::declare_cookies;

''' + PORTAL + '''
pub fn session(value: String) -> cookie_decl::cookie::Cookie<'static> {
    PortalCookies::SESSIONID.cookie(value)
}
'''

COLD_THISERROR = '''//! The same application crate written with thiserror and cookie.

use cookie::time::Duration;
use cookie::{Cookie, SameSite};

#[derive(Debug, thiserror::Error)]
pub enum CookieError {
    #[error("value of cookie `{name}` has byte {byte:#04x} at index {index}")]
    Forbidden { name: &'static str, byte: u8, index: usize },
    #[error("cookie `{name}` takes {size} bytes, over 4096")]
    TooLarge { name: &'static str, size: usize },
}

fn checked(name: &'static str, value: String) -> Result<String, CookieError> {
    let forbidden = |b: u8| !matches!(b, 0x21 | 0x23..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E);
    if let Some(index) = value.bytes().position(forbidden) {
        return Err(CookieError::Forbidden { name, byte: value.as_bytes()[index], index });
    }
    if name.len() + value.len() > 4096 {
        return Err(CookieError::TooLarge { name, size: name.len() + value.len() });
    }
    Ok(value)
}

pub fn session(value: String) -> Result<Cookie<'static>, CookieError> {
    let value = checked("sessionid", value)?;
    Ok(Cookie::build(("sessionid", value))
        .secure(true)
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .max_age(Duration::weeks(2))
        .build())
}

pub const CHARTE: &str = "Charte cookies\\n\\nNom du prestataire\\tService et emplacement\\tNom du cookies\\tFinalités\\n";
'''

COLD_COOKIE = '''//! cookie alone.

use cookie::Cookie;

pub fn session(value: String) -> Cookie<'static> {
    Cookie::build(("sessionid", value)).secure(true).http_only(true).path("/").build()
}
'''

DUMP = '''//! Prints the six chartes of the registry as Rust constants, for the
//! hand-written twin of this crate.

use cookie_decl::{Format, Lang};

fn main() {
    for (lang, l) in [(Lang::Fr, "FR"), (Lang::En, "EN")] {
        for (format, f) in [(Format::Text, "TEXT"), (Format::Markdown, "MARKDOWN"), (Format::Html, "HTML")] {
            // `{:?}` of a `str` is a valid Rust string literal.
            println!("pub const CHARTE_{l}_{f}: &str = {:?};", NAME::Cookies::charte(lang, format));
        }
    }
}
'''


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return  # keep the mtime: cargo would rebuild for nothing
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def manifest(name, deps):
    lines = [
        "[package]",
        f'name = "{name}"',
        'version = "0.0.0"',
        'edition = "2024"',
        "publish = false",
        "",
        "[dependencies]",
    ]
    lines += deps
    return "\n".join(lines) + "\n"


COOKIE_DECL = f'cookie-decl = {{ path = "{os.path.join(ROOT, "cookie-decl")}" }}'
COOKIE = 'cookie = "0.18.1"'


def registry_source(n, plain):
    items = gen.compile_cookies(n)
    if plain:
        for c in items:
            c.pop("stores_consent", None)
            if c.pop("external", None):
                c["http_only"] = True
        return gen.declaration("Cookies", items)
    return gen.declaration("Cookies", items, header=[gen.CONSENT_MODE], tags=gen.compile_tags(items))


def setup(sizes, optimized_macro, plain):
    members = [f"{kind}-{n}" for n in sizes for kind in ("decl", "hand", "hand1")]
    members += ["cold-decl", "cold-thiserror", "cold-cookie"]
    # What a user may add to their workspace: proc macros (and build
    # scripts) compiled with optimisations in debug builds.
    profile = ("\n[profile.dev.build-override]\nopt-level = 3\n"
               if optimized_macro else "")
    write(
        os.path.join(WORK, "Cargo.toml"),
        "# Throwaway crates of bench/compile_time.py: regenerated on each run.\n"
        "[workspace]\n"
        f"members = {json.dumps(members)}\n"
        'resolver = "3"\n' + profile,
    )
    lock = os.path.join(WORK, "Cargo.lock")
    if not os.path.exists(lock):
        # The workspace's versions, already in the cache.
        shutil.copy(os.path.join(ROOT, "Cargo.lock"), lock)
    for n in sizes:
        crate = f"decl-{n}"
        write(os.path.join(WORK, crate, "Cargo.toml"), manifest(crate, [COOKIE_DECL]))
        write(
            os.path.join(WORK, crate, "src", "lib.rs"),
            f"//! {n} cookies declared with `declare_cookies!` (bench/gen.py).\n\n"
            "use cookie_decl::declare_cookies;\n\n" + registry_source(n, plain),
        )
        write(
            os.path.join(WORK, crate, "examples", "dump.rs"),
            DUMP.replace("NAME", crate.replace("-", "_")),
        )
        for hand in (f"hand-{n}", f"hand1-{n}"):
            write(os.path.join(WORK, hand, "Cargo.toml"), manifest(hand, [COOKIE]))
        # src/lib.rs needs the chartes of decl-N: see `write_handwritten`.
    write(os.path.join(WORK, "cold-decl", "Cargo.toml"), manifest("cold-decl", [COOKIE_DECL]))
    write(os.path.join(WORK, "cold-decl", "src", "lib.rs"), COLD_DECL)
    write(
        os.path.join(WORK, "cold-thiserror", "Cargo.toml"),
        manifest("cold-thiserror", ['thiserror = "2"', COOKIE]),
    )
    write(os.path.join(WORK, "cold-thiserror", "src", "lib.rs"), COLD_THISERROR)
    write(os.path.join(WORK, "cold-cookie", "Cargo.toml"), manifest("cold-cookie", [COOKIE]))
    write(os.path.join(WORK, "cold-cookie", "src", "lib.rs"), COLD_COOKIE)
    for n in sizes:
        for hand in (f"hand-{n}", f"hand1-{n}"):
            path = os.path.join(WORK, hand, "src", "lib.rs")
            if not os.path.exists(path):
                write(path, "")  # a placeholder until the chartes are dumped


def cargo(args, target_dir=None, check=True, offline=True):
    env = dict(os.environ)
    env.pop("CARGO_TARGET_DIR", None)
    if target_dir:
        env["CARGO_TARGET_DIR"] = target_dir
    cmd = ["cargo", *args] + (["--offline"] if offline else [])
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=WORK, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if check and proc.returncode != 0:
        log(proc.stderr[-4000:])
        raise SystemExit(f"failed: {' '.join(cmd)}")
    compiled = re.findall(r"^\s*Compiling (\S+) v", proc.stderr, re.M)
    return elapsed, compiled, proc


def fetch():
    _, _, proc = cargo(["fetch"], check=False)
    if proc.returncode != 0:
        log("cache incomplete, fetching from crates.io once")
        cargo(["fetch"], offline=False)


def write_handwritten(sizes):
    for n in sizes:
        log(f"rendering the chartes of decl-{n} for hand-{n}")
        _, _, proc = cargo(["run", "-q", "-p", f"decl-{n}", "--example", "dump"])
        source = gen.handwritten("Cookies", gen.compile_cookies(n), proc.stdout)
        write(os.path.join(WORK, f"hand-{n}", "src", "lib.rs"), source)
        # The same, with one charte: the other literals emptied.
        others = "CHARTE_FR_MARKDOWN|CHARTE_FR_HTML|CHARTE_EN_TEXT|CHARTE_EN_MARKDOWN|CHARTE_EN_HTML"
        one, emptied = re.subn(
            rf'(pub const (?:{others}): &str = )"(?:[^"\\]|\\.)*";',
            r'\1"";',
            source,
        )
        if emptied != 5:
            raise SystemExit(f"hand1-{n}: {emptied} chartes emptied, expected 5")
        write(os.path.join(WORK, f"hand1-{n}", "src", "lib.rs"), one)


def build_once(package, clean):
    """Seconds of one build of `package` that compiled it alone, or None."""
    if clean:
        cargo(["clean", "-p", package])
    else:
        os.utime(os.path.join(WORK, package, "src", "lib.rs"))
    elapsed, compiled, _ = cargo(["build", "-p", package])
    if compiled != [package]:
        log(f"  {package}: discarded, it also compiled {compiled}")
        cargo(["build", "-p", package])
        return None
    log(f"  {package} {'full' if clean else 'incremental'}: {elapsed:.2f} s")
    return elapsed


def timed_pair(packages, clean, reps):
    """Median seconds of `reps` builds of each package, alternated build by
    build, so that a burst of load elsewhere on the machine lands on both
    sides alike."""
    for package in packages:
        cargo(["build", "-p", package])  # settle: dependencies built, fingerprints fresh
    samples = {package: [] for package in packages}
    turns = 0
    while any(len(samples[p]) < reps for p in packages):
        turns += 1
        if turns > reps + 5:
            raise SystemExit(f"{packages}: other crates keep being rebuilt")
        for package in packages:
            if len(samples[package]) < reps:
                elapsed = build_once(package, clean)
                if elapsed is not None:
                    samples[package].append(elapsed)
    return {p: (statistics.median(samples[p]), samples[p]) for p in packages}


def cold_build(package, reps):
    samples, units = [], 0
    for _ in range(reps):
        shutil.rmtree(COLD_TARGET, ignore_errors=True)
        elapsed, compiled, _ = cargo(["build", "-p", package], target_dir=COLD_TARGET)
        samples.append(elapsed)
        units = len(compiled)
        log(f"  cold {package}: {elapsed:.2f} s, {units} crates")
    shutil.rmtree(COLD_TARGET, ignore_errors=True)
    return statistics.median(samples), samples, units


def noop_build():
    cargo(["build", "-p", "cold-cookie"])
    samples = [cargo(["build", "-p", "cold-cookie"])[0] for _ in range(5)]
    return statistics.median(samples)


def machine():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    rustc = subprocess.run(["rustc", "--version"], cwd=WORK, capture_output=True, text=True)
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "rustc": rustc.stdout.strip(),
        "os": platform.platform(),
    }


def report(results):
    out = []
    m = results["machine"]
    out.append(f"Machine: {m['nproc']} CPUs, {m['cpu']}, {m['rustc']}, {m['os']}\n")
    out.append(f"No-op `cargo build` (cargo's own overhead, in every figure): "
               f"{results['noop']:.2f} s\n")
    regs = results.get("registries", {})
    if regs:
        out.append("| cookies | decl full | hand full | full ratio | decl incremental "
                   "| hand incremental | incremental ratio |")
        out.append("|---|---|---|---|---|---|---|")
        for n, r in sorted(regs.items(), key=lambda kv: int(kv[0])):
            out.append(
                f"| {int(n):,} | {r['decl_full']:.2f} s | {r['hand_full']:.2f} s "
                f"| {r['decl_full'] / r['hand_full']:.2f}x | {r['decl_incr']:.3f} s "
                f"| {r['hand_incr']:.3f} s | {r['decl_incr'] / r['hand_incr']:.2f}x |"
            )
        out.append("")
        out.append("Against `hand1`, the hand-written twin with one charte literal:\n")
        out.append("| cookies | decl incremental | hand1 incremental | ratio |")
        out.append("|---|---|---|---|")
        for n, r in sorted(regs.items(), key=lambda kv: int(kv[0])):
            if "hand1_incr" in r:
                out.append(
                    f"| {int(n):,} | {r['decl_incr']:.3f} s | {r['hand1_incr']:.3f} s "
                    f"| {r['decl_incr'] / r['hand1_incr']:.2f}x |"
                )
        sizes = sorted(int(n) for n in regs)
        base = sizes[0]
        out.append("")
        out.append(f"Growth: seconds per cookie above the {base}-cookie build "
                   "(constant when the cost is linear)\n")
        out.append("| cookies | decl full | decl incremental | hand full | hand incremental |")
        out.append("|---|---|---|---|---|")
        for n in sizes[1:]:
            cells = []
            for key in ("decl_full", "decl_incr", "hand_full", "hand_incr"):
                extra = regs[str(n)][key] - regs[str(base)][key]
                cells.append(f"{1000 * extra / (n - base):.2f} ms")
            out.append(f"| {n:,} | " + " | ".join(cells) + " |")
        if len(sizes) >= 3:
            a, b = sizes[-2], sizes[-1]
            out.append("")
            for key in ("decl_full", "decl_incr", "hand_full", "hand_incr"):
                ea = regs[str(a)][key] - regs[str(base)][key]
                eb = regs[str(b)][key] - regs[str(base)][key]
                if ea > 0 and eb > 0:
                    k = math.log(eb / ea) / math.log((b - base) / (a - base))
                    out.append(f"- `{key}` grows as N^{k:.2f} between {a:,} and {b:,} cookies")
    cold = results.get("cold", {})
    if cold:
        out.append("")
        out.append("| cold build (empty target dir) | time | crates compiled |")
        out.append("|---|---|---|")
        for name, c in cold.items():
            out.append(f"| {name} | {c['median']:.2f} s | {c['units']} |")
        if "cold-decl" in cold and "cold-thiserror" in cold:
            ratio = cold["cold-decl"]["median"] / cold["cold-thiserror"]["median"]
            out.append(f"\ncold-decl / cold-thiserror: {ratio:.2f}x")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100,1000,5000")
    parser.add_argument("--reps", type=int, default=5, help="incremental builds per crate")
    parser.add_argument("--full-reps", type=int, default=3)
    parser.add_argument("--cold-reps", type=int, default=3)
    parser.add_argument("--no-cold", action="store_true", help="skip the cold builds")
    parser.add_argument("--no-registries", action="store_true", help="only the cold builds")
    parser.add_argument("--plain", action="store_true",
                        help="registries without a consent cookie, tags nor consent_mode")
    parser.add_argument("--optimized-macro", action="store_true",
                        help="build proc macros with opt-level 3 "
                             "([profile.dev.build-override], a user's choice)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    setup(sizes, args.optimized_macro, args.plain)
    fetch()
    results = {"machine": machine(), "sizes": sizes,
               "optimized_macro": args.optimized_macro, "plain": args.plain}
    results_path = os.path.join(WORK, "results.json")

    if not args.no_registries:
        write_handwritten(sizes)
    results["noop"] = noop_build()
    if not args.no_registries:
        results["registries"] = {}
        for n in sizes:
            r = {}
            packages = [f"decl-{n}", f"hand-{n}", f"hand1-{n}"]
            for clean, key, reps in ((True, "full", args.full_reps),
                                     (False, "incr", args.reps)):
                timed = timed_pair(packages, clean, reps)
                for kind, package in zip(("decl", "hand", "hand1"), packages):
                    r[f"{kind}_{key}"], r[f"{kind}_{key}_samples"] = timed[package]
            results["registries"][str(n)] = r
            with open(results_path, "w") as f:
                json.dump(results, f, indent=1)
    if not args.no_cold:
        results["cold"] = {}
        # Interleaved, so that a burst of load elsewhere on the machine
        # does not land on one side only.
        names = ["cookie-decl-macros", "cold-decl", "cold-thiserror", "cold-cookie"]
        samples = {name: [] for name in names}
        units = {}
        for _ in range(args.cold_reps):
            for name in names:
                _, s, u = cold_build(name, 1)
                samples[name] += s
                units[name] = u
        for name in names:
            results["cold"][name] = {
                "median": statistics.median(samples[name]),
                "samples": samples[name],
                "units": units[name],
            }
    with open(results_path, "w") as f:
        json.dump(results, f, indent=1)
    text = report(results)
    with open(os.path.join(WORK, "results.md"), "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
