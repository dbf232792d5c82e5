//! Reading the request: the visitor's consent and CSRF token from every
//! `Cookie` header, as bytes.

use crate::consent::{
    Consent, ConsentCookie, ConsentRegistry, CsrfRegistry, CsrfToken, RandomError, RequestCookies,
    gpc_signal,
};

/// The visitor's consent, from every `Cookie` header of a request (HTTP/2
/// may send one per cookie), read as bytes, honouring its `Sec-GPC`
/// header (Global Privacy Control).
pub(crate) fn read_consent<'h, R, H>(
    store: &ConsentCookie<R>,
    cookie_headers: impl IntoIterator<Item = &'h H>,
    sec_gpc: Option<&[u8]>,
) -> Consent<R>
where
    R: ConsentRegistry,
    H: AsRef<[u8]> + ?Sized + 'h,
{
    store.read_with_gpc(
        RequestCookies::from_headers(cookie_headers),
        gpc_signal(sec_gpc),
    )
}

/// The visitor's CSRF token: the one its cookie holds, or a fresh one.
pub(crate) fn csrf_token<'h, R, H>(
    cookie_headers: impl IntoIterator<Item = &'h H>,
) -> Result<CsrfToken<R>, RandomError>
where
    R: CsrfRegistry,
    H: AsRef<[u8]> + ?Sized + 'h,
{
    CsrfToken::for_request(RequestCookies::from_headers(cookie_headers))
}

/// Every `Cookie` header of a request, joined as one: what a
/// [`ConsentChoice`] keeps, since the request is gone once its body is
/// read.
pub(crate) fn joined_cookie_headers<'h, H>(
    cookie_headers: impl IntoIterator<Item = &'h H>,
) -> Vec<u8>
where
    H: AsRef<[u8]> + ?Sized + 'h,
{
    let mut joined = Vec::new();
    for value in cookie_headers {
        if !joined.is_empty() {
            joined.extend_from_slice(b"; ");
        }
        joined.extend_from_slice(value.as_ref());
    }
    joined
}
