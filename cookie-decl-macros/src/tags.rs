//! Third-party tags and embeds: the scripts (`tag`) and embedded players
//! (`embed`) that deposit a category's `extern` cookies from the browser.
//! Their constants, the registry's `TAGS` and their part of the charte;
//! their model is `model::tags`, their rules `rules/tags.rs`.
//!
//! A registry that declares none pays one emptiness check per stage: no
//! map is built, no token is made, and its expansion and its charte are
//! what they were before tags existed.

use std::fmt::Write as _;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::ast::Loading;
use crate::charte::{self, Escapes};
use crate::expand::Pages;
use crate::model::tags::Tag;
use crate::model::{Cookie, Registry};

/// The registry's tag items: `TAGS` and a constant per tag in its inherent
/// impl, and the `Registry` impl's `TAGS` and `PREFERENCES_URL`; nothing
/// for a registry without tags and with the default preferences page.
/// The constants' pages only in rustdoc's expansion (see
/// [`Pages`](crate::expand::Pages)).
pub fn items(registry: &Registry, pages: Pages) -> (TokenStream, TokenStream) {
    let preferences = registry
        .banner
        .preferences_url
        .as_ref()
        .map(|url| quote!(const PREFERENCES_URL: &'static str = #url;));
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
        quote! {
            ::cookie_decl::__private::tag(
                #kind, #name, #provider, #service, #category, #src, #inline, #loading,
                <#ident>::COOKIES, &[#(#cookies),*],
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

/// A tag constant's page: what it is, who operates it, when it loads and
/// what it deposits.
fn constant_doc(tag: &Tag, cookies: &[Cookie]) -> String {
    static CODE: Escapes = Escapes::new(&[(b'`', "")]);
    static TEXT: Escapes = Escapes::new(&[
        (b'&', "&amp;"),
        (b'<', "&lt;"),
        (b'>', "&gt;"),
        (b'\\', "\\\\"),
        (b'`', "\\`"),
        (b'*', "\\*"),
        (b'_', "\\_"),
        (b'[', "\\["),
        (b']', "\\]"),
    ]);
    let mut doc = String::new();
    if !tag.attrs.is_empty() {
        doc.push_str("\n\n");
    }
    let _ = write!(
        doc,
        " {} `{}`, in `{}`.\n\n - **Provider:** ",
        if tag.embed { "Embed" } else { "Tag" },
        tag.name,
        tag.category.keyword()
    );
    charte::escape_into(&mut doc, &tag.provider, &TEXT);
    doc.push_str("\n - **Service:** ");
    charte::escape_into(&mut doc, &tag.service, &TEXT);
    doc.push_str("\n - **Sets:** ");
    if tag.cookies.is_empty() {
        doc.push_str("no declared cookie");
    }
    for (at, &index) in tag.cookies.iter().enumerate() {
        if at > 0 {
            doc.push_str(", ");
        }
        doc.push('`');
        charte::escape_into(&mut doc, &cookies[index].name, &CODE);
        doc.push('`');
    }
    doc.push_str(if tag.embed {
        "\n\n Shown through `consent::embed`: the page's HTML when the visitor allows its \
         category, a placeholder otherwise.\n"
    } else {
        "\n\n Rendered by `consent::tags` when the visitor allows its category.\n"
    });
    doc
}

/// The wording of the charte's section on tags, in one language.
pub struct Texts {
    pub heading: &'static str,
    pub columns: [&'static str; 5],
    /// A script, an embed.
    pub kinds: [&'static str; 2],
    /// One word per category, in [`Category::ALL`] order.
    pub categories: [&'static str; 4],
    pub none: &'static str,
    pub other_heading: &'static str,
    pub other_columns: [&'static str; 2],
}

pub const FR: Texts = Texts {
    heading: "Scripts et contenus tiers qui déposent ces cookies",
    columns: [
        "Nom du prestataire",
        "Service",
        "Type",
        "Catégorie",
        "Cookies déposés",
    ],
    kinds: ["Script", "Contenu intégré"],
    categories: ["Nécessaire", "Préférences", "Statistiques", "Marketing"],
    none: "Aucun",
    other_heading: "Cookies déposés par d'autres moyens",
    other_columns: ["Nom du cookies", "Déposé par"],
};

pub const EN: Texts = Texts {
    heading: "Third-party scripts and embeds that set these cookies",
    columns: ["Provider", "Service", "Type", "Category", "Cookies set"],
    kinds: ["Script", "Embedded content"],
    categories: ["Necessary", "Preferences", "Statistics", "Marketing"],
    none: "None",
    other_heading: "Cookies set by other means",
    other_columns: ["Cookie name", "Set by"],
};

/// The rows of the charte's tag table: provider, service, type, category
/// and the names of the cookies it sets.
pub fn charte_rows(registry: &Registry, texts: &Texts) -> Vec<[String; 5]> {
    registry
        .tags
        .list
        .iter()
        .map(|tag| {
            let names: Vec<&str> = tag
                .cookies
                .iter()
                .map(|&index| registry.cookies[index].name.as_str())
                .collect();
            [
                tag.provider.clone(),
                tag.service.clone(),
                texts.kinds[usize::from(tag.embed)].to_owned(),
                texts.categories[tag.category as usize].to_owned(),
                if names.is_empty() {
                    texts.none.to_owned()
                } else {
                    names.join(", ")
                },
            ]
        })
        .collect()
}
