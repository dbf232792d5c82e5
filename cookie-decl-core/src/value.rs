//! Cookie values: the encoding that keeps a `Set-Cookie` header intact, and
//! the decoding that reads it back.

use core::fmt;
use std::borrow::Cow;

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};

mod plain;

pub(crate) use plain::all_plain;
use plain::must_encode;

/// The most bytes a name and value may take together (RFC 6265bis §5.6:
/// browsers ignore a larger cookie).
pub(crate) const MAX_NAME_VALUE_SIZE: usize = 4096;

/// The ASCII bytes that are not a `cookie-octet` (RFC 6265 §4.1.1), plus `%`
/// so that encoding is reversible. Non-ASCII bytes are always encoded.
const NOT_COOKIE_OCTET: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b',')
    .add(b';')
    .add(b'\\')
    .add(b'%');

/// The index of the first byte of `value` that [`encode_value`] would
/// encode. Callers check [`all_plain`] first: this is for the rare value
/// that is not.
pub(crate) fn first_forbidden(value: &str) -> Option<usize> {
    value.bytes().position(must_encode)
}

/// Encodes `value` the way [`DeclaredCookie::cookie`] does: every byte
/// outside RFC 6265's `cookie-octet`, and `%`, becomes `%XX`. A value with
/// nothing to encode is borrowed as is.
///
/// [`DeclaredCookie::cookie`]: crate::DeclaredCookie::cookie
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// use cookie_decl::encode_value;
///
/// assert_eq!(encode_value("abc"), "abc");
/// assert_eq!(encode_value("a b;c"), "a%20b%3Bc");
/// assert_eq!(encode_value("100%"), "100%25");
/// assert_eq!(encode_value("é"), "%C3%A9");
/// ```
pub fn encode_value(value: &str) -> Cow<'_, str> {
    utf8_percent_encode(value, NOT_COOKIE_OCTET).into()
}

/// Decodes a value that [`encode_value`] (or [`DeclaredCookie::cookie`])
/// encoded. A value with no `%` is borrowed as is.
///
/// Values come from clients, which may send anything: a `%` not followed by
/// two hex digits, or escapes that do not make UTF-8, are a [`DecodeError`].
/// Time linear in the value's length; only a value with escapes is
/// copied, once, decoded.
///
/// [`DeclaredCookie::cookie`]: crate::DeclaredCookie::cookie
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// use cookie_decl::{decode_value, encode_value};
///
/// assert_eq!(decode_value("a%20b%3Bc").unwrap(), "a b;c");
/// assert_eq!(decode_value(&encode_value("Zoé \"x\"")).unwrap(), "Zoé \"x\"");
/// assert!(decode_value("%zz").is_err());
/// assert!(decode_value("%FF").is_err());
/// ```
pub fn decode_value(raw: &str) -> Result<Cow<'_, str>, DecodeError> {
    decode(raw)
}

pub(crate) fn decode(raw: &str) -> Result<Cow<'_, str>, DecodeError> {
    let bytes = raw.as_bytes();
    // Most values need no decoding: one scan, and `raw` is already UTF-8.
    let Some(first) = bytes.iter().position(|&b| b == b'%') else {
        return Ok(Cow::Borrowed(raw));
    };
    let mut at = first;
    while let Some(offset) = bytes[at..].iter().position(|&b| b == b'%') {
        let index = at + offset;
        let valid = bytes
            .get(index + 1..index + 3)
            .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit));
        if !valid {
            return Err(DecodeError::BadEscape { index });
        }
        at = index + 3;
    }
    percent_decode_str(raw)
        .decode_utf8()
        .map_err(|_| DecodeError::NotUtf8)
}

