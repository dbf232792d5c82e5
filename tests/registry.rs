//! The generated registry: constants, `COOKIES`, `get`, the `Registry`
//! trait and the lookup by real name.

use cookie_decl::{Category, CookieSpec, Registry, declare_cookies};

declare_cookies! {
    /// The cookies of an example portal.
    pub struct SiteCookies {
        site: "https://data.example.fr",
        max_age: 1 day,
    }
    necessary {
        sessionid {
            provider: "Opendatasoft",
            service: "Authentification (front et back office)",
            purpose: "Se souvenir de l'utilisateur d'une page à une autre.",
            max_age: session,
        }
        "__Host-sid" {
            provider: "Example",
            service: "Login",
            purpose: "Keep you signed in.",
        }
        "csrf-token.v2" as CSRF {
            provider: "Example",
            service: "Forms",
            purpose: "Protect forms.",
        }
    }
    preferences {
        r#type { provider: "Example", service: "Layout", purpose: "Remember the layout." }
    }
    statistics {
        extern "_ga_*" as GA_STREAM {
            provider: "Google",
            service: "Google Analytics",
            purpose: "Keep the state of a session.",
            max_age: 13 months,
        }
        extern _ga {
            provider: "Google",
            service: "Google Analytics",
            purpose: "Tell visitors apart.",
            max_age: 13 months,
        }
    }
}

#[test]
fn constants_carry_the_declaration() {
    let sid = SiteCookies::SESSIONID;
    assert_eq!(sid.name(), "sessionid");
    assert_eq!(sid.provider(), "Opendatasoft");
    assert_eq!(sid.service(), "Authentification (front et back office)");
    assert_eq!(
        sid.purpose(),
        "Se souvenir de l'utilisateur d'une page à une autre."
    );
    assert_eq!(sid.category(), Category::Necessary);
    assert!(!sid.needs_consent());
    assert_eq!(
        sid.max_age(),
        None,
        "`max_age: session` overrides the registry default"
    );
    assert_eq!(SiteCookies::TYPE.category(), Category::Preferences);
    assert!(SiteCookies::TYPE.needs_consent());
    assert_eq!(SiteCookies::TYPE.name(), "type");
}

#[test]
fn constant_names_follow_the_screaming_snake_case_rule() {
    assert_eq!(SiteCookies::HOST_SID.name(), "__Host-sid");
    assert_eq!(SiteCookies::CSRF.name(), "csrf-token.v2");
    assert_eq!(SiteCookies::GA_STREAM.name(), "_ga_*");
    assert_eq!(SiteCookies::GA.name(), "_ga");
}

#[test]
fn registry_defaults_apply_unless_overridden() {
    assert_eq!(
        SiteCookies::HOST_SID.max_age().unwrap().whole_seconds(),
        86_400
    );
    assert_eq!(SiteCookies::HOST_SID.lifetime(), "1 day");
    assert_eq!(SiteCookies::GA.lifetime(), "13 months");
    assert_eq!(SiteCookies::GA.max_age().unwrap().whole_days(), 390);
}

#[test]
fn cookies_lists_every_cookie_in_declaration_order() {
    let names: Vec<&str> = SiteCookies::COOKIES.iter().map(CookieSpec::name).collect();
    assert_eq!(
        names,
        [
            "sessionid",
            "__Host-sid",
            "csrf-token.v2",
            "type",
            "_ga_*",
            "_ga"
        ]
    );
    assert!(SiteCookies::COOKIES[4].is_external());
    assert!(!SiteCookies::COOKIES[0].is_external());
}

