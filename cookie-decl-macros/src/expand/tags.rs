//! The registry's third-party tags and embeds as items: `TAGS`, a constant
//! per tag, and the `Registry` impl's `TAGS` and addresses
//! (`PREFERENCES_URL`, `CONSENT_URL`, `CHARTE_URL`).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::ast::Loading;
use crate::expand::pages::Pages;
use crate::model::Registry;
use crate::render::tags::constant_doc;

/// The registry's tag items: `TAGS` and a constant per tag in its inherent
/// impl, and the `Registry` impl's `TAGS` and addresses
/// (`PREFERENCES_URL`, `CONSENT_URL`, `CHARTE_URL`); nothing for a
/// registry without tags and with the default addresses.
/// The constants' pages only in rustdoc's expansion (see
/// [`Pages`]).
pub fn items(registry: &Registry, pages: Pages) -> (TokenStream, TokenStream) {
    let banner = &registry.banner;
    let preferences = [
        (&banner.preferences_url, quote!(PREFERENCES_URL)),
        (&banner.consent_url, quote!(CONSENT_URL)),
        (&banner.charte_url, quote!(CHARTE_URL)),
    ]
    .into_iter()
    .filter_map(|(url, name)| {
        url.as_ref()
            .map(|url| quote!(const #name: &'static str = #url;))
    })
    .reduce(|mut all, one| {
        all.extend(one);
        all
    });
    if registry.tags.list.is_empty() {
        return (TokenStream::new(), preferences.unwrap_or_default());
    }
    let ident = &registry.ident;
    let specs = registry.tags.list.iter().map(|tag| {
        let kind = u8::from(tag.embed);
        let name = &tag.name;
        let (provider, service) = (&tag.provider, &tag.service);
        let category = tag.category as u8;
        let src = tag.src.as_deref().unwrap_or("");
        let inline = tag.inline.as_deref().unwrap_or("");
        let loading: u8 = match tag.loading {
            None => 0,
            Some(Loading::Async) => 1,
            Some(Loading::Defer) => 2,
        };
        let cookies = tag
            .cookies
            .iter()
            .map(|&index| Literal::usize_unsuffixed(index));
        // In the order of `LANGS`, when written per language.
        let services = if tag.services.is_empty() {
            Vec::new()
        } else {
            registry
                .langs
                .iter()
                .map(|&lang| tag.service_in(lang))
                .collect()
        };
        quote! {
            ::cookie_decl::__private::tag(
                #kind, #name, #provider, #service, #category, #src, #inline, #loading,
                <#ident>::COOKIES, &[#(#cookies),*], &[#(#services),*],
            )
        }
    });
    let constants = registry
        .tags
        .list
        .iter()
        .enumerate()
        .filter_map(|(index, tag)| {
            let constant = &tag.constant.as_ref()?.ident;
            let attrs = &tag.attrs;
            let doc = (pages == Pages::Written).then(|| {
                let doc = constant_doc(tag, &registry.cookies);
                quote!(#[doc = #doc])
            });
            Some(quote! {
                #(#attrs)*
                #doc
                pub const #constant: ::cookie_decl::TagSpec = Self::TAGS[#index];
            })
        });
    let doc = (pages == Pages::Written).then(|| {
        quote! {
            /// Every third-party tag and embed, in declaration order: what
            /// `consent::tags` renders and `consent::embed` gates.
        }
    });
    let inherent = quote! {
        #doc
        pub const TAGS: &'static [::cookie_decl::TagSpec] = &[#(#specs),*];

        #(#constants)*
    };
    let in_trait = quote! {
        const TAGS: &'static [::cookie_decl::TagSpec] = <#ident>::TAGS;
        #preferences
    };
    (inherent, in_trait)
}
