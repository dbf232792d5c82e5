//! Caching: the headers that keep a page made for one visitor out of a
//! shared cache.

use std::borrow::Cow;

/// What [`ConsentCheck`](super::ConsentCheck) does to the caching headers of a response whose
/// handler read the visitor's consent or CSRF token (the framework's
/// `Consent` or `CsrfToken` extractor or guard): such a page differs from
/// visitor to visitor (the banner shown or not, a tag rendered or not, the
/// visitor's own token in its forms), and a shared cache that kept it would
/// serve one visitor's page to everyone: the banner to those who chose, a
/// tracker to those who refused, a token that fails every form.
///
/// Responses whose handler read neither (a stylesheet, an image, an API
/// answer the same for all) are left as they are. A handler that reads the
/// consent by hand ([`ConsentCookie::read`](crate::consent::ConsentCookie::read)) sets these headers itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Caching {
    /// `Vary: Cookie`, and `Cache-Control` made `private`: `private` alone
    /// when the response has none, the application's directives kept
    /// otherwise, with `public` and `s-maxage` (which only shared caches
    /// read) taken out. A response already `private` or `no-store` is
    /// left as the application wrote it.
    #[default]
    Private,
    /// `Vary: Cookie`, and `Cache-Control: no-store` unless the response
    /// already says `no-store`: nothing keeps the page, not even the
    /// visitor's browser.
    NoStore,
    /// `Vary: Cookie` only: for a cache in front of the site that keys its
    /// entries on the `Cookie` header.
    VaryOnly,
    /// Nothing: the application sets the caching headers itself.
    Leave,
}

/// The caching headers [`Caching`] asks of a response.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct CacheEdit {
    /// Append `Vary: Cookie`.
    pub(crate) vary_cookie: bool,
    /// Replace every `Cache-Control` header with this one.
    pub(crate) cache_control: Option<Cow<'static, str>>,
}

impl Caching {
    /// What a response with these `Vary` and `Cache-Control` header values
    /// needs, read as bytes (a value that is no text counts as absent for
    /// `Vary`, and is replaced for `Cache-Control`).
    pub(crate) fn edit<'h>(
        self,
        vary: impl IntoIterator<Item = &'h [u8]>,
        cache_control: impl IntoIterator<Item = &'h [u8]>,
    ) -> CacheEdit {
        if self == Caching::Leave {
            return CacheEdit::default();
        }
        let vary_cookie = !vary.into_iter().any(|value| {
            directives(value).any(|(name, _)| name == "*" || name.eq_ignore_ascii_case("cookie"))
        });
        let cache_control = match self {
            Caching::Private => private_cache_control(cache_control),
            Caching::NoStore => {
                let no_store = cache_control.into_iter().any(|value| {
                    directives(value).any(|(name, _)| name.eq_ignore_ascii_case("no-store"))
                });
                (!no_store).then_some(Cow::Borrowed("no-store"))
            }
            Caching::VaryOnly | Caching::Leave => None,
        };
        CacheEdit {
            vary_cookie,
            cache_control,
        }
    }
}

/// `Cache-Control` for [`Caching::Private`]: `None` when the values say
/// `private` or `no-store` already.
fn private_cache_control<'h>(
    values: impl IntoIterator<Item = &'h [u8]>,
) -> Option<Cow<'static, str>> {
    // `private` alone, the usual answer, is not allocated.
    let mut kept = Cow::Borrowed("private");
    for value in values {
        if core::str::from_utf8(value).is_err() {
            // Not text: nobody can say what it allows; replaced whole.
            continue;
        }
        for (name, directive) in directives(value) {
            if name.eq_ignore_ascii_case("private") || name.eq_ignore_ascii_case("no-store") {
                return None;
            }
            if name.eq_ignore_ascii_case("public") || name.eq_ignore_ascii_case("s-maxage") {
                continue;
            }
            let kept = kept.to_mut();
            kept.push_str(", ");
            kept.push_str(directive);
        }
    }
    Some(kept)
}

