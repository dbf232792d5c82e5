//! The pipeline on `proc_macro2` token streams, outside a macro: whatever
//! it is given, it returns code or errors with spans, never panics, and a
//! valid declaration never yields an error.

use proc_macro2::TokenStream;
use proptest::prelude::*;

use crate::expand::declare_cookies;
use crate::expand::lookup::lookup_cookie;

/// A declaration that uses every construct of the grammar.
const VALID: &str = r#"
    /// Docs.
    pub struct SiteCookies {
        site: "https://data.example.fr",
        max_age: 30 days,
        consent_retention: 6 months,
        title: "Charte",
        show_lifetime: true,
        show_consent: true,
        banner_title: "Cookies",
        consent_url: "/cookies/consent",
        consent_mode: { functionality_storage: necessary, ad_personalization: denied, personalization_storage: statistics },
    }
    necessary {
        /// The session.
        "__Host-sid" as SESSION { provider: "P", service: "S", purpose: "Keep you in.", same_site: Strict }
        consent { provider: "P", service: "S", purpose: "Remember.", max_age: 6 months, stores_consent: true }
        "__Host-csrf" as CSRF { provider: "P", service: "S", purpose: "Protect forms.", same_site: Strict, csrf_token: true }
        r#type { provider: "P", service: "S", purpose: "Raw name.", http_only: false }
    }
    preferences {
        lang { provider: "P", service: "S", purpose: "Language.", max_age: 1 year, path: "/app" }
    }
    statistics {
        visits { provider: "P", service: "S", purpose: "Count.", max_age: 13 months, consent_exempt: true }
        extern "_ga_*" as GA { provider: "G", service: "A", purpose: "Tell apart.", max_age: 13 months, domain: ".example.fr", path: "/" }
        extern _gid { provider: "G", service: "A", purpose: "Tell apart.", max_age: 1 day, set_by: "A container" }
        /// The analytics tag.
        tag analytics as GTAG { provider: "G", service: "A", src: "https://example.fr/a.js", sets: ["_ga_*"], loading: async }
        tag snippet { provider: "G", service: "A", inline: "window.a = 1;", sets: [] }
    }
    marketing {
        ad { provider: "P", service: "S", purpose: "Ads.", same_site: None, partitioned: true, domain: "example.fr" }
    }
"#;

/// The words of the error `expand::tokens::rust` gives for generated text that
/// does not lex: a bug of the macro, whatever the input.
const GENERATOR_BUG: &str = "generated Rust that does not lex";

/// The expansion of `source`, if it lexes; never one that reports a bug of
/// the generator.
fn expand(source: &str) -> Option<String> {
    let tokens: TokenStream = source.parse().ok()?;
    let out = declare_cookies(tokens).to_string();
    assert!(!out.contains(GENERATOR_BUG), "{source}\n{out}");
    Some(out)
}

#[test]
fn numbers_are_written_as_format_writes_them() {
    for n in [
        0,
        1,
        9,
        10,
        255,
        4096,
        33_696_000,
        u64::from(u32::MAX),
        i64::MAX as u64,
        u64::MAX,
    ] {
        let (mut decimal, mut hex) = (String::new(), String::new());
        crate::expand::tokens::push_number(&mut decimal, n, 10);
        crate::expand::tokens::push_number(&mut hex, n, 16);
        assert_eq!(decimal, n.to_string());
        assert_eq!(hex, format!("{n:#x}"));
    }
}

#[test]
fn generated_text_that_does_not_lex_is_an_error_not_a_panic() {
    let out = crate::expand::tokens::rust("r#\"open").to_string();
    assert!(out.contains("compile_error"), "{out}");
    assert!(out.contains(GENERATOR_BUG), "{out}");
}

#[test]
fn a_valid_declaration_expands_without_errors() {
    let out = expand(VALID).expect("lexes");
    assert!(!out.contains("compile_error"), "{out}");
    assert!(out.contains("SESSION"));
    assert!(out.contains("ConsentRegistry"));
    assert!(out.contains("CsrfRegistry"));
    assert!(out.contains("GTAG"));
    assert!(out.contains("TagSpec"));
    // The output is Rust that lexes again.
    assert!(out.parse::<TokenStream>().is_ok());
}

