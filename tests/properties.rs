//! Properties that hold for every input: every `Set-Cookie` the builders
//! emit parses back, with the `cookie` crate's own parser, to the same
//! name, value and attributes; encoding is undone by decoding; nothing
//! that reads a request panics, whatever it reads.

use cookie_decl::consent::ConsentForm;
use cookie_decl::cookie::{Cookie, SameSite};
use cookie_decl::{CookieSpec, DeclaredCookie, declare_cookies, decode_value, encode_value};
use proptest::prelude::*;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    necessary {
        sid { provider: "Example", service: "Login", purpose: "Keep you signed in." }
        "__Host-session" {
            provider: "Example", service: "Login", purpose: "Keep you signed in.",
            same_site: Strict, max_age: 2 hours,
        }
        "__Secure-app" {
            provider: "Example", service: "App", purpose: "Remember the state.",
            path: "/app", domain: "example.fr", max_age: 30 minutes,
        }
        embed {
            provider: "Example", service: "Widget", purpose: "Keep the widget's state.",
            same_site: None, partitioned: true, http_only: false,
        }
        plain {
            provider: "Example", service: "Development", purpose: "Work over http.",
            secure: false, max_age: 1 week,
        }
    }
}

declare_cookies! {
    /// A `domain` written with a leading dot, which the `cookie` crate
    /// sends without it.
    pub struct Dotted { site: "https://example.fr" }
    necessary {
        dotted {
            provider: "Example", service: "Login", purpose: "Keep you signed in.",
            domain: ".example.fr", max_age: 400 days,
        }
    }
}

/// Every cookie whose `Set-Cookie` line `.set_cookie` writes: every
/// attribute, every `SameSite`, with and without `Max-Age` and `Domain`.
const LINES: [DeclaredCookie; 6] = [
    Cookies::SID,
    Cookies::HOST_SESSION,
    Cookies::SECURE_APP,
    Cookies::EMBED,
    Cookies::PLAIN,
    Dotted::DOTTED,
];

const ALL: [DeclaredCookie; 5] = [
    Cookies::SID,
    Cookies::HOST_SESSION,
    Cookies::SECURE_APP,
    Cookies::EMBED,
    Cookies::PLAIN,
];

/// `line` parsed by the `cookie` crate has `spec`'s name and attributes,
/// and the value `value`; `Max-Age` is the declared one, or 0 for a
/// removal.
fn parses_back(
    line: &str,
    spec: &CookieSpec,
    value: &str,
    removal: bool,
) -> Result<(), TestCaseError> {
    let parsed = Cookie::parse(line.to_owned())
        .map_err(|e| TestCaseError::fail(format!("{line:?} does not parse: {e}")))?;
    prop_assert_eq!(parsed.name(), spec.name());
    prop_assert_eq!(parsed.value(), value);
    prop_assert_eq!(
        parsed.secure().unwrap_or(false),
        spec.secure() || spec.partitioned()
    );
    prop_assert_eq!(parsed.http_only().unwrap_or(false), spec.http_only());
    prop_assert_eq!(parsed.same_site(), Some(spec.same_site()));
    prop_assert_eq!(parsed.path(), Some(spec.path()));
    prop_assert_eq!(parsed.domain(), spec.domain());
    prop_assert_eq!(parsed.partitioned().unwrap_or(false), spec.partitioned());
    let max_age = parsed.max_age().map(|age| age.whole_seconds());
    let expected = if removal {
        Some(0)
    } else {
        spec.max_age().map(|age| age.whole_seconds())
    };
    prop_assert_eq!(max_age, expected);
    Ok(())
}