#[test]
fn get_finds_a_cookie_by_its_real_name() {
    assert_eq!(
        SiteCookies::get("sessionid"),
        Some(SiteCookies::SESSIONID.spec())
    );
    assert_eq!(
        SiteCookies::get("__Host-sid").map(CookieSpec::name),
        Some("__Host-sid")
    );
    assert_eq!(
        SiteCookies::get("csrf-token.v2").map(CookieSpec::name),
        Some("csrf-token.v2")
    );
    assert_eq!(SiteCookies::get("_ga").map(CookieSpec::name), Some("_ga"));
    // A pattern is found by any name it matches.
    assert_eq!(
        SiteCookies::get("_ga_K2X9QZ").map(CookieSpec::name),
        Some("_ga_*")
    );
    for missing in [
        "",
        "SESSIONID",
        "sessionid2",
        "sessionie",
        "__host-sid",
        "_g",
        "x",
    ] {
        assert_eq!(SiteCookies::get(missing), None, "{missing:?}");
    }
}

#[test]
fn get_tells_apart_names_of_equal_length() {
    declare_cookies! {
        struct Similar { site: "https://example.fr" }
        necessary {
            aaaa { provider: "P", service: "S", purpose: "1" }
            aaab { provider: "P", service: "S", purpose: "2" }
            abaa { provider: "P", service: "S", purpose: "3" }
            baaa { provider: "P", service: "S", purpose: "4" }
            bbbb { provider: "P", service: "S", purpose: "5" }
        }
    }
    for spec in Similar::COOKIES {
        assert_eq!(Similar::get(spec.name()), Some(spec));
    }
    for missing in ["aaac", "abab", "bbba", "cccc", "aaa", "aaaaa"] {
        assert_eq!(Similar::get(missing), None, "{missing:?}");
    }
}

#[test]
fn get_finds_names_with_every_token_character() {
    declare_cookies! {
        struct Punctuated { site: "https://example.fr" }
        necessary {
            "a!b" as BANG { provider: "P", service: "S", purpose: "1" }
            "a#b" as HASH { provider: "P", service: "S", purpose: "2" }
            "a'b" as QUOTE { provider: "P", service: "S", purpose: "3" }
            "a`b" as BACKTICK { provider: "P", service: "S", purpose: "4" }
            "a|b" as PIPE { provider: "P", service: "S", purpose: "5" }
            "a~b" as TILDE { provider: "P", service: "S", purpose: "6" }
            "$%&*+-.^_" as SYMBOLS { provider: "P", service: "S", purpose: "7" }
        }
    }
    for spec in Punctuated::COOKIES {
        assert_eq!(Punctuated::get(spec.name()), Some(spec), "{}", spec.name());
    }
    assert_eq!(Punctuated::get("a'b").map(|c| c.purpose()), Some("3"));
    for missing in ["a\"b", "a\\b", "a b", "ab", "$%&*+-.^-"] {
        assert_eq!(Punctuated::get(missing), None, "{missing:?}");
    }
}

#[test]
fn the_registry_trait_serves_generic_code() {
    fn consent_cookies<R: Registry>() -> Vec<&'static str> {
        R::COOKIES
            .iter()
            .filter(|c| c.needs_consent())
            .map(|c| c.name())
            .collect()
    }
    assert_eq!(consent_cookies::<SiteCookies>(), ["type", "_ga_*", "_ga"]);
    assert_eq!(<SiteCookies as Registry>::SITE, "https://data.example.fr");
    assert_eq!(
        <SiteCookies as Registry>::get("sessionid"),
        SiteCookies::get("sessionid")
    );
    assert_eq!(<SiteCookies as Registry>::CHARTE, SiteCookies::CHARTE);
}

#[test]
fn lookup_by_real_name_gives_the_constant() {
    assert_eq!(SiteCookies!("sessionid"), SiteCookies::SESSIONID);
    assert_eq!(SiteCookies!("__Host-sid"), SiteCookies::HOST_SID);
    assert_eq!(SiteCookies!("_ga_*").name(), "_ga_*");
    // A name that a pattern matches gives the pattern's constant.
    assert_eq!(SiteCookies!("_ga_K2X9QZ"), SiteCookies::GA_STREAM);
}

/// A `pub` registry declared in a function body (a test's, a doctest's
/// `main`): its lookup macro, exported as every `pub` registry's is, raises
/// no `non_local_definitions` warning, denied here so that this fails to
/// compile if it comes back.
#[test]
#[deny(non_local_definitions)]
fn a_pub_registry_in_a_function_builds_without_a_warning() {
    declare_cookies! {
        pub struct InFunction { site: "https://example.fr" }
        necessary {
            sid { provider: "Example", service: "Sign-in", purpose: "Keep the session." }
        }
    }
    assert_eq!(InFunction!("sid"), InFunction::SID);
}

