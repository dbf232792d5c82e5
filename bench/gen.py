#!/usr/bin/env python3
"""Synthetic cookie registries for the benchmarks, reproducible byte for byte.

    python3 bench/gen.py          # rewrites benches/registries/{r,c}{10,100,1000}.rs

`r*`: realistic names; `c*`: `c0000`, `c0001`, ..., names of one length
that differ in a few bytes.

The same module is imported by bench/compile_time.py, which writes bigger
registries (and their hand-written twins) as throwaway crates under target/.

The names look like the ones real sites set (`_ga_x3`, `cart-id`,
`sessionid`): one to three words, sometimes a leading `_`, sometimes a short
suffix, so lengths spread from 2 to about 30 bytes and many names share a
length, which is what a lookup has to tell apart. A seeded generator makes
every run write the same registries.
"""

import os
import random
import re
import sys

WORDS = [
    "session", "sid", "lang", "csrf", "token", "pref", "consent", "theme",
    "cart", "ab", "test", "visitor", "id", "ga", "pk", "ses", "hj", "user",
    "auth", "remember", "locale", "tz", "banner", "chat", "video", "player",
    "ads", "track", "utm", "ref", "mkt", "fb", "li", "yt", "cf", "bm",
    "device", "geo", "promo", "news", "font", "size", "mode", "basket",
    "checkout", "search", "filter", "sort", "page", "view", "last", "seen",
]
SUFFIX_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"
PROVIDERS = [
    "Opendatasoft", "Matomo", "Google", "Axeptio", "Didomi", "Hotjar",
    "YouTube", "Cloudflare", "Meta", "LinkedIn", "Zendesk", "Stripe",
]
SERVICES = [
    "Authentification (front et back office)",
    "Sélection de la langue",
    "Mesure d'audience",
    "Panier et commande",
    "Lecteur vidéo intégré",
    "Assistance en ligne",
    "Publicité ciblée",
    "Préférences d'affichage",
]
PURPOSES = [
    "Se souvenir de l'utilisateur d'une page à une autre.",
    "Se souvenir de la langue du visiteur",
    "Distinguer les visiteurs pour mesurer l'audience",
    "Conserver le contenu du panier entre deux visites",
    "Mémoriser les réglages du lecteur vidéo",
    "Retrouver la conversation en cours avec le support",
    "Proposer des publicités adaptées aux centres d'intérêt",
    "Se souvenir du thème choisi par le visiteur",
]
CATEGORIES = ["necessary", "preferences", "statistics", "marketing"]
# Lifetimes each category may take: statistics and marketing stay within
# the 13 months of CNIL deliberation 2020-091, every one within 400 days.
LIFETIMES = {
    "necessary": [None, None, (2, "hours"), (1, "day"), (2, "weeks"), (1, "year")],
    "preferences": [None, (6, "months"), (1, "year"), (30, "days")],
    "statistics": [(13, "months"), (30, "minutes"), (1, "day"), (6, "months")],
    "marketing": [(13, "months"), (90, "days"), (3, "months")],
}
UNIT_SECONDS = {
    "seconds": 1, "minutes": 60, "hours": 3600, "day": 86400, "days": 86400,
    "weeks": 7 * 86400, "months": 30 * 86400, "year": 365 * 86400,
}


def constant_of(name):
    """The constant `declare_cookies!` derives from a name (SPEC.md)."""
    return re.sub(r"[^A-Za-z0-9]+", "_", name).strip("_").upper()


