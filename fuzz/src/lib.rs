//! What the fuzz targets share: a registry, and the macro's pipeline.
//!
//! A proc-macro crate exports only its macros, so the fuzz targets cannot
//! call `cookie-decl-macros`' functions. This crate compiles the macro
//! crate's own source files as its modules instead (`#[path]`), the very
//! code the macro runs, and calls its entry points on `proc_macro2` token
//! streams; outside a macro, the pipeline lexes with `proc_macro2`.
//! Each layer of the macro crate that is a folder is named by its
//! `mod.rs`, from which its own files load.
#![allow(dead_code, clippy::all)]

extern crate proc_macro;

#[path = "../../cookie-decl-macros/src/ast.rs"]
mod ast;
#[path = "../../cookie-decl-macros/src/ctxt.rs"]
mod ctxt;
#[path = "../../cookie-decl-macros/src/expand/mod.rs"]
mod expand;
#[path = "../../cookie-decl-macros/src/lang.rs"]
mod lang;
#[path = "../../cookie-decl-macros/src/model/mod.rs"]
mod model;
#[path = "../../cookie-decl-macros/src/parse.rs"]
mod parse;
#[path = "../../cookie-decl-macros/src/render/mod.rs"]
mod render;
#[path = "../../cookie-decl-macros/src/rules/mod.rs"]
mod rules;
#[path = "../../cookie-decl-macros/src/suggest.rs"]
mod suggest;

/// `declare_cookies!` on `tokens`.
pub fn declare_cookies(tokens: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    expand::declare_cookies(tokens)
}

/// The lookup macro's expansion on `tokens`.
pub fn lookup_cookie(tokens: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    expand::lookup::lookup_cookie(tokens)
}

cookie_decl::declare_cookies! {
    /// A registry with every kind of cookie the targets read.
    pub struct Site {
        site: "https://data.example.fr",
    }
    necessary {
        sid { provider: "P", service: "S", purpose: "Session." }
        "__Host-csrf" as CSRF { provider: "P", service: "S", purpose: "Forms.", same_site: Strict, csrf_token: true }
        consent { provider: "P", service: "S", purpose: "Choice.", max_age: 6 months, stores_consent: true }
    }
    preferences {
        lang { provider: "P", service: "S", purpose: "Language.", max_age: 1 year, http_only: false, path: "/app" }
    }
    statistics {
        visits { provider: "P", service: "S", purpose: "Count.", max_age: 13 months }
        audience { provider: "P", service: "S", purpose: "Audience.", max_age: 13 months, consent_exempt: true }
        extern "_ga_*" as GA { provider: "G", service: "A", purpose: "Tell apart.", max_age: 13 months, domain: ".example.fr" }
    }
    marketing {
        ad { provider: "P", service: "S", purpose: "Ads.", same_site: None, partitioned: true, domain: "example.fr" }
    }
}

/// The time the targets read consents at: 2026-11-26, fixed so that a
/// crash replays alike.
pub const NOW_SECONDS: u64 = 1_795_600_800;

/// [`NOW_SECONDS`] as a `SystemTime`.
pub fn now() -> std::time::SystemTime {
    std::time::UNIX_EPOCH + std::time::Duration::from_secs(NOW_SECONDS)
}

/// The consent cookie signed with a fixed key: no input the fuzzer makes
/// carries its HMAC.
pub fn signed_store() -> cookie_decl::consent::ConsentCookie<Site> {
    cookie_decl::consent::ConsentCookie::signed(cookie_decl::cookie::Key::from(&[7; 64]))
}

/// The input as several `Cookie` headers: split on the byte `0xFF`, which
/// no readable pair holds.
pub fn split_headers(data: &[u8]) -> Vec<&[u8]> {
    data.split(|&b| b == 0xFF).collect()
}

/// What the library must compute, written again from its documentation
/// (RFC 6265 §4.1.1 and RFC 9110 §5.6.2 for the header, the consent
/// cookie's format, the CSRF rules), so that the targets check the
/// library's answers rather than merely run them.
pub mod expect {
    use cookie_decl::consent::ConsentRegistry;

    use super::Site;