mod elsewhere {
    // Importing the registry imports its lookup macro too.
    use super::SiteCookies;

    #[test]
    fn lookup_works_from_another_module() {
        assert_eq!(SiteCookies!("csrf-token.v2").name(), "csrf-token.v2");
    }
}

/// A user's `macro_rules!` that passes every value as a fragment.
macro_rules! one_cookie_site {
    ($vis:vis $registry:ident, $site:literal, $name:ident, $purpose:expr, $age:literal) => {
        declare_cookies! {
            $vis struct $registry { site: $site }
            necessary {
                $name {
                    provider: "Example",
                    service: "Login",
                    purpose: $purpose,
                    max_age: $age days,
                }
            }
        }
    };
}

one_cookie_site!(pub FromFragments, "https://fragments.example.fr", sid, "Keep you signed in.", 7);
one_cookie_site!(
    Private,
    "https://private.example.fr",
    token,
    "Keep a token.",
    1
);

#[test]
fn fragments_of_a_user_macro_are_accepted_like_written_tokens() {
    assert_eq!(FromFragments::SITE, "https://fragments.example.fr");
    assert_eq!(FromFragments::SID.name(), "sid");
    assert_eq!(FromFragments::SID.purpose(), "Keep you signed in.");
    assert_eq!(FromFragments::SID.max_age().unwrap().whole_days(), 7);
    assert!(FromFragments::CHARTE.contains("<https://fragments.example.fr>"));
    assert_eq!(Private::TOKEN.name(), "token");
}

#[test]
fn registries_can_be_declared_in_a_function_body() {
    declare_cookies! {
        struct Local { site: "https://local.example.fr" }
        necessary {
            sid { provider: "Example", service: "Login", purpose: "Keep you signed in." }
        }
    }
    assert_eq!(Local::SID.name(), "sid");
    assert_eq!(Local!("sid"), Local::SID);
    assert_eq!(Local::get("sid"), Some(Local::SID.spec()));
}

mod two_registries {
    use cookie_decl::declare_cookies;

    declare_cookies! {
        pub struct Front { site: "https://front.example.fr" }
        necessary {
            sid { provider: "Example", service: "Front", purpose: "Keep you signed in." }
        }
    }

    declare_cookies! {
        pub struct Back { site: "https://back.example.fr" }
        necessary {
            sid { provider: "Example", service: "Back office", purpose: "Keep you signed in." }
        }
    }

    #[test]
    fn two_registries_live_side_by_side() {
        assert_eq!(Front::SID.service(), "Front");
        assert_eq!(Back::SID.service(), "Back office");
        assert_eq!(Front!("sid").service(), "Front");
        assert_eq!(Back!("sid").service(), "Back office");
    }
}

#[test]
fn declared_text_comes_through_verbatim() {
    declare_cookies! {
        struct Verbatim { site: "https://example.fr/#top" }
        necessary {
            /// A doc comment with "#quotes"# and a \ backslash.
            odd {
                provider: r##"Say "#1" \ "#"##,
                service: "Tab\\t and \"quotes\" and a raw \\n",
                purpose: "Ends with a quote-hash \"#",
            }
        }
    }
    let odd = Verbatim::get("odd").unwrap();
    assert_eq!(odd.provider(), r##"Say "#1" \ "#"##);
    assert_eq!(odd.service(), r#"Tab\t and "quotes" and a raw \n"#);
    assert_eq!(odd.purpose(), r##"Ends with a quote-hash "#"##);
    assert_eq!(Verbatim::SITE, "https://example.fr/#top");
    assert!(Verbatim::CHARTE.contains(
        "Say \"#1\" \\ \"#\tTab\\t and \"quotes\" and a raw \\n\todd\tEnds with a quote-hash \"#\n"
    ));
}
