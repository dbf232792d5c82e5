//! What the code that `declare_cookies!` generates calls. Not public API.

pub use crate::charte::Chartes;
pub use crate::tags::tag;
// The lookup macro, for this crate's own tests; `cookie_decl::__private`
// re-exports it from the macro crate.
#[cfg(feature = "__tests")]
pub use cookie_decl_macros::lookup_cookie;

use cookie::SameSite;

use crate::{Category, CookieSpec, DeclaredCookie, ExternalCookie};

#[cfg(feature = "serde")]
pub use crate::serde::serialize_registry;

/// `serde::Serialize` for a registry type, when this crate's `serde` feature
/// is on. A macro of this crate, so that the feature of `cookie-decl`
/// decides, not a feature of the crate that declares the registry.
#[cfg(feature = "serde")]
#[macro_export]
#[doc(hidden)]
macro_rules! __serialize_registry {
    ($registry:ident, $consent_cookie:expr) => {
        impl ::cookie_decl::__private::serde::Serialize for $registry {
            fn serialize<__S: ::cookie_decl::__private::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                ::cookie_decl::__private::serialize_registry::<Self, __S>(
                    serializer,
                    $consent_cookie,
                )
            }
        }
    };
}

#[cfg(not(feature = "serde"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __serialize_registry {
    ($registry:ident, $consent_cookie:expr) => {};
}

pub use __serialize_registry as serialize_registry_impl;
#[cfg(feature = "serde")]
pub use serde;

// The bits of `compact`'s `flags`, as `cookie-decl-macros`'
// `expand::cookie_specs` writes them (as numbers: it cannot name these).
const SECURE: u8 = 1;
const HTTP_ONLY: u8 = 1 << 1;
const PARTITIONED: u8 = 1 << 2;
const EXTERNAL: u8 = 1 << 3;
const CONSENT_EXEMPT: u8 = 1 << 4;

/// A [`CookieSpec`] from positional arguments, the shortest form the
/// generated code can write: a registry of thousands of cookies expands to
/// a few dozen tokens per cookie, which is what rustc parses and evaluates
/// on every build.
///
/// `category`: 0 to 3 in [`Category::ALL`] order; `max_age`: seconds, or
/// `-1` for a session cookie; `flags`: `SECURE` | `HTTP_ONLY` |
/// `PARTITIONED` | `EXTERNAL` | `CONSENT_EXEMPT`; `same_site`: 0
/// `Strict`, 1 `Lax`, 2 `None`; `domain`: `""` for a host-only cookie;
/// `set_cookie`: what the `Set-Cookie` line of `.cookie(value)` holds after
/// `name=value` (`""` for an `extern` cookie), which the macro writes from
/// the same attributes, in the order of `cookie::Cookie`'s `Display`.
#[allow(clippy::too_many_arguments)]
pub const fn compact(
    name: &'static str,
    provider: &'static str,
    service: &'static str,
    purpose: &'static str,
    category: u8,
    lifetime: &'static str,
    max_age: i64,
    flags: u8,
    same_site: u8,
    path: &'static str,
    domain: &'static str,
    set_cookie: &'static str,
) -> CookieSpec {
    CookieSpec {
        name,
        provider,
        service,
        purpose,
        category: match category {
            0 => Category::Necessary,
            1 => Category::Preferences,
            2 => Category::Statistics,
            _ => Category::Marketing,
        },
        consent_exempt: flags & CONSENT_EXEMPT != 0,
        lifetime,
        max_age: if max_age < 0 { None } else { Some(max_age) },
        secure: flags & SECURE != 0,
        http_only: flags & HTTP_ONLY != 0,
        same_site: match same_site {
            0 => SameSite::Strict,
            1 => SameSite::Lax,
            _ => SameSite::None,
        },
        path,
        domain: if domain.is_empty() {
            None
        } else {
            Some(domain)
        },
        partitioned: flags & PARTITIONED != 0,
        external: flags & EXTERNAL != 0,
        set_cookie,
        attributes_len: if set_cookie.is_empty() {
            0
        } else {
            set_cookie.len() - max_age_len(max_age)
        },
    }
}

/// The length of `; Max-Age=<max_age>`, or 0 for a session cookie (`-1`).
const fn max_age_len(max_age: i64) -> usize {
    if max_age < 0 {
        return 0;
    }
    let mut digits = 1;
    let mut rest = max_age / 10;
    while rest > 0 {
        digits += 1;
        rest /= 10;
    }
    "; Max-Age=".len() + digits
}

pub const fn declared(spec: &'static CookieSpec) -> DeclaredCookie {
    DeclaredCookie::new(spec)
}