def cookies(n, seed=6265):
    """`n` distinct cookies with distinct constants, in declaration order."""
    rng = random.Random(seed)
    taken_names, taken_constants, out = set(), set(), []
    while len(out) < n:
        words = [rng.choice(WORDS) for _ in range(rng.choice([1, 1, 2, 2, 2, 3]))]
        name = rng.choice(["_", "-"] if len(words) > 1 else ["_"]).join(words)
        if rng.random() < 0.2:
            name = "_" + name
        if rng.random() < 0.5 or name in taken_names:
            name += "_" + "".join(rng.choice(SUFFIX_CHARS) for _ in range(rng.randint(1, 4)))
        constant = constant_of(name)
        if name in taken_names or constant in taken_constants or constant[0].isdigit():
            continue
        taken_names.add(name)
        taken_constants.add(constant)
        category = CATEGORIES[len(out) % 4] if len(out) >= 4 else "necessary"
        cookie = {
            "name": name,
            "constant": constant,
            "category": category,
            "provider": rng.choice(PROVIDERS),
            "service": rng.choice(SERVICES),
            "purpose": rng.choice(PURPOSES),
            "max_age": rng.choice(LIFETIMES[category]),
            "http_only": rng.random() < 0.7,
            "same_site": rng.choice(["Lax", "Lax", "Strict", "None"]),
            "domain": "example.fr" if rng.random() < 0.05 else None,
            "partitioned": category == "marketing" and rng.random() < 0.1,
        }
        out.append(cookie)
    return out


def near_cookies(n):
    """`n` cookies named `c0000`, `c0001`, ...: names of one length that
    differ in one to four bytes, the hard case for a lookup. Attributes
    vary as in `cookies`: all four categories, some `http_only: false`,
    some `max_age`."""
    rng = random.Random(6265 + n)
    out = []
    for i in range(n):
        name = f"c{i:04}"
        category = CATEGORIES[i % 4]
        out.append({
            "name": name,
            "constant": constant_of(name),
            "category": category,
            "provider": rng.choice(PROVIDERS),
            "service": rng.choice(SERVICES),
            "purpose": rng.choice(PURPOSES),
            # Every fifth a session cookie, so that `c0500` (necessary,
            # session, HttpOnly) is the bare chain of the `.cookie` benchmark.
            "max_age": None if i % 5 == 0 else rng.choice(LIFETIMES[category]),
            "http_only": i % 3 != 0,
            "same_site": "Lax",
            "domain": None,
            "partitioned": False,
        })
    return out