/// Any string, control and format characters included: `any::<String>()`
/// leaves out Unicode's whole "Other" category (U+0000 to U+001F, U+007F,
/// U+0085, U+00AD ...). Here, half the strings are at most three
/// characters long (a one-byte value that needs encoding once went out
/// raw), and the characters are mostly those a header treats specially.
fn hostile_string() -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        ';', ',', ' ', '"', '\\', '%', '=', '\t', '\r', '\n', '\0', '\u{1}', '\u{7f}', '\u{85}',
        '\u{a0}', '\u{ad}', '\u{200b}', '\u{feff}', 'é', '😀', 'a', 'Z', '0', '2', 'F',
    ]);
    let character = prop_oneof![
        3 => special,
        2 => any::<char>(),
        2 => proptest::char::range(' ', '~'),
    ];
    let chars = prop_oneof![
        proptest::collection::vec(character.clone(), 0..4),
        proptest::collection::vec(character, 0..64),
    ];
    chars.prop_map(|chars| chars.into_iter().collect())
}

/// A value from an application: hostile, or any string without control
/// characters (longer ones, and every plane of Unicode).
fn any_value() -> impl Strategy<Value = String> {
    prop_oneof![hostile_string(), any::<String>()]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// `.cookie(v)` for any string: the line parses back to the encoded
    /// value and the declared attributes, and the value decodes to `v`;
    /// a value too large gives the removal.
    #[test]
    fn cookie_parses_back(value in any_value(), which in 0..ALL.len()) {
        let cookie = ALL[which];
        let line = cookie.cookie(value.clone()).to_string();
        let encoded = encode_value(&value);
        if cookie.name().len() + encoded.len() > 4096 {
            parses_back(&line, &cookie, "", true)?;
        } else {
            parses_back(&line, &cookie, &encoded, false)?;
            prop_assert_eq!(decode_value(&encoded).unwrap(), value.as_str());
        }
        // Nothing the value holds reaches the header raw.
        prop_assert!(!line.split("; ").next().unwrap_or("").contains([';', ' ', ',', '"', '\\']));
    }

    /// `.try_cookie(v)`, when it accepts, sends `v` as is.
    #[test]
    fn try_cookie_parses_back(value in prop_oneof!["[!-~]{0,64}", hostile_string()], which in 0..ALL.len()) {
        let cookie = ALL[which];
        if let Ok(built) = cookie.try_cookie(value.clone()) {
            parses_back(&built.to_string(), &cookie, &value, false)?;
            prop_assert_eq!(encode_value(&value), value.as_str());
        } else {
            prop_assert!(encode_value(&value) != value.as_str() || cookie.name().len() + value.len() > 4096);
        }
    }

    /// `.set_cookie(v)`, built from the attributes the macro wrote out, is
    /// byte for byte `.cookie(v).to_string()` for any value, encoded or
    /// not; `.set_cookie_header(v)` holds the same bytes.
    #[test]
    fn set_cookie_is_the_cookie_line(
        value in prop_oneof![any_value(), "[!-~]{0,80}"],
        which in 0..LINES.len(),
    ) {
        let cookie = LINES[which];
        let expected = cookie.cookie(value.clone()).to_string();
        prop_assert_eq!(cookie.set_cookie(&value), expected.as_str());
        let header = cookie.set_cookie_header(&value);
        prop_assert_eq!(header.as_bytes(), expected.as_bytes());
    }

    /// Every string survives encoding and decoding.
    #[test]
    fn decode_undoes_encode(value in any_value()) {
        let encoded = encode_value(&value);
        prop_assert_eq!(decode_value(&encoded).unwrap(), value.as_str());
    }

    /// Reading a hostile header or value never panics.
    #[test]
    fn reading_never_panics(header in prop_oneof![any::<String>(), hostile_string(), header()], raw in "(%[0-9a-fA-F]{0,2}|.){0,20}") {
        for cookie in ALL {
            let _ = cookie.read_header(&header);
        }
        let _ = decode_value(&raw);
        let _ = decode_value(&header);
        let _ = Cookies::get(&header);
    }
}