#[test]
fn only_a_cookie_marked_csrf_token_true_makes_a_csrf_registry() {
    let declaration = |mark: &str| {
        format!(
            "pub struct R {{ site: \"https://example.fr\" }} necessary {{ \
             csrf {{ provider: \"P\", service: \"S\", purpose: \"Protect forms.\" {mark} }} }}"
        )
    };
    for (mark, expected) in [
        ("", false),
        (", csrf_token: false", false),
        (", csrf_token: true", true),
    ] {
        let out = expand(&declaration(mark)).expect("lexes");
        assert!(!out.contains("compile_error"), "{mark}: {out}");
        assert_eq!(out.contains("CsrfRegistry"), expected, "{mark}: {out}");
    }
}

/// A registry that keeps a consent but has no `csrf_token` cookie is used
/// with the consent forms and lacks the cookie: its `CsrfRegistry` impl is
/// there, so that extractors and handlers compile, and its cookie is a
/// constant whose evaluation fails with the one message that says what to
/// declare.
#[test]
fn a_consent_registry_without_a_csrf_cookie_fails_where_the_token_is_needed() {
    let out = expand(
        "pub struct Boutique { site: \"https://example.fr\" } necessary { \
         consent { provider: \"P\", service: \"S\", purpose: \"Keep the choice.\", \
                   max_age: 6 months, stores_consent: true } }",
    )
    .expect("lexes");
    assert!(!out.contains("compile_error"), "{out}");
    assert!(out.contains("CsrfRegistry"), "{out}");
    assert!(out.contains("panic"), "{out}");
    assert!(
        out.contains("`Boutique` declares no cookie that holds the consent form's CSRF token"),
        "{out}"
    );
    assert!(out.contains("csrf_token: true"), "{out}");
}

#[test]
fn only_extern_patterns_are_held_to_the_root_path() {
    let declaration = |header: &str, cookie: &str| {
        format!(
            "pub struct R {{ site: \"https://example.fr\" {header} }} statistics {{ \
             extern {cookie} {{ provider: \"P\", service: \"S\", purpose: \"Count.\" }} }}"
        )
    };
    for (header, cookie, refused) in [
        ("", "\"_pk_*\" as PK", false),
        ("", "\"_pk_id\" as PK", false),
        (", path: \"/stats\"", "\"_pk_id\" as PK", false),
        (", path: \"/\"", "\"_pk_*\" as PK", false),
        // The registry-wide default applies to `extern` cookies too.
        (", path: \"/stats\"", "\"_pk_*\" as PK", true),
    ] {
        let out = expand(&declaration(header, cookie)).expect("lexes");
        let errors = out.matches("compile_error").count();
        let reported = out.contains("cannot be removed on withdrawal");
        assert_eq!(
            (errors, reported),
            (usize::from(refused), refused),
            "{header} {cookie}: {out}"
        );
    }
}

#[test]
fn lookups_expand_or_report() {
    let found = lookup_cookie("SiteCookies, \"sid\", [\"sid\" => SID]".parse().unwrap());
    assert_eq!(found.to_string(), "SiteCookies :: SID");
    let missing = lookup_cookie("SiteCookies, \"sod\", [\"sid\" => SID]".parse().unwrap());
    assert!(missing.to_string().contains("compile_error"));
    for garbage in [
        "",
        "X",
        "X, 1, []",
        "X, \"a\", [1 => 2]",
        "X, \"a\", [\"a\" => ]",
    ] {
        let tokens: TokenStream = garbage.parse().unwrap();
        let out = lookup_cookie(tokens).to_string();
        assert!(out.contains("compile_error"), "{garbage}: {out}");
    }
}

#[test]
fn patterns_match_in_linear_time() {
    // A recursive matcher takes exponential time on this one: the test
    // would not end.
    let pattern = format!("{}b", "*a".repeat(30));
    let name = "a".repeat(200);
    let tokens = format!("X, {name:?}, [{pattern:?} => P]").parse().unwrap();
    let out = lookup_cookie(tokens).to_string();
    assert!(out.contains("compile_error"), "{out}");
    let tokens = "X, \"_ga_K2\", [\"_ga_*\" => GA]".parse().unwrap();
    assert_eq!(lookup_cookie(tokens).to_string(), "X :: GA");
}