def compile_cookies(n):
    """`n` cookies `c0000`, `c0001`, ... for the compile-time benchmark,
    shaped like a real declaration: all four categories in turn, three in
    four with a `max_age` (every fourth of each category a session
    cookie), one in three `http_only: false`, accented purposes; `c0000`
    keeps the visitor's consent, and two cookies of `statistics` and
    `marketing` are set by a third party (`extern`), by the tag and the
    embed of `compile_tags`. Unlike `near_cookies`, which the run-time
    benchmarks read, this set is free to follow what the macro gains."""
    rng = random.Random(6265 + n)
    timed = {c: [l for l in LIFETIMES[c] if l is not None] for c in CATEGORIES}
    out = []
    for i in range(n):
        category = CATEGORIES[i % 4]
        cookie = {
            "name": f"c{i:04}",
            "constant": constant_of(f"c{i:04}"),
            "category": category,
            "provider": rng.choice(PROVIDERS),
            "service": rng.choice(SERVICES),
            "purpose": rng.choice(PURPOSES),
            "max_age": None if (i // 4) % 4 == 0 else rng.choice(timed[category]),
            "http_only": i % 3 != 0,
            "same_site": "Lax",
            "domain": None,
            "partitioned": False,
        }
        out.append(cookie)
    if n >= 8:
        out[0].update(max_age=(6, "months"), stores_consent=True)
        for i in (6, 7):  # a statistics and a marketing cookie
            out[i].update(external=True, http_only=True)
    return out


def compile_tags(items):
    """The tag and the embed that set the `extern` cookies of
    `compile_cookies`, by category."""
    external = [c for c in items if c.get("external")]
    tags = {}
    for c in external:
        if c["category"] == "statistics":
            tags.setdefault("statistics", []).append(
                f'tag matomo {{ provider: "Matomo", service: "Mesure d\'audience", '
                f'src: "https://stats.example.fr/matomo.js", sets: [{c["name"]}], loading: defer }}'
            )
        else:
            tags.setdefault(c["category"], []).append(
                f'embed youtube {{ provider: "Google", service: "Lecteur vidéo", '
                f'sets: [{c["name"]}] }}'
            )
    return tags


# The header's Consent Mode mapping of the compile-time registry.
CONSENT_MODE = (
    "consent_mode: { functionality_storage: necessary, "
    "personalization_storage: preferences, ad_personalization: denied },"
)


def max_age_seconds(cookie):
    if cookie["max_age"] is None:
        return None
    amount, unit = cookie["max_age"]
    return amount * UNIT_SECONDS[unit]


def lifetime_english(cookie):
    if cookie["max_age"] is None:
        return "session"
    amount, unit = cookie["max_age"]
    word = unit.rstrip("s")
    return f"{amount} {word}{'' if amount == 1 else 's'}"


def rust_str(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def declaration(ident, items, site="https://opendata.example.fr", header=(), tags=None):
    """The `declare_cookies!` invocation of a registry: `header`, more
    lines of the header; `tags`, the tag and embed lines of each category."""
    tags = tags or {}
    lines = [
        "declare_cookies! {",
        f"    /// A synthetic registry of {len(items)} cookies (bench/gen.py).",
        f"    pub struct {ident} {{",
        f"        site: {rust_str(site)},",
        *(f"        {line}" for line in header),
        "    }",
    ]
    for category in CATEGORIES:
        members = [c for c in items if c["category"] == category]
        if not members:
            continue
        lines.append(f"    {category} {{")
        for c in members:
            fields = [
                f"provider: {rust_str(c['provider'])}",
                f"service: {rust_str(c['service'])}",
                f"purpose: {rust_str(c['purpose'])}",
            ]
            if c["max_age"] is not None:
                fields.append(f"max_age: {c['max_age'][0]} {c['max_age'][1]}")
            if not c["http_only"] and not c.get("external"):
                fields.append("http_only: false")
            if c["same_site"] != "Lax":
                fields.append(f"same_site: {c['same_site']}")
            if c["domain"]:
                fields.append(f"domain: {rust_str(c['domain'])}")
            if c["partitioned"]:
                fields.append("partitioned: true")
            if c.get("stores_consent"):
                fields.append("stores_consent: true")
            keyword = "extern " if c.get("external") else ""
            lines.append(f"        {keyword}{rust_str(c['name'])} {{ {', '.join(fields)} }}")
        lines += [f"        {tag}" for tag in tags.get(category, [])]
        lines.append("    }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def handwritten(ident, items, chartes):
    """The same registry written by hand: plain constants, a `match`
    lookup and pre-rendered chartes (`chartes` holds the six `const`
    items, `CHARTE_FR_TEXT` to `CHARTE_EN_HTML`)."""
    out = [
        "//! The registry of the `decl-` crate of the same size, written by hand.",
        "",
        "use std::borrow::Cow;",
        "",
        "use cookie::time::Duration;",
        "use cookie::{Cookie, SameSite};",
        "",
        "#[derive(Clone, Copy, Debug, PartialEq, Eq)]",
        "pub enum Category { Necessary, Preferences, Statistics, Marketing }",
        "",
        "#[derive(Clone, Copy, Debug, PartialEq, Eq)]",
        "pub enum Lang { Fr, En }",
        "",
        "#[derive(Clone, Copy, Debug, PartialEq, Eq)]",
        "pub enum Format { Text, Markdown, Html }",
        "",
        "#[derive(Clone, Copy, Debug)]",
        "pub struct Spec {",
        "    pub name: &'static str,",
        "    pub provider: &'static str,",
        "    pub service: &'static str,",
        "    pub purpose: &'static str,",
        "    pub category: Category,",
        "    pub lifetime: &'static str,",
        "    pub max_age: Option<i64>,",
        "    pub secure: bool,",
        "    pub http_only: bool,",
        "    pub same_site: SameSite,",
        "    pub path: &'static str,",
        "    pub domain: Option<&'static str>,",
        "    pub partitioned: bool,",
        "}",
        "",
        "impl Spec {",
        "    pub fn cookie(&self, value: impl Into<Cow<'static, str>>) -> Cookie<'static> {",
        "        let mut cookie = Cookie::new(self.name, value);",
        "        cookie.set_secure(self.secure);",
        "        cookie.set_http_only(self.http_only);",
        "        cookie.set_same_site(self.same_site);",
        "        cookie.set_path(self.path);",
        "        if let Some(domain) = self.domain { cookie.set_domain(domain); }",
        "        if let Some(seconds) = self.max_age { cookie.set_max_age(Duration::seconds(seconds)); }",
        "        if self.partitioned { cookie.set_partitioned(true); }",
        "        cookie",
        "    }",
        "",
        "    pub fn removal(&self) -> Cookie<'static> {",
        "        let mut cookie = self.cookie(\"\");",
        "        cookie.set_max_age(Duration::ZERO);",
        "        cookie",
        "    }",
        "}",
        "",
        chartes.rstrip("\n"),
        "",
        f"pub struct {ident};",
        "",
        f"impl {ident} {{",
        "    pub const COOKIES: &'static [Spec] = &[",
    ]
    for c in items:
        seconds = max_age_seconds(c)
        max_age = "None" if seconds is None else f"Some({seconds})"
        domain = "None" if c["domain"] is None else f"Some({rust_str(c['domain'])})"
        out.append(
            f"        Spec {{ name: {rust_str(c['name'])}, provider: {rust_str(c['provider'])}, "
            f"service: {rust_str(c['service'])}, purpose: {rust_str(c['purpose'])}, "
            f"category: Category::{c['category'].capitalize()}, "
            f"lifetime: {rust_str(lifetime_english(c))}, max_age: {max_age}, secure: true, "
            f"http_only: {str(c['http_only']).lower()}, same_site: SameSite::{c['same_site']}, "
            f"path: \"/\", domain: {domain}, partitioned: {str(c['partitioned']).lower()} }},"
        )
    out.append("    ];")
    for index, c in enumerate(items):
        out.append(f"    pub const {c['constant']}: &'static Spec = &Self::COOKIES[{index}];")
    out += [
        "",
        "    pub const CHARTE: &'static str = CHARTE_FR_TEXT;",
        "",
        "    pub fn get(name: &str) -> Option<&'static Spec> {",
        "        match name {",
    ]
    for index, c in enumerate(items):
        out.append(f"            {rust_str(c['name'])} => Some(&Self::COOKIES[{index}]),")
    out += [
        "            _ => None,",
        "        }",
        "    }",
        "",
        "    pub fn charte(lang: Lang, format: Format) -> &'static str {",
        "        match (lang, format) {",
        "            (Lang::Fr, Format::Text) => CHARTE_FR_TEXT,",
        "            (Lang::Fr, Format::Markdown) => CHARTE_FR_MARKDOWN,",
        "            (Lang::Fr, Format::Html) => CHARTE_FR_HTML,",
        "            (Lang::En, Format::Text) => CHARTE_EN_TEXT,",
        "            (Lang::En, Format::Markdown) => CHARTE_EN_MARKDOWN,",
        "            (Lang::En, Format::Html) => CHARTE_EN_HTML,",
        "        }",
        "    }",
        "}",
    ]
    return "\n".join(out) + "\n"


def bench_registry(ident, items):
    """benches/registries/*.rs: one registry for the runtime benchmarks."""
    return (
        f"// Generated by `python3 bench/gen.py`: do not edit.\n"
        f"\n"
        f"use cookie_decl::declare_cookies;\n"
        f"\n"
        + declaration(ident, items)
    )


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out_dir = os.path.join(root, "benches", "registries")
    os.makedirs(out_dir, exist_ok=True)
    for n in (10, 100, 1000):
        for file, ident, items in (
            (f"r{n}.rs", f"Registry{n}", cookies(n)),
            (f"c{n}.rs", f"Near{n}", near_cookies(n)),
        ):
            path = os.path.join(out_dir, file)
            with open(path, "w", encoding="utf-8") as f:
                f.write(bench_registry(ident, items))
            print(f"wrote {os.path.relpath(path, root)}", file=sys.stderr)


if __name__ == "__main__":
    main()
