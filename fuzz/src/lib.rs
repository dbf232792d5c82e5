//! What the fuzz targets share: a registry, and the macro's pipeline.
//!
//! A proc-macro crate exports only its macros, so the fuzz targets cannot
//! call `cookie-decl-macros`' functions. This crate compiles the macro
//! crate's own source files as its modules instead (`#[path]`), the very
//! code the macro runs, and calls its entry points on `proc_macro2` token
//! streams; outside a macro, the pipeline lexes with `proc_macro2`.
#![allow(dead_code, clippy::all)]

extern crate proc_macro;

#[path = "../../cookie-decl-macros/src/ast.rs"]
mod ast;
#[path = "../../cookie-decl-macros/src/banner.rs"]
mod banner;
#[path = "../../cookie-decl-macros/src/charte.rs"]
mod charte;
#[path = "../../cookie-decl-macros/src/check.rs"]
mod check;
#[path = "../../cookie-decl-macros/src/consent.rs"]
mod consent;
#[path = "../../cookie-decl-macros/src/ctxt.rs"]
mod ctxt;
#[path = "../../cookie-decl-macros/src/expand.rs"]
mod expand;
#[path = "../../cookie-decl-macros/src/lookup.rs"]
mod lookup;
#[path = "../../cookie-decl-macros/src/model.rs"]
mod model;
#[path = "../../cookie-decl-macros/src/parse.rs"]
mod parse;
#[path = "../../cookie-decl-macros/src/phf.rs"]
mod phf;
#[path = "../../cookie-decl-macros/src/suggest.rs"]
mod suggest;

/// `declare_cookies!` on `tokens`.
pub fn declare_cookies(tokens: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    expand::declare_cookies(tokens)
}

/// The lookup macro's expansion on `tokens`.
pub fn lookup_cookie(tokens: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    lookup::lookup_cookie(tokens)
}

cookie_decl::declare_cookies! {
    /// A registry with every kind of cookie the targets read.
    pub struct Site {
        site: "https://data.example.fr",
    }
    necessary {
        sid { provider: "P", service: "S", purpose: "Session." }
        "__Host-csrf" as CSRF { provider: "P", service: "S", purpose: "Forms.", same_site: Strict }
        consent { provider: "P", service: "S", purpose: "Choice.", max_age: 6 months, stores_consent: true }
    }
    preferences {
        lang { provider: "P", service: "S", purpose: "Language.", max_age: 1 year, http_only: false, path: "/app" }
    }
    statistics {
        visits { provider: "P", service: "S", purpose: "Count.", max_age: 13 months }
        audience { provider: "P", service: "S", purpose: "Audience.", max_age: 13 months, consent_exempt: true }
        extern "_ga_*" as GA { provider: "G", service: "A", purpose: "Tell apart.", max_age: 13 months, domain: ".example.fr" }
    }
    marketing {
        ad { provider: "P", service: "S", purpose: "Ads.", same_site: None, partitioned: true, domain: "example.fr" }
    }
}