/// The tokens of `VALID`, one string each, as the lexer sees them.
fn valid_tokens() -> Vec<String> {
    fn flatten(stream: TokenStream, out: &mut Vec<String>) {
        for tree in stream {
            match tree {
                proc_macro2::TokenTree::Group(group) => {
                    let (open, close) = match group.delimiter() {
                        proc_macro2::Delimiter::Brace => ("{", "}"),
                        proc_macro2::Delimiter::Bracket => ("[", "]"),
                        proc_macro2::Delimiter::Parenthesis => ("(", ")"),
                        proc_macro2::Delimiter::None => ("", ""),
                    };
                    out.push(open.to_owned());
                    flatten(group.stream(), out);
                    out.push(close.to_owned());
                }
                other => out.push(other.to_string()),
            }
        }
    }
    let mut out = Vec::new();
    flatten(VALID.parse().unwrap(), &mut out);
    out
}

/// Tokens a mutation may put in.
const VOCABULARY: &[&str] = &[
    "necessary",
    "statistics",
    "marketing",
    "preferences",
    "extern",
    "as",
    "struct",
    "pub",
    "max_age",
    "session",
    "0",
    "400",
    "13",
    "months",
    "days",
    "fortnights",
    "-",
    "secure",
    "true",
    "false",
    "same_site",
    "None",
    "path",
    "\"\"",
    "\"/\"",
    "\"é\\u{0}\"",
    "domain",
    "\"a b\"",
    "consent_exempt",
    "stores_consent",
    "csrf_token",
    "consent_retention",
    "tag",
    "embed",
    "sets",
    "src",
    "inline",
    "loading",
    "async",
    "defer",
    "set_by",
    "consent_mode",
    "analytics_storage",
    "security_storage",
    "denied",
    "\"</script>\"",
    "\"http://x.fr/a.js\"",
    "site",
    "\"https://x.fr\"",
    ":",
    ",",
    ";",
    "{",
    "}",
    "(",
    ")",
    "#",
    "[",
    "]",
    "\"__Host-x\"",
    "\"__secure-y\"",
    "r#match",
    "18446744073709551616",
    "1u8",
    "'a'",
    "b\"x\"",
    "provider",
    "purpose",
    "service",
    "*",
    "_",
];

#[derive(Clone, Debug)]
enum Mutation {
    Delete(usize),
    Insert(usize, usize),
    Replace(usize, usize),
    Swap(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Delete),
        (any::<usize>(), 0..VOCABULARY.len()).prop_map(|(at, word)| Mutation::Insert(at, word)),
        (any::<usize>(), 0..VOCABULARY.len()).prop_map(|(at, word)| Mutation::Replace(at, word)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
    ]
}

fn mutate(mut tokens: Vec<String>, mutations: &[Mutation]) -> String {
    for mutation in mutations {
        let len = tokens.len().max(1);
        match *mutation {
            Mutation::Delete(at) if !tokens.is_empty() => {
                tokens.remove(at % len);
            }
            Mutation::Insert(at, word) => {
                tokens.insert(at % (tokens.len() + 1), VOCABULARY[word].to_owned())
            }
            Mutation::Replace(at, word) if !tokens.is_empty() => {
                tokens[at % len] = VOCABULARY[word].to_owned();
            }
            Mutation::Swap(a, b) if !tokens.is_empty() => tokens.swap(a % len, b % len),
            _ => {}
        }
    }
    tokens.join(" ")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// A valid declaration with a few tokens deleted, added, replaced or
    /// swapped: code or errors, never a panic.
    #[test]
    fn mutated_declarations_never_panic(mutations in proptest::collection::vec(mutation(), 1..6)) {
        let source = mutate(valid_tokens(), &mutations);
        let _ = expand(&source);
    }

    /// Any sequence of the grammar's words and punctuation: the same.
    #[test]
    fn arbitrary_token_streams_never_panic(words in proptest::collection::vec(0..VOCABULARY.len(), 0..40)) {
        let source: Vec<&str> = words.iter().map(|&w| VOCABULARY[w]).collect();
        let _ = expand(&source.join(" "));
    }

    /// Any text the lexer accepts.
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = expand(&text);
    }

    /// Generated valid declarations expand without errors.
    #[test]
    fn generated_valid_declarations_expand(
        names in proptest::collection::btree_set("[a-z][a-z0-9]{0,12}", 1..12),
        texts in proptest::collection::vec("[A-Za-zéà' .,!?()-]{1,40}", 3),
        months in 1_u64..=13,
    ) {
        let cookies: Vec<String> = names
            .iter()
            .map(|name| {
                format!(
                    "{name:?} {{ provider: {:?}, service: {:?}, purpose: {:?}, max_age: {months} months }}",
                    texts[0].trim().replace(' ', "_") + "x",
                    texts[1].trim().replace(' ', "_") + "x",
                    texts[2].trim().replace(' ', "_") + "x",
                )
            })
            .collect();
        let source = format!(
            "pub struct R {{ site: \"https://example.fr\" }} statistics {{ {} }}",
            cookies.join("\n")
        );
        let out = expand(&source).expect("lexes");
        prop_assert!(!out.contains("compile_error"), "{}\n{}", source, out);
    }
}

