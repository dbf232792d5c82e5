//! The registry's cookies as items: the `COOKIES` slice, and a constant
//! per cookie.

use proc_macro2::TokenStream;

use crate::ast::SameSite;
use crate::expand::pages::Pages;
use crate::expand::tokens::{push_number, rust, str_lit};
use crate::model::Cookie;
use crate::render::docs::constant_doc;

/// `__c("name", "provider", ..., "domain", "; HttpOnly; ..."),` for every cookie: the
/// positional calls to `cookie_decl::__private::compact`, imported as `__c`
/// once for the whole `COOKIES` slice, as Rust source. Kept short on
/// purpose: rustc lexes, parses and evaluates them on every build of the
/// user's crate.
pub(super) fn cookie_specs(cookies: &[Cookie]) -> String {
    // The encoding of `cookie_decl::__private::compact`, which keeps the
    // same bits.
    const SECURE: u8 = 1;
    const HTTP_ONLY: u8 = 1 << 1;
    const PARTITIONED: u8 = 1 << 2;
    const EXTERNAL: u8 = 1 << 3;
    const CONSENT_EXEMPT: u8 = 1 << 4;

    let mut out = String::with_capacity(cookies.len() * 200);
    for cookie in cookies {
        out.push_str("__c(");
        for text in [
            &cookie.name,
            &cookie.provider,
            &cookie.service,
            &cookie.purpose,
        ] {
            str_lit(&mut out, text);
            out.push(',');
        }
        push_number(&mut out, u64::from(cookie.category as u8), 10);
        out.push(',');
        str_lit(&mut out, &cookie.lifetime.english());
        match cookie.lifetime.seconds() {
            Some(seconds) => {
                out.push(',');
                push_number(&mut out, seconds.min(i64::MAX as u64), 10);
                out.push(',');
            }
            None => out.push_str(",-1,"),
        }
        let flags = (u8::from(cookie.secure) * SECURE)
            | (u8::from(cookie.http_only) * HTTP_ONLY)
            | (u8::from(cookie.partitioned) * PARTITIONED)
            | (u8::from(cookie.external) * EXTERNAL)
            | (u8::from(cookie.consent_exempt) * CONSENT_EXEMPT);
        let same_site = match cookie.same_site {
            SameSite::Strict => 0,
            SameSite::Lax => 1,
            SameSite::None => 2,
        };
        push_number(&mut out, u64::from(flags), 10);
        out.push(',');
        push_number(&mut out, same_site, 10);
        out.push(',');
        str_lit(&mut out, &cookie.path);
        out.push(',');
        str_lit(&mut out, cookie.domain.as_deref().unwrap_or(""));
        // The `Set-Cookie` line's attributes, built here once rather than
        // by `cookie::Cookie`'s `Display` on every call.
        out.push(',');
        str_lit(&mut out, &cookie.set_cookie_suffix());
        out.push_str("),\n");
    }
    out
}

/// Every `pub const SESSIONID: DeclaredCookie = ...;`, documented in
/// rustdoc's expansion. Each name keeps the span of the cookie's name, so
/// that an editor's "go to definition" lands on the declaration.
///
/// What is the same in every constant (`pub const`, the type and the call
/// up to `(`, `&Self::COOKIES`, `;`) is lexed once (see [`rust`]) and
/// cloned; only the index is made per constant, as a literal in its two
/// groups. Each lex is a source file for the compiler, about 20,000
/// instructions for a line of text, where a clone or a group is one call
/// through the bridge. The pieces are joined in one call.
pub(super) fn constants(cookies: &[Cookie], pages: Pages) -> TokenStream {
    use proc_macro2::{Delimiter, Group, Literal, TokenTree};

    let head = rust("pub const");
    let declared = rust(": ::cookie_decl::DeclaredCookie = ::cookie_decl::__private::declared");
    let external = rust(": ::cookie_decl::ExternalCookie = ::cookie_decl::__private::external");
    let cookies_of = rust("&Self::COOKIES");
    let semi = rust(";");
    let mut pieces = Vec::with_capacity(cookies.len() * 5);
    let mut doc = String::new();
    for (index, cookie) in cookies.iter().enumerate() {
        let Some(ident) = &cookie.constant else {
            continue;
        };
        pieces.extend(cookie.attrs.iter().cloned());
        if pages == Pages::Written {
            doc.clear();
            doc.push_str("#[doc = ");
            str_lit(&mut doc, &constant_doc(cookie));
            doc.push(']');
            pieces.push(rust(&doc));
        }
        pieces.push(head.clone());
        pieces.push(TokenStream::from(TokenTree::Ident(ident.ident.clone())));
        pieces.push(if cookie.external {
            external.clone()
        } else {
            declared.clone()
        });
        let at = Group::new(
            Delimiter::Bracket,
            TokenStream::from(TokenTree::Literal(Literal::usize_unsuffixed(index))),
        );
        let mut argument = cookies_of.clone();
        argument.extend([TokenTree::Group(at)]);
        pieces.push(TokenStream::from(TokenTree::Group(Group::new(
            Delimiter::Parenthesis,
            argument,
        ))));
        pieces.push(semi.clone());
    }
    pieces.into_iter().collect()
}