pub const fn external(spec: &'static CookieSpec) -> ExternalCookie {
    ExternalCookie::new(spec)
}

/// Whether the cookie name `name` matches the name pattern `pattern` of an
/// `extern` cookie: `*` stands for any run of characters, possibly empty,
/// and every other character for itself, case included. A pattern without
/// `*` matches only itself.
///
/// It is the rule of [`CookieSpec::matches`] and of
/// [`get`](crate::Registry::get), for tools that hold a declaration as
/// data (its JSON export, say) rather than as a registry. It runs in time
/// linear in practice, without recursion, on any input.
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// use cookie_decl::matches_pattern;
///
/// assert!(matches_pattern("_ga_*", "_ga_K2X9"));
/// assert!(matches_pattern("_pk_id.*.*", "_pk_id.1.4c2f"));
/// assert!(!matches_pattern("_pk_id.*", "_pk_ses.1.4c2f"));
/// assert!(!matches_pattern("_GA_*", "_ga_K2X9"));
/// assert!(matches_pattern("sessionid", "sessionid"));
/// ```
//
// Public as `cookie_decl::matches_pattern`; the generated code calls it
// here by this name. The macro repeats it for compile-time lookups
// (`cookie-decl-macros`' `lookup.rs`); both pass the same exhaustive test
// against a reference.
pub fn glob_match(pattern: &str, name: &str) -> bool {
    let (pattern, name) = (pattern.as_bytes(), name.as_bytes());
    let (mut p, mut n) = (0, 0);
    // Where the last `*` was and how much of `name` it has taken: on a
    // mismatch, let it take one byte more. Linear in practice, never
    // recursive.
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        match pattern.get(p) {
            Some(b'*') => {
                star = Some((p, n));
                p += 1;
            }
            Some(&c) if c == name[n] => {
                p += 1;
                n += 1;
            }
            _ => match star {
                Some((sp, sn)) => {
                    p = sp + 1;
                    n = sn + 1;
                    star = Some((sp, sn + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == b'*')
}

// `get`'s perfect hash table. The macro builds the table with the same
// functions (`cookie-decl-macros`' `phf.rs`, which explains the scheme):
// any change here must be made there too.

const P0: u64 = 0xa076_1d64_78bd_642f;
const P1: u64 = 0xe703_7ed1_a0b4_28db;
const P2: u64 = 0x8ebc_6af0_9c88_c6e3;
const GOLDEN: u64 = 0x9e37_79b9_7f4a_7c15;

#[inline(always)]
fn fold(a: u64, b: u64) -> u64 {
    let product = u128::from(a) * u128::from(b);
    (product as u64) ^ ((product >> 64) as u64)
}

#[inline(always)]
fn read64(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(word)
}

#[inline(always)]
fn read32(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0; 4];
    word.copy_from_slice(&bytes[at..at + 4]);
    u64::from(u32::from_le_bytes(word))
}

/// The hash of a name in `get`'s table, and the two words it read last:
/// for a name of up to 16 bytes, two that hold every byte, which with the
/// length tell it from any other name.
#[inline(always)]
pub(crate) fn phf_hash(seed: u64, bytes: &[u8]) -> (u64, u64, u64) {
    let len = bytes.len();
    let mut acc = seed ^ P0;
    let (lo, hi) = if len <= 16 {
        if len >= 8 {
            (read64(bytes, 0), read64(bytes, len - 8))
        } else if len >= 4 {
            (read32(bytes, 0), read32(bytes, len - 4))
        } else if len > 0 {
            let spread = (u64::from(bytes[0]) << 16)
                | (u64::from(bytes[len / 2]) << 8)
                | u64::from(bytes[len - 1]);
            (spread, 0)
        } else {
            (0, 0)
        }
    } else {
        let mut at = 0;
        while len - at > 16 {
            acc = fold(read64(bytes, at) ^ P1, read64(bytes, at + 8) ^ acc);
            at += 16;
        }
        (read64(bytes, len - 16), read64(bytes, len - 8))
    };
    let hash = fold(lo ^ P1, hi ^ acc ^ (len as u64).wrapping_mul(P2));
    (hash, lo, hi)
}

/// An index into `COOKIES`, as `get`'s table stores it: `u16` when the
/// registry is small enough, which halves the table.
pub trait PhfIndex: Copy {
    fn index(self) -> usize;
}

impl PhfIndex for u16 {
    #[inline(always)]
    fn index(self) -> usize {
        usize::from(self)
    }
}

impl PhfIndex for u32 {
    #[inline(always)]
    fn index(self) -> usize {
        self as usize
    }
}

/// `get`'s exact lookup: one hash, the bucket's pilot, the slot, one
/// comparison. `slots.len()` is a power of two, at least 2, and every slot
/// holds a valid index into `cookies` (see `cookie-decl-macros`' `phf.rs`);
/// `keys[i]` holds the words and length of `cookies[i]`'s name.
///
/// A name of up to 16 bytes is compared through its words, with no branch
/// on the outcome: real requests mix names that are declared with names
/// that are not, in no order a branch predictor could learn.
#[inline]
pub fn phf_get<I: PhfIndex>(
    name: &str,
    seed: u64,
    pilots: &[u16],
    slots: &[I],
    keys: &[[u64; 3]],
    cookies: &'static [CookieSpec],
) -> Option<&'static CookieSpec> {
    let bytes = name.as_bytes();
    let (hash, lo, hi) = phf_hash(seed, bytes);
    let bucket = (((hash >> 32) * pilots.len() as u64) >> 32) as usize;
    let pilot = u64::from(pilots[bucket]);
    let bits = slots.len().trailing_zeros();
    let slot = ((hash ^ pilot.wrapping_mul(GOLDEN)).wrapping_mul(GOLDEN) >> (64 - bits)) as usize;
    let index = slots[slot].index();
    let key = &keys[index];
    let same = (key[0] == lo) & (key[1] == hi) & (key[2] == bytes.len() as u64);
    let found = same && (bytes.len() <= 16 || cookies[index].name.as_bytes() == bytes);
    if found { Some(&cookies[index]) } else { None }
}

/// The `Set-Cookie` line of `cookie.removal()` as the framework
/// integrations send it, written from the precomputed attributes: for the
/// tests that hold it to `cookie.removal().to_string()`.
pub fn removal_line(cookie: &DeclaredCookie) -> String {
    cookie.removal_line()
}

/// The `Set-Cookie` line of any cookie as the framework integrations
/// write it, without `fmt`: for the tests that hold it to
/// `cookie.to_string()`.
pub fn set_cookie_line(cookie: &cookie::Cookie<'_>) -> String {
    crate::header::set_cookie_line(cookie)
}

#[cfg(test)]
mod tests {
    use super::glob_match;

    #[test]
    fn glob() {
        assert!(glob_match("_ga_*", "_ga_ABC"));
        assert!(glob_match("_ga_*", "_ga_"));
        assert!(!glob_match("_ga_*", "_ga"));
        assert!(glob_match("_pk_id.*.*", "_pk_id.1.abcd"));
        assert!(!glob_match("_pk_id.*.*", "_pk_id1abcd"));
        assert!(glob_match("a*b*c", "aXbYbc"));
        assert!(!glob_match("a*b", "aXbY"));
        assert!(glob_match("exact", "exact"));
        assert!(!glob_match("exact", "exactly"));
    }

    /// Whether `pattern` matches `name`, by the textbook table: row `i`,
    /// column `j` says whether the first `i` bytes of the pattern match the
    /// first `j` of the name. Slow and plainly right.
    fn reference(pattern: &[u8], name: &[u8]) -> bool {
        let mut row = vec![false; name.len() + 1];
        row[0] = true;
        for &p in pattern {
            let mut next = vec![false; name.len() + 1];
            for j in 0..=name.len() {
                next[j] = if p == b'*' {
                    row[j] || (j > 0 && next[j - 1])
                } else {
                    j > 0 && row[j - 1] && name[j - 1] == p
                };
            }
            row = next;
        }
        row[name.len()]
    }

    /// Every word of length up to `max` over `alphabet`.
    fn words(alphabet: &[u8], max: usize) -> Vec<String> {
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..max {
            last = last
                .iter()
                .flat_map(|word| {
                    alphabet
                        .iter()
                        .map(move |&c| format!("{word}{}", char::from(c)))
                })
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    /// Every pattern of up to six bytes of `a`, `b` and `*` against every
    /// name of up to seven bytes of `a` and `b`: the same answers as the
    /// table. The macro's `glob` (`cookie-decl-macros`' `lookup.rs`), which
    /// resolves names at compile time, passes the same test.
    #[test]
    fn glob_agrees_with_the_table_on_every_small_case() {
        let names = words(b"ab", 7);
        for pattern in words(b"ab*", 6) {
            for name in &names {
                let expected = reference(pattern.as_bytes(), name.as_bytes());
                assert_eq!(
                    glob_match(&pattern, name),
                    expected,
                    "{pattern:?} against {name:?}"
                );
            }
        }
    }
}
