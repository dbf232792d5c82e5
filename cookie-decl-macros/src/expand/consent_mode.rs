//! The header's `consent_mode` as items: the `Registry` impl's
//! `CONSENT_MODE`, and its part of the declaration's fingerprint.
//!
//! A registry that does not write `consent_mode` expands nothing of it,
//! and its fingerprint is what it was before.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ast::Category;
use crate::model::consent_mode::{Mapping, SIGNALS};

/// The bytes `consent::declaration_fingerprint` hashes for the mapping:
/// a visitor's yes to a category reaches Google's tags through it.
pub fn fingerprint_entries(mappings: &[Mapping]) -> impl Iterator<Item = Vec<u8>> + '_ {
    mappings.iter().map(|mapping| {
        // A byte no cookie name starts with, nor a tag's entry.
        let mut entry = vec![0xFD];
        entry.extend_from_slice(mapping.key().as_bytes());
        entry.push(0xFF);
        entry.extend_from_slice(
            mapping
                .category
                .map_or("denied", Category::keyword)
                .as_bytes(),
        );
        entry
    })
}

/// `const CONSENT_MODE` of the `Registry` impl; nothing without
/// `consent_mode`.
pub fn item(mappings: &[Mapping]) -> TokenStream {
    if mappings.is_empty() {
        return TokenStream::new();
    }
    let entries = mappings.iter().map(|mapping| {
        let signal = format_ident!("{}", SIGNALS[mapping.signal].1);
        let category = match mapping.category {
            Some(category) => {
                let variant = format_ident!("{}", variant(category));
                quote!(::core::option::Option::Some(::cookie_decl::Category::#variant))
            }
            None => quote!(::core::option::Option::None),
        };
        quote!((::cookie_decl::consent::ConsentSignal::#signal, #category))
    });
    quote! {
        const CONSENT_MODE: &'static [(
            ::cookie_decl::consent::ConsentSignal,
            ::core::option::Option<::cookie_decl::Category>,
        )] = &[#(#entries),*];
    }
}

fn variant(category: Category) -> &'static str {
    match category {
        Category::Necessary => "Necessary",
        Category::Preferences => "Preferences",
        Category::Statistics => "Statistics",
        Category::Marketing => "Marketing",
    }
}