/// A cookie value checked once, where it is made: every byte is a
/// `cookie-octet` of RFC 6265 §4.1.1 other than `%`, so it can stand in a
/// `Set-Cookie` header as is.
///
/// [`DeclaredCookie::cookie`] looks at every byte of the value it is given,
/// on every call. That is the right default for a value of any origin, and
/// costs one to five nanoseconds (none for a literal, which is checked
/// while compiling). A value that is set again and again (a session id the
/// application made), or one checked anyway where it comes in, can be
/// checked once as a `CookieValue` and given to
/// [`DeclaredCookie::cookie_checked`], which builds the cookie without
/// reading the value again: within a few tenths of a nanosecond of
/// `Cookie::build` with no check at all.
///
/// [`DeclaredCookie::cookie`]: crate::DeclaredCookie::cookie
/// [`DeclaredCookie::cookie_checked`]: crate::DeclaredCookie::cookie_checked
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// # use cookie_decl::declare_cookies;
/// use cookie_decl::CookieValue;
/// # declare_cookies! {
/// #     pub struct Cookies { site: "https://example.fr" }
/// #     necessary {
/// #         sid { provider: "Example", service: "Login", purpose: "Keep you signed in." }
/// #     }
/// # }
/// // Made and checked once, at login.
/// let sid = CookieValue::new(String::from("c2Vzc2lvbg")).expect("base64url is plain");
/// // Sent on every response, with no second look at its bytes.
/// let set = Cookies::SID.cookie_checked(sid.clone());
/// assert_eq!(set.to_string(), "sid=c2Vzc2lvbg; HttpOnly; SameSite=Lax; Secure; Path=/");
/// assert_eq!(set, Cookies::SID.cookie("c2Vzc2lvbg"));
///
/// // A value with a byte that needs encoding is refused, or encoded.
/// assert_eq!(CookieValue::new("x; Domain=evil.example"), None);
/// assert_eq!(CookieValue::encode("x; Domain=evil.example").as_str(), "x%3B%20Domain=evil.example");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CookieValue(Cow<'static, str>);

impl CookieValue {
    /// `value` if no byte of it needs encoding, else `None` (see
    /// [`encode_value`] for which bytes do).
    #[inline]
    pub fn new<V: Into<Cow<'static, str>>>(value: V) -> Option<CookieValue> {
        let value = value.into();
        all_plain(value.as_bytes()).then_some(CookieValue(value))
    }

    /// `value` encoded as [`DeclaredCookie::cookie`] encodes it; a value
    /// with nothing to encode is kept as is, borrowed or owned.
    ///
    /// [`DeclaredCookie::cookie`]: crate::DeclaredCookie::cookie
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// use cookie_decl::CookieValue;
    ///
    /// assert_eq!(CookieValue::encode("Zoé").as_str(), "Zo%C3%A9");
    /// assert_eq!(CookieValue::encode("abc"), CookieValue::new("abc").unwrap());
    /// ```
    pub fn encode<V: Into<Cow<'static, str>>>(value: V) -> CookieValue {
        let value = value.into();
        if all_plain(value.as_bytes()) {
            return CookieValue(value);
        }
        CookieValue(Cow::Owned(encode_value(&value).into_owned()))
    }

    /// The value, as it stands in the header.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn into_cow(self) -> Cow<'static, str> {
        self.0
    }
}

