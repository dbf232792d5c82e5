//! What the benchmarks share: a seeded generator, so that every run feeds
//! the same inputs in the same pseudo-random order, the cookie values, and
//! the hand-written `Cookie::build` chains `.cookie` is measured against.
//! Not every benchmark uses every part.
#![allow(dead_code)]

use std::collections::HashSet;

use cookie_decl::cookie::{Cookie, SameSite};

/// xorshift64*: reproducible, and no dependency.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// `count` distinct values of base64url (what frameworks put in session
/// ids and tokens), of `len` bytes, or of 8 to 64 bytes when `len` is 0.
pub fn values(rng: &mut Rng, count: usize, len: usize) -> Vec<&'static str> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(count);
    while out.len() < count {
        let len = if len == 0 { 8 + rng.below(57) } else { len };
        let value: String = (0..len)
            .map(|_| char::from(ALPHABET[rng.below(ALPHABET.len())]))
            .collect();
        if seen.insert(value.clone()) {
            out.push(&*Box::leak(value.into_boxed_str()));
        }
    }
    out
}

/// Whether `byte` is a `cookie-octet` (RFC 6265 §4.1.1).
pub fn is_cookie_octet(byte: u8) -> bool {
    matches!(byte, 0x21 | 0x23..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E)
}

/// The chain that checks nothing, for `c0500` of the `c1000` registry
/// (necessary, session, `HttpOnly`, `SameSite=Lax`, `Path=/`): the floor.
/// Always inlined, as a chain written where the cookie is sent is.
#[inline(always)]
pub fn bare(value: &'static str) -> Cookie<'static> {
    Cookie::build(("c0500", value))
        .secure(true)
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .build()
}

/// The chain a careful developer writes: the value refused unless every
/// byte is a `cookie-octet` and the cookie fits in the 4096 bytes browsers
/// keep.
#[inline(always)]
pub fn careful(value: &'static str) -> Option<Cookie<'static>> {
    if !value.bytes().all(is_cookie_octet) || "c0500".len() + value.len() > 4096 {
        return None;
    }
    Some(bare(value))
}