    /// One `;`-separated segment of a `Cookie` header, empty ones left out.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Segment<'a> {
        /// A readable pair: the name a token or empty, the value visible
        /// ASCII with inner spaces and tabs, outer quotes dropped.
        Pair(&'a str, &'a str),
        /// Anything else.
        Invalid,
    }

    fn ows(b: u8) -> bool {
        b == b' ' || b == b'\t'
    }

    fn trim(mut bytes: &[u8]) -> &[u8] {
        while let [first, rest @ ..] = bytes {
            if !ows(*first) {
                break;
            }
            bytes = rest;
        }
        while let [rest @ .., last] = bytes {
            if !ows(*last) {
                break;
            }
            bytes = rest;
        }
        bytes
    }

    /// RFC 9110 §5.6.2 `tchar`.
    pub fn is_token_byte(b: u8) -> bool {
        b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
    }

    /// A byte a readable value may hold.
    pub fn is_value_byte(b: u8) -> bool {
        (b' '..=b'~').contains(&b) || b == b'\t'
    }

    /// Every non-empty segment of `header`.
    pub fn segments(header: &[u8]) -> Vec<Segment<'_>> {
        let mut out = Vec::new();
        for raw in header.split(|&b| b == b';') {
            let raw = trim(raw);
            if raw.is_empty() {
                continue;
            }
            let (name, value) = match raw.iter().position(|&b| b == b'=') {
                Some(eq) => (trim(&raw[..eq]), trim(&raw[eq + 1..])),
                None => (&b""[..], raw),
            };
            let value = if value.len() >= 2 && value[0] == b'"' && value[value.len() - 1] == b'"'
            {
                &value[1..value.len() - 1]
            } else {
                value
            };
            if name.iter().copied().all(is_token_byte) && value.iter().copied().all(is_value_byte)
            {
                // ASCII, so UTF-8.
                out.push(Segment::Pair(
                    core::str::from_utf8(name).unwrap(),
                    core::str::from_utf8(value).unwrap(),
                ));
            } else {
                out.push(Segment::Invalid);
            }
        }
        out
    }

    /// The different readable values `header` carries under `name`, in
    /// the order they first appear.
    pub fn values<'a>(header: &'a [u8], name: &str) -> Vec<&'a str> {
        let mut out: Vec<&str> = Vec::new();
        for segment in segments(header) {
            if let Segment::Pair(n, v) = segment {
                if n == name && !out.contains(&v) {
                    out.push(v);
                }
            }
        }
        out
    }

    /// Exactly what `CsrfToken::issue` writes: 32 lowercase hex digits.
    pub fn well_formed_token(token: &str) -> bool {
        token.len() == 32 && token.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    }

    /// The token of the `csrf_token` cookie a request carries: `Ok` when
    /// it carries exactly one value and that value is well formed;
    /// `Err(true)` when it carries two different values; `Err(false)` when
    /// none, or one that is not a token.
    pub fn csrf_cookie(header: &[u8]) -> Result<&str, bool> {
        match values(header, "__Host-csrf").as_slice() {
            [token] if well_formed_token(token) => Ok(token),
            [] | [_] => Err(false),
            _ => Err(true),
        }
    }

    /// `application/x-www-form-urlencoded` decoding: `+` a space, `%XX` a
    /// byte, a `%` without two hex digits kept as is; `None` when the
    /// bytes are not UTF-8.
    pub fn form_decode(text: &str) -> Option<String> {
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
            match bytes[i] {
                b'+' => out.push(b' '),
                b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(high), Some(low)) => {
                        out.push(high << 4 | low);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                },
                b => out.push(b),
            }
            i += 1;
        }
        String::from_utf8(out).ok()
    }

    /// The CSRF token of a form body whose every field decodes: the value
    /// of its one `csrf_token` field.
    pub fn form_token(body: &str) -> Option<String> {
        let mut token = None;
        for pair in body.split('&').filter(|pair| !pair.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            if form_decode(key)? == "csrf_token" {
                if token.is_some() {
                    return None;
                }
                token = Some(form_decode(value)?);
            }
        }
        token
    }

    /// Whether a form may come from the site's own pages: `Sec-Fetch-Site`
    /// `same-origin` or `none`; without it, no `Origin`, or an `Origin`
    /// whose authority (after `://`) is the `Host`, ASCII case aside.
    pub fn origin_ok(site: Option<&[u8]>, origin: Option<&[u8]>, host: Option<&[u8]>) -> bool {
        if let Some(site) = site {
            return site == b"same-origin" || site == b"none";
        }
        let Some(origin) = origin else {
            return true;
        };
        let Some(at) = (0..origin.len().saturating_sub(2)).find(|&i| &origin[i..i + 3] == b"://")
        else {
            return false;
        };
        host.is_some_and(|host| origin[at + 3..].eq_ignore_ascii_case(host))
    }

    /// 64-bit FNV-1a with the consent cookie's seed.
    fn checksum(body: &str) -> u64 {
        let mut hash = 0x6c62_272e_07bb_0142_u64;
        for byte in body.bytes() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
        hash
    }

    fn lower_hex(text: &str, digits: usize) -> bool {
        text.len() == digits && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    }

    /// Whether a raw consent cookie value is one the unsigned store writes
    /// (after percent-decoding): `1.{0-7}.{decimal}.{32 hex}.{16 hex}`
    /// and the checksum of that body; with `fingerprint`, the body's
    /// fingerprint is `Site`'s.
    pub fn genuine_unsigned(raw: &str, fingerprint: bool) -> bool {
        let Ok(decoded) = cookie_decl::decode_value(raw) else {
            return false;
        };
        let Some((body, seal)) = decoded.rsplit_once('.') else {
            return false;
        };
        let parts: Vec<&str> = body.split('.').collect();
        let [version, granted, at, id, print] = parts.as_slice() else {
            return false;
        };
        let canonical_at = !at.is_empty()
            && at.bytes().all(|b| b.is_ascii_digit())
            && (*at == "0" || !at.starts_with('0'))
            && at.parse::<u64>().is_ok();
        *version == "1"
            && granted.len() == 1
            && (b'0'..=b'7').contains(&granted.as_bytes()[0])
            && canonical_at
            && lower_hex(id, 32)
            && lower_hex(print, 16)
            && (!fingerprint || *print == format!("{:016x}", <Site as ConsentRegistry>::FINGERPRINT))
            && seal == format!("{:016x}", checksum(body))
    }
}
