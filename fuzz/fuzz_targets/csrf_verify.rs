//! The consent form's CSRF check on any body, any `Cookie` header and any
//! `Sec-Fetch-Site`, `Origin` and `Host`: never a panic, and exactly the
//! answer of the rules written again in `cookie_decl_fuzz::expect`. A form
//! is acted on only when its origin is the site's own (`Sec-Fetch-Site`
//! absent, `same-origin` or `none`; without it, no `Origin` or one that
//! names the `Host`) and its token is the one well-formed value of the
//! request's `csrf_token` cookie.
//!
//! The input: a first byte whose bits 0, 1 and 2 say whether
//! `Sec-Fetch-Site`, `Origin` and `Host` are sent, then the body, the
//! `Cookie` header, `Sec-Fetch-Site`, `Origin` and `Host`, separated by
//! the byte `0xFF` (a missing piece is empty).
#![no_main]

#[path = "oracle.rs"]
mod oracle;

use cookie_decl::consent::{ConsentForm, CsrfError, FormOrigin, RequestCookies};
use cookie_decl_fuzz::{Site, expect};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let mut pieces = rest.split(|&b| b == 0xFF);
    let mut next = || pieces.next().unwrap_or(b"");
    let (body, header, site, origin, host) = (next(), next(), next(), next(), next());
    let site = (flags & 1 != 0).then_some(site);
    let origin = (flags & 2 != 0).then_some(origin);
    let host = (flags & 4 != 0).then_some(host);
    let from = FormOrigin::new()
        .sec_fetch_site(site)
        .origin(origin)
        .host(host);

    let origin_ok = expect::origin_ok(site, origin, host);
    let checked = from.check();
    assert_eq!(checked.is_ok(), origin_ok, "{site:?} {origin:?} {host:?}");
    if let Err(error) = checked {
        let expected = if site.is_some() {
            CsrfError::CrossSite
        } else {
            CsrfError::OriginMismatch
        };
        assert_eq!(error, expected);
        assert!(!error.to_string().contains('\n'));
    }

    let body = String::from_utf8_lossy(body);
    let Ok(form) = ConsentForm::parse(&body) else {
        return;
    };
    let token = expect::form_token(&body);
    assert_eq!(token.as_deref(), Some(form.csrf_token()), "{body:?}");
    let verdict = form.verify::<Site>(RequestCookies::from(header), from);
    let expected = if !origin_ok {
        Err(checked.unwrap_err())
    } else {
        match oracle::csrf_cookie(header) {
            Err(true) => Err(CsrfError::AmbiguousCookie),
            Err(false) => Err(CsrfError::MissingCookie),
            Ok(held) if held == form.csrf_token() => Ok(()),
            Ok(_) => Err(CsrfError::Mismatch),
        }
    };
    assert_eq!(
        verdict.map(|_| ()),
        expected,
        "body {body:?}, cookies {header:?}, {site:?} {origin:?} {host:?}"
    );
});
