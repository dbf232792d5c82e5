//! What the code that `declare_cookies!` generates calls. Not public API.

pub use crate::charte::Chartes;
pub use cookie::SameSite;
pub use cookie_decl_macros::lookup_cookie;

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
    ($registry:ident) => {
        impl ::cookie_decl::__private::serde::Serialize for $registry {
            fn serialize<__S: ::cookie_decl::__private::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                ::cookie_decl::__private::serialize_registry::<Self, __S>(serializer)
            }
        }
    };
}

#[cfg(not(feature = "serde"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __serialize_registry {
    ($registry:ident) => {};
}

pub use __serialize_registry as serialize_registry_impl;
#[cfg(feature = "serde")]
pub use serde;

/// The fields of a [`CookieSpec`], all public so the generated code can
/// name them.
pub struct Fields {
    pub name: &'static str,
    pub provider: &'static str,
    pub service: &'static str,
    pub purpose: &'static str,
    pub category: Category,
    pub consent_exempt: bool,
    pub lifetime: &'static str,
    pub max_age: Option<i64>,
    pub secure: bool,
    pub http_only: bool,
    pub same_site: SameSite,
    pub path: &'static str,
    pub domain: Option<&'static str>,
    pub partitioned: bool,
    pub external: bool,
}

pub const fn spec(f: Fields) -> CookieSpec {
    CookieSpec {
        name: f.name,
        provider: f.provider,
        service: f.service,
        purpose: f.purpose,
        category: f.category,
        consent_exempt: f.consent_exempt,
        lifetime: f.lifetime,
        max_age: f.max_age,
        secure: f.secure,
        http_only: f.http_only,
        same_site: f.same_site,
        path: f.path,
        domain: f.domain,
        partitioned: f.partitioned,
        external: f.external,
    }
}

pub const fn declared(spec: &'static CookieSpec) -> DeclaredCookie {
    DeclaredCookie::new(spec)
}

pub const fn external(spec: &'static CookieSpec) -> ExternalCookie {
    ExternalCookie::new(spec)
}

/// Whether `name` matches `pattern`, where `*` stands for any run of
/// characters (possibly empty) and every other character for itself.
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
}