proptest! {
    // Slower cases (long values, whole headers): fewer of them.
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Values as long as browsers allow, near the 4096-byte limit.
    #[test]
    fn long_values_parse_back(len in 4000_usize..4200, byte in prop::sample::select(vec!['a', ';', 'é'])) {
        let value: String = std::iter::repeat_n(byte, len / byte.len_utf8()).collect();
        for cookie in ALL {
            let line = cookie.cookie(value.clone()).to_string();
            let encoded = encode_value(&value);
            let fits = cookie.name().len() + encoded.len() <= 4096;
            parses_back(&line, &cookie, if fits { &encoded } else { "" }, !fits)?;
        }
        // Either side of the limit, `.set_cookie` decides as `.cookie`.
        for cookie in LINES {
            prop_assert_eq!(cookie.set_cookie(&value), cookie.cookie(value.clone()).to_string());
        }
    }

    /// What `.cookie(v)` sends, sent back in a `Cookie` header among any
    /// other pairs, reads back as `v`.
    #[test]
    fn read_header_reads_back_what_cookie_sent(
        value in any_value(),
        which in 0..ALL.len(),
        before in proptest::collection::vec(other_pair(), 0..4),
        after in proptest::collection::vec(other_pair(), 0..4),
    ) {
        let cookie = ALL[which];
        let sent = cookie.cookie(value.clone());
        prop_assume!(sent.max_age() != Some(cookie_decl::cookie::time::Duration::ZERO));
        let mut pairs = before;
        pairs.push(format!("{}={}", sent.name(), sent.value()));
        // The same pair again (a duplicate header) is the same value.
        pairs.push(format!("{}={}", sent.name(), sent.value()));
        pairs.extend(after);
        let header = pairs.join("; ");
        let read = cookie.read_header(&header);
        prop_assert_eq!(read, Ok(Some(value.as_str().into())), "{:?}", header);
        // Another value under the same name: ambiguous, never the first.
        let planted = format!("{header}; {}=planted", sent.name());
        prop_assert_eq!(
            cookie.read_header(&planted),
            if sent.value() == "planted" { Ok(Some(value.as_str().into())) } else { Err(cookie_decl::DecodeError::Ambiguous) },
            "{:?}", planted
        );
    }
}

/// A pair of another cookie, with any value but the `;` that would end it:
/// its name starts with `x`, which no declared name does.
fn other_pair() -> impl Strategy<Value = String> {
    ("x[a-z_]{0,6}", hostile_string(), "[ \t]{0,2}")
        .prop_map(|(name, value, space)| format!("{space}{name}={}", value.replace(';', "")))
}

/// A `Cookie` header of declared names and other pairs, any of them
/// quoted, unterminated, empty or holding broken escapes.
fn header() -> impl Strategy<Value = String> {
    let name = prop::sample::select(vec![
        "sid",
        "__Host-session",
        "__Secure-app",
        "embed",
        "plain",
        "x",
        "",
    ]);
    let value = prop_oneof![
        hostile_string(),
        "(%[0-9a-fA-F]{0,2}|%C3|%A9|%FF|\"|.){0,12}"
    ];
    let pair =
        (name, "[ \t=]{0,2}", value).prop_map(|(name, eq, value)| format!("{name}{eq}={value}"));
    proptest::collection::vec(pair, 0..6).prop_map(|pairs| pairs.join(";"))
}

/// `s` encoded as in an `application/x-www-form-urlencoded` body: every
/// byte but ASCII letters and digits as `%XX`.
fn form_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