/// The comma-separated items of a header value, each with its name (before
/// any `=`), trimmed; a comma inside a quoted string separates nothing.
/// Empty when `value` is not text.
fn directives(value: &[u8]) -> impl Iterator<Item = (&str, &str)> {
    let text = core::str::from_utf8(value).unwrap_or("");
    let mut rest = text;
    core::iter::from_fn(move || {
        loop {
            if rest.is_empty() {
                return None;
            }
            let mut quoted = false;
            let mut escaped = false;
            let mut end = rest.len();
            for (at, c) in rest.char_indices() {
                match c {
                    _ if escaped => escaped = false,
                    '\\' if quoted => escaped = true,
                    '"' => quoted = !quoted,
                    ',' if !quoted => {
                        end = at;
                        break;
                    }
                    _ => {}
                }
            }
            let item = rest[..end].trim();
            rest = rest.get(end + 1..).unwrap_or("");
            if !item.is_empty() {
                let name = item.split('=').next().unwrap_or(item).trim();
                return Some((name, item));
            }
        }
    })
}

/// Whether a handler read the visitor's consent or CSRF token, shared
/// between the request (where the extractor marks it) and the response
/// (where [`ConsentCheck`](super::ConsentCheck) applies its [`Caching`]).
#[cfg(any(feature = "axum", feature = "poem"))]
#[derive(Clone, Debug, Default)]
pub(crate) struct PerVisitor(std::sync::Arc<std::sync::atomic::AtomicBool>);

#[cfg(any(feature = "axum", feature = "poem"))]
impl PerVisitor {
    pub(crate) fn mark(&self) {
        self.0.store(true, std::sync::atomic::Ordering::Relaxed);
    }

    pub(crate) fn is_marked(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::{CacheEdit, Caching};

    fn edit(caching: Caching, vary: &[&str], cache_control: &[&str]) -> CacheEdit {
        caching.edit(
            vary.iter().map(|v| v.as_bytes()),
            cache_control.iter().map(|v| v.as_bytes()),
        )
    }

    fn private(value: &str) -> Option<Cow<'static, str>> {
        Some(Cow::Owned(value.to_owned()))
    }

    #[test]
    fn private_is_added_and_shared_cache_directives_taken_out() {
        let none = edit(Caching::Private, &[], &[]);
        assert_eq!(none.cache_control, private("private"));
        assert!(none.vary_cookie);
        let public = edit(
            Caching::Private,
            &[],
            &["public, max-age=600, s-maxage=3600"],
        );
        assert_eq!(public.cache_control, private("private, max-age=600"));
        let two = edit(Caching::Private, &[], &["max-age=60", "must-revalidate"]);
        assert_eq!(
            two.cache_control,
            private("private, max-age=60, must-revalidate")
        );
    }

    #[test]
    fn private_or_no_store_responses_are_left() {
        for value in [
            "private",
            "no-store",
            "Max-Age=0, PRIVATE",
            "no-cache, no-store",
        ] {
            assert_eq!(
                edit(Caching::Private, &[], &[value]).cache_control,
                None,
                "{value}"
            );
        }
        assert_eq!(
            edit(Caching::NoStore, &[], &["no-store"]).cache_control,
            None
        );
        assert_eq!(
            edit(Caching::NoStore, &[], &["public"]).cache_control,
            private("no-store")
        );
    }

    #[test]
    fn a_quoted_comma_separates_nothing() {
        // `private` inside a quoted field list is no `private` directive.
        let quoted = edit(Caching::Private, &[], &["no-cache=\"Set-Cookie, private\""]);
        assert_eq!(
            quoted.cache_control,
            private("private, no-cache=\"Set-Cookie, private\"")
        );
    }

    #[test]
    fn vary_cookie_is_added_once() {
        assert!(edit(Caching::Private, &["Accept-Encoding"], &[]).vary_cookie);
        assert!(!edit(Caching::Private, &["accept-encoding, COOKIE"], &[]).vary_cookie);
        assert!(!edit(Caching::VaryOnly, &["*"], &[]).vary_cookie);
        assert_eq!(
            edit(Caching::VaryOnly, &[], &["public"]).cache_control,
            None
        );
        assert_eq!(edit(Caching::Leave, &[], &[]), CacheEdit::default());
    }

    #[test]
    fn a_cache_control_that_is_no_text_is_replaced() {
        let edit = Caching::Private.edit([], [b"public, \xff".as_slice()]);
        assert_eq!(edit.cache_control, private("private"));
    }
}