impl AsRef<str> for CookieValue {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CookieValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A checked value works with [`DeclaredCookie::cookie`] too (which checks
/// it again, and finds nothing to encode).
///
/// [`DeclaredCookie::cookie`]: crate::DeclaredCookie::cookie
impl From<CookieValue> for Cow<'static, str> {
    fn from(value: CookieValue) -> Self {
        value.0
    }
}

/// A value that [`DeclaredCookie::try_cookie`] refuses.
///
/// [`DeclaredCookie::try_cookie`]: crate::DeclaredCookie::try_cookie
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// # use cookie_decl::declare_cookies;
/// use cookie_decl::ValueError;
/// # declare_cookies! {
/// #     pub struct Cookies { site: "https://example.fr" }
/// #     necessary {
/// #         sid { provider: "Example", service: "Login", purpose: "Keep you signed in." }
/// #     }
/// # }
/// let err = Cookies::SID.try_cookie("a b").unwrap_err();
/// assert_eq!(err, ValueError::Forbidden { name: "sid", byte: b' ', index: 1 });
/// assert_eq!(
///     err.to_string(),
///     "value of cookie `sid` has byte 0x20 at index 1, which is not a cookie-octet (RFC 6265 section 4.1.1)",
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ValueError {
    /// The value has a byte that is not a `cookie-octet` of RFC 6265
    /// §4.1.1, or a `%`.
    Forbidden {
        /// The cookie's name.
        name: &'static str,
        /// The offending byte.
        byte: u8,
        /// Where it stands in the value.
        index: usize,
    },
    /// The name and value together exceed 4096 bytes, which browsers drop.
    TooLarge {
        /// The cookie's name.
        name: &'static str,
        /// The size of the name plus the value, in bytes.
        size: usize,
    },
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueError::Forbidden { name, byte, index } => write!(
                f,
                "value of cookie `{name}` has byte {byte:#04x} at index {index}, \
                 which is not a cookie-octet (RFC 6265 section 4.1.1)",
            ),
            ValueError::TooLarge { name, size } => write!(
                f,
                "cookie `{name}` takes {size} bytes, over the {MAX_NAME_VALUE_SIZE} bytes \
                 browsers accept for a name and value (RFC 6265bis section 5.6)",
            ),
        }
    }
}

impl std::error::Error for ValueError {}

/// A cookie value read from a request that is not one
/// [`DeclaredCookie::cookie`] could have written.
///
/// [`DeclaredCookie::cookie`]: crate::DeclaredCookie::cookie
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// use cookie_decl::{decode_value, DecodeError};
///
/// assert_eq!(decode_value("ab%2"), Err(DecodeError::BadEscape { index: 2 }));
/// assert_eq!(decode_value("%C3"), Err(DecodeError::NotUtf8));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeError {
    /// A `%` at `index` is not followed by two hex digits.
    BadEscape {
        /// Where the `%` stands in the raw value.
        index: usize,
    },
    /// The decoded bytes are not UTF-8.
    NotUtf8,
    /// The request carries the cookie twice (or more) with different
    /// values: a second cookie of the same name, on another `Path` or a
    /// parent `Domain`, which a script or a sibling subdomain may have
    /// planted. No value is the visitor's for sure, so none is read.
    Ambiguous,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::BadEscape { index } => {
                write!(f, "`%` at index {index} is not followed by two hex digits")
            }
            DecodeError::NotUtf8 => f.write_str("percent-decoded cookie value is not UTF-8"),
            DecodeError::Ambiguous => {
                f.write_str("the request carries the cookie several times with different values")
            }
        }
    }
}

impl std::error::Error for DecodeError {}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast check agrees with the encoding, byte by byte.
    #[test]
    fn must_encode_is_what_encode_value_encodes() {
        for byte in 0..=u8::MAX {
            let encoded = if byte.is_ascii() {
                let text = char::from(byte).to_string();
                encode_value(&text) != text
            } else {
                true
            };
            assert_eq!(must_encode(byte), encoded, "byte {byte:#04x}");
        }
    }

    /// A bad byte is found wherever it stands: in any block of `all_plain`,
    /// first or last, for every length.
    #[test]
    fn first_forbidden_finds_a_bad_byte_anywhere() {
        for len in 0..100 {
            let plain = "a".repeat(len);
            assert_eq!(first_forbidden(&plain), None);
            assert!(all_plain(plain.as_bytes()));
            for at in 0..len {
                for bad in [";", " ", "%", "\u{7f}", "é"] {
                    let value = format!("{}{bad}{}", &plain[..at], &plain[at..]);
                    assert_eq!(first_forbidden(&value), Some(at), "{value:?}");
                    assert!(!all_plain(value.as_bytes()), "{value:?}");
                }
            }
        }
    }
}