proptest! {
    /// The consent form's reader on any body: a form or an error, never a
    /// panic, and never a form without a CSRF token.
    #[test]
    fn consent_form_reader_never_panics(
        body in prop_oneof![
            hostile_string(),
            proptest::collection::vec(
                ("(csrf_token|consent|category|%63onsent|)", "=?", hostile_string()),
                0..5,
            )
            .prop_map(|pairs| {
                pairs.iter().map(|(k, eq, v)| format!("{k}{eq}{v}")).collect::<Vec<_>>().join("&")
            }),
        ],
    ) {
        if let Ok(form) = ConsentForm::parse(&body) {
            prop_assert!(!form.csrf_token().is_empty());
        }
    }

    /// Any token the application put in the page comes back as is,
    /// whatever the order of the fields.
    #[test]
    fn consent_form_reads_back_its_token(
        token in any_value().prop_filter("not empty", |t| !t.is_empty()),
        action in prop::sample::select(vec!["all", "none", "customise"]),
        token_first in any::<bool>(),
    ) {
        let fields = [format!("csrf_token={}", form_encode(&token)), format!("consent={action}")];
        let body = if token_first { fields.join("&") } else { format!("{}&{}", fields[1], fields[0]) };
        let form = ConsentForm::parse(&body).map_err(|e| TestCaseError::fail(format!("{body}: {e}")))?;
        prop_assert_eq!(form.csrf_token(), token.as_str());
    }
}

/// A cookie with any of the attributes the `cookie` crate writes, each
/// set, unset, or set to `false`, `Domain` with or without its leading
/// dot, `Max-Age` of any sign, and sometimes an `Expires`.
fn any_cookie() -> impl Strategy<Value = Cookie<'static>> {
    let flag = || prop::option::of(any::<bool>());
    let same_site = prop::option::of(prop::sample::select(vec![
        SameSite::Strict,
        SameSite::Lax,
        SameSite::None,
    ]));
    (
        ("[!#-+.0-9A-Z^-z|~-]{0,12}", "[!-:<-~]{0,40}"),
        (flag(), flag(), flag(), same_site),
        (
            prop::option::of("/[!-:<-~]{0,12}"),
            prop::option::of("\\.?[a-z]{1,8}\\.fr"),
        ),
        (
            prop::option::of(any::<i32>()),
            prop::option::of(0_i64..4_000_000_000),
        ),
    )
        .prop_map(
            |(
                (name, value),
                (secure, http_only, partitioned, same_site),
                (path, domain),
                (max_age, expires),
            )| {
                let mut cookie = Cookie::new(name, value);
                if let Some(secure) = secure {
                    cookie.set_secure(secure);
                }
                if let Some(http_only) = http_only {
                    cookie.set_http_only(http_only);
                }
                if let Some(partitioned) = partitioned {
                    cookie.set_partitioned(partitioned);
                }
                if let Some(same_site) = same_site {
                    cookie.set_same_site(same_site);
                }
                if let Some(path) = path {
                    cookie.set_path(path);
                }
                if let Some(domain) = domain {
                    cookie.set_domain(domain);
                }
                if let Some(seconds) = max_age {
                    cookie
                        .set_max_age(cookie_decl::cookie::time::Duration::seconds(seconds.into()));
                }
                if let Some(at) = expires {
                    cookie.set_expires(
                        cookie_decl::cookie::time::OffsetDateTime::from_unix_timestamp(at)
                            .expect("in range"),
                    );
                }
                cookie
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// The line the framework integrations write for a cookie they did
    /// not build (`SetCookies`, `WithCookies::cookie`) is byte for byte
    /// its `to_string()`, whatever its attributes.
    #[test]
    fn set_cookie_line_is_to_string(cookie in any_cookie()) {
        prop_assert_eq!(cookie_decl::__private::set_cookie_line(&cookie), cookie.to_string());
    }
}

/// A removal's line, written from the precomputed attributes, is byte for
/// byte `.removal().to_string()`, for every attribute and `Max-Age` or
/// none.
#[test]
fn removal_line_is_the_removal() {
    for cookie in LINES {
        assert_eq!(
            cookie_decl::__private::removal_line(&cookie),
            cookie.removal().to_string()
        );
        assert_eq!(
            cookie_decl::__private::set_cookie_line(&cookie.removal()),
            cookie.removal().to_string()
        );
    }
}

#[test]
fn removals_parse_back() {
    for cookie in ALL {
        let line = cookie.removal().to_string();
        parses_back(&line, &cookie, "", true).unwrap();
    }
    // The declared attributes the removals carry are exactly these.
    assert_eq!(Cookies::EMBED.same_site(), SameSite::None);
}
