//! What the consent logic of `cookie_decl::consent` needs to know of a
//! registry, computed at expansion time: which cookie keeps the visitor's
//! choice, for how long a choice counts, and the fingerprints that tell
//! whether a stored choice was made on this declaration.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use crate::ast::Category;
use crate::expand::tokens::lit;
use crate::model::Registry;
use crate::render::{banner, preferences};

/// `impl ConsentRegistry`, for a registry with a cookie marked
/// `stores_consent: true`; nothing otherwise, so that reading consent for a
/// registry without one is a compile error (the trait's
/// `diagnostic::on_unimplemented` says how to fix it).
pub fn consent_impl(registry: &Registry, charte_texts: &[&str]) -> TokenStream {
    let Some(store) = &registry.consent else {
        return TokenStream::new();
    };
    let ident = &registry.ident;
    let index = store.cookie;
    let retention = store.retention;
    // The categories with a cookie, a tag or an embed that needs consent,
    // as a constant expression of `CategorySet`'s `const fn`s.
    let asked = [
        (Category::Preferences, quote!(Preferences)),
        (Category::Statistics, quote!(Statistics)),
        (Category::Marketing, quote!(Marketing)),
    ]
    .into_iter()
    .filter(|(category, _)| registry.asks(*category))
    .map(|(_, variant)| quote!(.with(::cookie_decl::Category::#variant)));
    let fingerprint = declaration_fingerprint(registry);
    let charte_version = charte_texts
        .iter()
        .fold(Fnv::new(), |hash, text| hash.field(text.as_bytes()))
        .finish();
    // Lexed as raw string literals (see `tokens::lit`): the slots of the
    // templates are NUL bytes, which a raw string holds as they are, and
    // `Literal::string` escaped every character of some 200 KB of HTML
    // for 1,000 cookies.
    let forms = registry.langs.iter().map(|&lang| {
        let banner = lit(&banner::render_banner(registry, lang));
        let preferences = lit(&preferences::render_preferences(registry, lang));
        quote!([#banner, #preferences])
    });
    quote! {
        impl ::cookie_decl::consent::ConsentRegistry for #ident {
            const CONSENT_COOKIE: ::cookie_decl::DeclaredCookie =
                ::cookie_decl::__private::declared(&<#ident>::COOKIES[#index]);
            const RETENTION_SECONDS: u64 = #retention;
            const ASKED: ::cookie_decl::consent::CategorySet =
                ::cookie_decl::consent::CategorySet::NONE #(#asked)*;
            const FINGERPRINT: u64 = #fingerprint;
            const CHARTE_VERSION: u64 = #charte_version;
            #[doc(hidden)]
            const FORMS: &'static [[&'static str; 2]] = &[#(#forms),*];
        }
    }
}

/// `impl CsrfRegistry`, for a registry with a cookie marked
/// `csrf_token: true`. The mark is no part of the fingerprint: the token is
/// no purpose a visitor consents to.
///
/// A registry with a consent cookie but no `csrf_token` cookie is one a
/// site uses with the consent glue (the banner's form, the framework's
/// `ConsentChoice`) and has not finished declaring. Leaving the trait out
/// would make every extractor and handler that names the token fail to
/// satisfy its framework's traits, in a cascade of errors none of which
/// says what to declare. So the impl is there, and its cookie is a
/// constant whose evaluation fails with the one message that says it, at
/// the registry's name, as soon as code that needs the token is built. A
/// registry without a consent cookie gets no impl, and the trait's
/// `diagnostic::on_unimplemented` says the same.
pub fn csrf_impl(registry: &Registry) -> TokenStream {
    let ident = &registry.ident;
    let Some(index) = registry.csrf else {
        if registry.consent.is_none() {
            return TokenStream::new();
        }
        let message = format!(
            "`{ident}` declares no cookie that holds the consent form's CSRF token: \
             declare a `necessary` cookie marked `csrf_token: true` in `declare_cookies!`, \
             ideally `\"__Host-csrf\"` with `same_site: Strict`"
        );
        let cookie = quote_spanned! {ident.span()=>
            ::core::panic!(#message)
        };
        return quote! {
            impl ::cookie_decl::consent::CsrfRegistry for #ident {
                const CSRF_COOKIE: ::cookie_decl::DeclaredCookie = #cookie;
            }
        };
    };
    quote! {
        impl ::cookie_decl::consent::CsrfRegistry for #ident {
            const CSRF_COOKIE: ::cookie_decl::DeclaredCookie =
                ::cookie_decl::__private::declared(&<#ident>::COOKIES[#index]);
        }
    }
}

/// A hash of what a visitor consents to: each cookie's name, category,
/// provider, purpose (in the site's first language, or as written once:
/// publishing one more language re-asks nobody), lifetime and consent
/// exemption; each tag's and
/// embed's kind, name, category, provider, service and the cookies it
/// sets; and the header's `consent_mode`, through which a yes reaches
/// Google's tags. Adding a cookie or a tag, or changing one of these,
/// re-asks every visitor; the charte's wording, the order of the
/// declarations, the HTTP attributes and a tag's `src`, `inline` and
/// `loading` (how it loads, not who receives what) do not. A declaration
/// without tags nor `consent_mode` hashes what it did before they existed.
pub fn declaration_fingerprint(registry: &Registry) -> u64 {
    let mut entries: Vec<Vec<u8>> = registry
        .cookies
        .iter()
        .map(|cookie| {
            let lifetime = cookie
                .lifetime
                .seconds()
                .map_or_else(|| "session".to_owned(), |seconds| seconds.to_string());
            let exempt = if cookie.consent_exempt { "exempt" } else { "" };
            let mut entry = Vec::new();
            for field in [
                cookie.name.as_str(),
                cookie.category.keyword(),
                &cookie.provider,
                &cookie.purpose,
                &lifetime,
                exempt,
            ] {
                entry.extend_from_slice(field.as_bytes());
                // Never in UTF-8: fields cannot run into each other.
                entry.push(0xFF);
            }
            entry
        })
        .collect();
    entries.extend(registry.tags.list.iter().map(|tag| {
        let mut sets: Vec<&str> = tag
            .cookies
            .iter()
            .map(|&index| registry.cookies[index].name.as_str())
            .collect();
        sets.sort_unstable();
        let kind = if tag.embed { "embed" } else { "tag" };
        // A byte no cookie name starts with: a tag's entry is never a
        // cookie's.
        let mut entry = vec![0xFE];
        for field in [
            kind,
            tag.name.as_str(),
            tag.category.keyword(),
            &tag.provider,
            &tag.service,
        ]
        .into_iter()
        .chain(sets)
        {
            entry.extend_from_slice(field.as_bytes());
            entry.push(0xFF);
        }
        entry
    }));
    entries.extend(crate::expand::consent_mode::fingerprint_entries(
        &registry.consent_mode,
    ));
    entries.sort_unstable();
    entries
        .iter()
        .fold(Fnv::new(), |hash, entry| hash.field(entry))
        .finish()
}

/// 64-bit FNV-1a: a version tag, not a secret (a signed consent cookie is
/// protected by its HMAC, not by this hash).
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    /// `bytes`, then `0xFE`. Indexed, not iterated: in a debug build this
    /// runs unoptimised, and it hashes the two text chartes (about 90 KB
    /// each for 1,000 cookies), where an iterator chain cost a call or
    /// two per byte.
    fn field(self, bytes: &[u8]) -> Self {
        const PRIME: u64 = 0x0100_0000_01b3;
        let mut hash = self.0;
        let mut at = 0;
        while at < bytes.len() {
            hash = (hash ^ bytes[at] as u64).wrapping_mul(PRIME);
            at += 1;
        }
        Fnv((hash ^ 0xFE).wrapping_mul(PRIME))
    }

    fn finish(self) -> u64 {
        self.0
    }
}
