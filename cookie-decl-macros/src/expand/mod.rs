//! Code generation, the top of the pipeline: parse, check, and the
//! registry's items (its type, its constants, its lookups, its chartes,
//! its consent impls) from the checked [`model`](crate::model) and the
//! [`render`](crate::render)ed texts.
//!
//! The registry's own items are assembled here; each feature's items are
//! a file ([`cookies`], [`get`], [`lookup`], [`consent`], [`tags`],
//! [`consent_mode`]), over the lexing helpers of [`tokens`]. A new
//! feature's items go in a file of their own beside them, called from
//! `registry_items`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ast::Input;
use crate::ctxt::Ctxt;
use crate::lang::Lang;
use crate::model::{BannerOptions, CharteOptions, Registry};
use crate::parse::Head;
use crate::render::charte;
use crate::render::docs::registry_doc;
use crate::rules;

mod consent;
mod consent_mode;
mod cookies;
mod get;
pub mod lookup;
pub mod pages;
mod phf;
mod tags;
pub mod tokens;

use crate::expand::cookies::{constants, cookie_specs};
use crate::expand::get::lookup_fn;
use crate::expand::lookup::lookup_macro;
use crate::expand::pages::Pages;
use crate::expand::tokens::{lit, rust};

/// The entry point: parse, check, expand. The expansion is emitted even
/// beside errors, so that a mistake in the declaration does not cascade
/// into "cannot find" errors wherever the registry is used.
///
/// The pages `cargo doc` shows (the registry's table, a page per constant
/// and per tag) are most of the text of a registry's expansion, and only
/// rustdoc reads them; rustc would lex them, resolve their links and write
/// them into the crate's metadata on every build. So what this returns is
/// for builds (`#[cfg(not(doc))]`, without those pages), beside a call of
/// [`declare_cookies_documented`] on the same tokens for rustdoc
/// (`#[cfg(doc)]`), which rustc drops before expanding it.
pub fn declare_cookies(tokens: TokenStream) -> TokenStream {
    let documented = quote! {
        #[cfg(doc)]
        ::cookie_decl::__private::declare_cookies_documented! { #tokens }
    };
    let mut expanded = expand(tokens, Pages::Omitted);
    expanded.extend(documented);
    expanded
}

/// `declare_cookies!` as rustdoc sees it: the same items, with their
/// pages, and without the errors, which the build's expansion reports.
pub fn declare_cookies_documented(tokens: TokenStream) -> TokenStream {
    expand(tokens, Pages::Written)
}

fn expand(tokens: TokenStream, pages: Pages) -> TokenStream {
    let input: Input = match syn::parse2(tokens.clone()) {
        Ok(input) => input,
        Err(error) => return fallback(tokens, error, pages),
    };
    let cx = Ctxt::default();
    let registry = rules::check(&input, &cx);
    let mut expanded = registry_items(&registry, pages);
    let errors = cx.into_compile_errors();
    if pages == Pages::Omitted {
        expanded.extend(errors);
    }
    expanded
}

/// When the declaration does not parse: the error, and an empty registry
/// of the declared name if the head is readable.
fn fallback(tokens: TokenStream, error: syn::Error, pages: Pages) -> TokenStream {
    let mut expanded = match pages {
        Pages::Omitted => error.into_compile_error(),
        Pages::Written => TokenStream::new(),
    };
    if let Ok(head) = syn::parse2::<Head>(tokens) {
        expanded.extend(registry_items(
            &Registry {
                attrs: Vec::new(),
                vis: head.vis,
                ident: head.ident,
                site: String::new(),
                langs: Lang::DEFAULT.to_vec(),
                charte: CharteOptions::default(),
                banner: BannerOptions::default(),
                cookies: Vec::new(),
                consent: None,
                csrf: None,
                tags: crate::model::tags::Tags::default(),
                consent_mode: Vec::new(),
            },
            pages,
        ));
    }
    expanded
}

fn registry_items(registry: &Registry, pages: Pages) -> TokenStream {
    let Registry {
        attrs, vis, ident, ..
    } = registry;
    let site = &registry.site;
    let written = pages == Pages::Written;
    // Before every item: which expansion it belongs to.
    let only = if written {
        quote!()
    } else {
        quote!(#[cfg(not(doc))])
    };
    let doc = |text: &str| {
        if written {
            quote!(#[doc = #text])
        } else {
            quote!()
        }
    };
    let registry_doc = if written {
        let page = lit(&registry_doc(registry));
        quote!(#[doc = #page])
    } else {
        quote!(#[allow(missing_docs)])
    };
    let specs = rust(&cookie_specs(&registry.cookies));
    let constants = constants(&registry.cookies, pages);
    let get = rust(&lookup_fn(&registry.cookies));
    let renderings = charte::render_all(registry, &registry.langs);
    let text_chartes: Vec<&str> = renderings
        .iter()
        .map(|formats| formats[0].as_str())
        .collect();
    let consent_impl = consent::consent_impl(registry, &text_chartes);
    let csrf_impl = consent::csrf_impl(registry);
    let (tag_items, tag_registry_items) = tags::items(registry, pages);
    let consent_mode = consent_mode::item(&registry.consent_mode);
    // `CHARTE`: the French text charte, or the first language's when French
    // is not published. Its literal is written once, and named in the table.
    let charte_at = registry
        .langs
        .iter()
        .position(|&lang| lang == Lang::Fr)
        .unwrap_or(0);
    let charte_const = lit(&renderings[charte_at][0]);
    let table = renderings.iter().enumerate().map(|(at, formats)| {
        let [text, markdown, html] = formats.each_ref().map(|text| lit(text));
        let text = if at == charte_at {
            quote!(#ident::CHARTE)
        } else {
            text
        };
        quote!([#text, #markdown, #html])
    });
    let variants = registry.langs.iter().map(|lang| {
        let variant = syn::Ident::new(lang.variant(), proc_macro2::Span::call_site());
        quote!(::cookie_decl::Lang::#variant)
    });
    let langs_const = quote!(pub const LANGS: &'static [::cookie_decl::Lang] = &[#(#variants),*];);
    // The trait's default is French and English: only a registry that
    // names others says so in its impl.
    let langs_in_trait = (registry.langs != Lang::DEFAULT)
        .then(|| quote!(const LANGS: &'static [::cookie_decl::Lang] = <#ident>::LANGS;));
    let doc_langs = doc(
        " The languages the charte, the banner and the preferences page are published in, \
         the site's own first.",
    );
    let doc_site = doc(&format!(" The platform the charte speaks of: <{site}>."));
    let doc_cookies = doc(" Every cookie, in declaration order.");
    let doc_charte_const = doc(if charte_at == 0 && registry.langs[0] != Lang::Fr {
        " The charte in the site's first language, as plain text, built at compile time."
    } else {
        " The French charte as plain text, built at compile time."
    });
    let doc_get = if written {
        quote! {
            /// The cookie with this real name, or `None` if none is declared.
            /// An `extern` cookie declared with a pattern is found by any name
            /// it matches. Generated: one hash, one comparison, no allocation.
        }
    } else {
        quote!()
    };
    let doc_charte = doc(
        " The charte in `lang` and `format`, built at compile time; in the site's first \
         language when it does not publish `lang`.",
    );
    let allow_missing_docs = if written {
        quote!()
    } else {
        quote!(#[allow(missing_docs)])
    };
    let lookup_macro = lookup_macro(registry, &only);
    let consent_impl = gated(&only, consent_impl);
    // For the serde export's `consent_cookie`.
    let consent_cookie = match &registry.consent {
        Some(store) => {
            let name = registry.cookies[store.cookie].name.as_str();
            quote!(::core::option::Option::Some(#name))
        }
        None => quote!(::core::option::Option::None),
    };
    let csrf_impl = gated(&only, csrf_impl);

    quote! {
        #only
        #(#attrs)*
        #registry_doc
        #vis struct #ident;

        // The constants are public API of the registry; a binary that uses
        // only some of them is not dead code.
        #only
        #[allow(dead_code)]
        #allow_missing_docs
        impl #ident {
            #doc_site
            pub const SITE: &'static str = #site;

            #doc_cookies
            pub const COOKIES: &'static [::cookie_decl::CookieSpec] = {
                use ::cookie_decl::__private::compact as __c;
                &[#specs]
            };

            #constants

            #tag_items

            #doc_charte_const
            pub const CHARTE: &'static str = #charte_const;

            #doc_langs
            #langs_const

            #doc_get
            #[must_use]
            pub fn get(name: &str) -> ::core::option::Option<&'static ::cookie_decl::CookieSpec> {
                #get
            }

            #doc_charte
            #[must_use]
            pub fn charte(lang: ::cookie_decl::Lang, format: ::cookie_decl::Format) -> &'static str {
                const __CHARTES: ::cookie_decl::__private::Chartes = ::cookie_decl::__private::Chartes {
                    langs: <#ident>::LANGS,
                    renderings: &[#(#table),*],
                };
                __CHARTES.get(lang, format)
            }
        }

        #only
        impl ::cookie_decl::Registry for #ident {
            const SITE: &'static str = <#ident>::SITE;
            const COOKIES: &'static [::cookie_decl::CookieSpec] = <#ident>::COOKIES;
            const CHARTE: &'static str = <#ident>::CHARTE;
            #langs_in_trait
            #tag_registry_items
            #consent_mode

            fn get(name: &str) -> ::core::option::Option<&'static ::cookie_decl::CookieSpec> {
                <#ident>::get(name)
            }

            fn charte(lang: ::cookie_decl::Lang, format: ::cookie_decl::Format) -> &'static str {
                <#ident>::charte(lang, format)
            }
        }

        #only
        ::cookie_decl::__private::serialize_registry_impl!(#ident, #consent_cookie);

        #consent_impl

        #csrf_impl

        #lookup_macro
    }
}

/// `item` behind `only`, or nothing if there is no item.
fn gated(only: &TokenStream, item: TokenStream) -> TokenStream {
    if item.is_empty() {
        item
    } else {
        quote!(#only #item)
    }
}