/// One cookie of a generated valid declaration, as source: any category,
/// any name the rules allow (identifiers, token characters, prefixes in any
/// case), any text without line breaks, and attributes that obey every
/// rule.
fn valid_cookie() -> impl Strategy<Value = (usize, String, String)> {
    let name = prop_oneof![
        "[a-z][a-z0-9_]{0,12}",
        "[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]{0,15}",
        (
            "(__Host-|__host-|__HOST-|__Secure-|__secure-)",
            "[A-Za-z0-9]{1,8}"
        )
            .prop_map(|(prefix, rest)| format!("{prefix}{rest}")),
    ];
    let text = "\\PC{0,30}[A-Za-zéà!?]\\PC{0,30}";
    let lifetime = prop_oneof![
        Just(String::new()),
        Just("max_age: session,".to_owned()),
        (
            1_u64..=390,
            prop::sample::select(vec!["seconds", "minutes", "hours", "days"])
        )
            .prop_map(|(n, unit)| format!("max_age: {n} {unit},")),
        (1_u64..=13).prop_map(|n| format!("max_age: {n} months,")),
        Just("max_age: 1 year,".to_owned()),
    ];
    (
        0_usize..4,
        name,
        [text, text, text],
        lifetime,
        any::<[bool; 4]>(),
        0_usize..3,
        prop_oneof![Just("/"), Just("/app"), Just("/a/b-c")],
        prop_oneof![Just(""), Just("example.fr"), Just(".sub.example.fr")],
    )
        .prop_map(
            |(category, name, texts, lifetime, flags, same_site, path, domain)| {
                let [secure, http_only, partitioned, as_string] = flags;
                let lower = name.to_ascii_lowercase();
                let host = lower.starts_with("__host-");
                let same_site = ["Strict", "Lax", "None"][same_site];
                // Each rule that needs Secure gets it; a `__Host-` cookie
                // gets Path=/ and no Domain.
                let secure = secure
                    || host
                    || lower.starts_with("__secure-")
                    || partitioned
                    || same_site == "None";
                let (path, domain) = if host { ("/", "") } else { (path, domain) };
                let mut fields = format!(
                    "provider: {:?}, service: {:?}, purpose: {:?}, {lifetime} \
                     secure: {secure}, http_only: {http_only}, same_site: {same_site}, \
                     partitioned: {partitioned}, path: {path:?},",
                    texts[0], texts[1], texts[2]
                );
                if !domain.is_empty() {
                    fields.push_str(&format!(" domain: {domain:?},"));
                }
                let written =
                    if as_string || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                        format!("{name:?}")
                    } else {
                        format!("r#{name}")
                    };
                (category, written, fields)
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// A declaration that obeys every rule, in every category and with
    /// every attribute: it expands without a single error, and every
    /// cookie is in the expansion.
    #[test]
    fn valid_declarations_of_every_shape_expand(
        cookies in proptest::collection::vec(valid_cookie(), 1..8),
        site in "[a-z]{1,10}\\.(fr|eu)",
    ) {
        let mut blocks: [Vec<String>; 4] = Default::default();
        for (index, (category, name, fields)) in cookies.iter().enumerate() {
            // `_{index}` keeps names apart (their last `_` part is the
            // index); `as` gives each its constant.
            let name = match name.strip_suffix('"') {
                Some(string) => format!("{string}_{index}\""),
                None => format!("{name}_{index}"),
            };
            blocks[*category].push(format!("{name} as C{index} {{ {fields} }}"));
        }
        let mut source = format!("pub struct R {{ site: \"https://{site}\" }}\n");
        for (keyword, cookies) in ["necessary", "preferences", "statistics", "marketing"].iter().zip(&blocks) {
            source.push_str(&format!("{keyword} {{ {} }}\n", cookies.join("\n")));
        }
        let out = expand(&source).expect("lexes");
        prop_assert!(!out.contains("compile_error"), "{}\n{}", source, out);
        for index in 0..cookies.len() {
            let constant = format!("const C{index} :");
            prop_assert!(out.contains(&constant), "C{} missing", index);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// `Str` reads a string literal as `syn::LitStr::value` does, whether
    /// written plain, with escapes, or raw with any number of `#`; and
    /// refuses, as `syn` does, what is not a string literal.
    #[test]
    fn string_literals_read_as_syn_reads_them(
        text in "(\\PC|[\"\\\\#\n\t\r\u{0}])*",
        hashes in 0..3_usize,
        form in 0..3_u8,
    ) {
        let source = match form {
            // `Literal::string` escapes what needs it.
            0 => proc_macro2::Literal::string(&text).to_string(),
            // Plain, when nothing needs escaping.
            1 if !text.contains(['"', '\\', '\r']) => format!("\"{text}\""),
            _ => {
                let fence = "#".repeat(hashes);
                let closing = format!("\"{fence}");
                if text.contains('\r') || text.contains(&closing) || hashes == 0 && text.contains('"') {
                    return Ok(());
                }
                format!("r{fence}\"{text}\"{fence}")
            }
        };
        let tokens: TokenStream = source.parse().expect("a literal lexes");
        let ours: crate::ast::Str = syn::parse2(tokens.clone()).expect("a string literal");
        let theirs: syn::LitStr = syn::parse2(tokens).expect("a string literal");
        prop_assert_eq!(ours.value(), theirs.value());
        prop_assert_eq!(ours.value(), text);
    }
}

#[test]
fn what_is_not_a_string_literal_is_not_a_str() {
    for source in ["42", "b\"x\"", "'x'", "x", "\"x\"suffix", "c\"x\""] {
        let tokens: TokenStream = source.parse().expect("lexes");
        let ours = syn::parse2::<crate::ast::Str>(tokens.clone()).is_ok();
        let theirs = syn::parse2::<syn::LitStr>(tokens).is_ok();
        assert_eq!(ours, theirs, "{source}");
    }
}

/// Each language's banner, preferences page and charte hold no fixed text
/// of another language.
mod languages {
    use std::fmt::Write as _;

    use proc_macro2::TokenStream;

    use crate::ast::Input;
    use crate::ctxt::Ctxt;
    use crate::lang::Lang;
    use crate::model::Registry;
    use crate::render::charte::render_all;
    use crate::render::texts::texts;
    use crate::render::{banner, preferences};
    use crate::rules;

    /// Runs of words two languages genuinely share, which may appear in
    /// either: names, not translations.
    const SHARED: &[&str] = &["Global Privacy Control"];

    /// A registry published in every language: each category, a
    /// consent-exempt cookie, tags, an embed, `set_by`, the lifetime and
    /// consent columns and each unit. Its declared texts are neutral
    /// (`P1 xx`), so that only fixed texts can carry words.
    fn registry() -> Registry {
        let langs: Vec<&str> = Lang::ALL.iter().map(|lang| lang.code()).collect();
        let per_lang = |what: &str| -> String {
            let entries: Vec<String> = langs
                .iter()
                .map(|code| format!("{code}: \"{what} {code}\""))
                .collect();
            format!("{{ {} }}", entries.join(", "))
        };
        let mut source = format!(
            "pub struct Site {{ site: \"https://example.eu\", languages: [{}], \
             show_lifetime: true, show_consent: true }}\n",
            langs.join(", ")
        );
        let cookies = [
            ("necessary", "sid", "session", ""),
            ("necessary", "consent", "6 months", ", stores_consent: true"),
            ("preferences", "theme", "1 year", ""),
            ("preferences", "font", "2 weeks", ""),
            ("statistics", "visits", "13 months", ""),
            ("statistics", "audience", "1 day", ", consent_exempt: true"),
            ("statistics", "hits", "45 seconds", ""),
            ("marketing", "ads", "30 minutes", ""),
            ("marketing", "retarget", "2 hours", ""),
            ("marketing", "pixel", "1 week", ""),
            ("marketing", "probe", "1 minute", ""),
            ("marketing", "ping", "1 hour", ""),
            ("marketing", "tick", "1 second", ""),
            ("marketing", "tracker", "5 days", ""),
        ];
        for (category, name, max_age, rest) in cookies {
            let _ = writeln!(
                source,
                "{category} {{ {name} {{ provider: \"Acme\", service: {}, purpose: {}, \
                 max_age: {max_age}{rest} }} }}",
                per_lang("S"),
                per_lang("P")
            );
        }
        source
            .push_str("marketing { extern YSC { provider: \"Acme\", service: \"Tube\", purpose: ");
        source.push_str(&per_lang("V"));
        source.push_str(" } embed tube { provider: \"Acme\", service: \"Tube\", sets: [YSC] } }\n");
        source.push_str("statistics { extern _x { provider: \"Acme\", service: \"X\", purpose: ");
        source.push_str(&per_lang("X"));
        source.push_str(
            ", max_age: 1 day, set_by: \"Acme\" } tag counter { provider: \"Acme\", \
                         service: \"Count\", src: \"https://example.eu/c.js\", sets: [] } }\n",
        );
        let tokens: TokenStream = source.parse().expect("lexes");
        let input: Input = syn::parse2(tokens).expect("parses");
        let cx = Ctxt::default();
        let registry = rules::check(&input, &cx);
        assert!(cx.into_compile_errors().is_empty(), "{source}");
        registry
    }

    /// What a visitor reads in `lang`: its banner, preferences page and
    /// chartes, HTML entities read back.
    fn rendered(registry: &Registry, lang: Lang, chartes: &[[String; 3]]) -> String {
        let at = registry
            .langs
            .iter()
            .position(|&l| l == lang)
            .expect("published");
        let mut all = banner::render_banner(registry, lang);
        all.push_str(&preferences::render_preferences(registry, lang));
        for charte in &chartes[at] {
            all.push_str(charte);
        }
        all.replace("&#39;", "'")
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    }

    /// The runs of words of `text` a leftover would show: the whole text
    /// if it has two words, each run of three if more; none of one word.
    fn runs(text: &str) -> Vec<String> {
        let words: Vec<&str> = text.split_whitespace().collect();
        match words.len() {
            0 | 1 => Vec::new(),
            2 => vec![words.join(" ")],
            _ => words.windows(3).map(|run| run.join(" ")).collect(),
        }
    }

    #[test]
    fn no_fixed_text_of_another_language_is_left() {
        let registry = registry();
        let chartes = render_all(&registry, &registry.langs);
        let own: Vec<Lang> = Lang::ALL
            .into_iter()
            .filter(|&lang| texts(lang).is_own(lang))
            .collect();
        assert!(own.contains(&Lang::Fr) && own.contains(&Lang::En));
        for &lang in &own {
            let page = rendered(&registry, lang, &chartes);
            for other in own.iter().copied().filter(|&other| other != lang) {
                for text in texts(other).strings() {
                    for run in runs(text) {
                        if SHARED.iter().any(|shared| shared.contains(run.as_str())) {
                            continue;
                        }
                        assert!(
                            !page.contains(&run),
                            "{lang:?}'s pages hold {other:?}'s `{run}`"
                        );
                    }
                }
                // Each lifetime in the other language's words, where they
                // differ from this language's.
                for cookie in &registry.cookies {
                    let theirs = texts(other).lifetime.of(cookie.lifetime);
                    let ours = texts(lang).lifetime.of(cookie.lifetime);
                    if theirs != ours && theirs.contains(' ') {
                        assert!(
                            !page.contains(&format!(">{theirs}<"))
                                && !page.contains(&format!("\t{theirs}\t"))
                                && !page.contains(&format!("| {theirs} |")),
                            "{lang:?}'s charte has {other:?}'s `{theirs}`"
                        );
                    }
                }
            }
            // And its own words are there: each category's heading and
            // label, each column.
            let mine = texts(lang);
            for text in mine.charte.categories.iter().chain(&mine.charte.columns) {
                assert!(page.contains(text), "{lang:?}: {text}");
            }
            for text in mine.forms.labels.iter().chain(&mine.tags.columns) {
                assert!(page.contains(text), "{lang:?}: {text}");
            }
        }
    }
}
