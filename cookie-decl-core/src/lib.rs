//! The run time of [`cookie-decl`](https://docs.rs/cookie-decl): an
//! implementation detail. Depend on `cookie-decl`, which re-exports all of
//! this crate and documents it.
//!
//! It is a crate of its own so that it does not depend on the macro crate:
//! a clean build compiles the two side by side instead of one after the
//! other (BENCHMARKS.md, "Cold builds").
#![deny(missing_docs)]

// The generated code names `::cookie_decl`, also in this crate's own unit
// tests, which declare registries. (Its doctests name it `cookie_decl`
// with `extern crate cookie_decl_core as cookie_decl;`.)
#[cfg(test)]
extern crate self as cookie_decl;

#[cfg(feature = "actix")]
pub mod actix;
#[cfg(feature = "axum")]
pub mod axum;
mod category;
mod charte;
pub mod consent;
mod header;
// The core the axum, Rocket, actix-web and poem modules adapt.
#[cfg(any(
    feature = "axum",
    feature = "rocket",
    feature = "actix",
    feature = "poem"
))]
mod integration;
mod lang;
#[cfg(feature = "poem")]
pub mod poem;
mod random;
mod registry;
#[cfg(feature = "rocket")]
pub mod rocket;
#[cfg(feature = "serde")]
mod serde;
mod spec;
mod tags;
mod value;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

// What this crate's own unit tests and doctests need to stand in for
// `cookie_decl` (feature `__tests`). Users get both from `cookie-decl`,
// whose `cookie` is a re-export of its own: through its glob, rustdoc
// would copy every page of `cookie` into its docs.
#[cfg(feature = "__tests")]
#[doc(hidden)]
pub use {cookie, cookie_decl_macros::declare_cookies};

pub use crate::__private::glob_match as matches_pattern;
pub use crate::category::Category;
pub use crate::charte::Format;
pub use crate::lang::{Lang, UnknownLang, VisitorLang};
pub use crate::registry::Registry;
pub use crate::spec::{CookieSpec, DeclaredCookie, ExternalCookie};
pub use crate::tags::{Loading, TagKind, TagSpec};
pub use crate::value::{CookieValue, DecodeError, ValueError, decode_value, encode_value};
