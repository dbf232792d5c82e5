//! The procedural macros behind the `cookie-decl` crate. Use them through
//! `cookie-decl`, which documents them; this crate's API is not stable on
//! its own.
//!
//! # Layers
//!
//! A declaration goes up the layers: parsed, checked into the model, then
//! rendered and expanded. A file imports only from the layers below its
//! own, or from a file of its own layer that imports nothing back, so no
//! import goes up and none makes a circle.
//!
//! ```text
//!  lib.rs                  the macros' entry points
//!  ------------------------------------------------------------------
//!  expand/                 the Rust code: parse, check, then the
//!                          registry's items, from the model and texts
//!  ------------------------------------------------------------------
//!  rules/       render/    the rules: ast -> model, and the errors;
//!                          the texts: model -> charte, banner,
//!                          preferences page, docs (neither imports
//!                          the other)
//!  ------------------------------------------------------------------
//!  model/       parse.rs   the checked declaration; the grammar:
//!                          tokens -> ast (neither imports the other)
//!  ------------------------------------------------------------------
//!  ast.rs                  the declaration as written
//!  ==================================================================
//!  ctxt.rs, suggest.rs,    an invocation's errors, "did you mean",
//!  lang.rs                 the EU languages: for any layer, importing
//!                          nothing
//! ```
//!
//! A feature is a file in each layer it needs, beside the others: tags
//! and embeds are `model/tags.rs`, `rules/tags.rs`, `render/tags.rs` and
//! `expand/tags.rs` (their syntax in `ast.rs` and `parse.rs`); Consent
//! Mode, which shows no text, has no file in `render/`. A folder's
//! `mod.rs` says what it holds, and is a file, not a `foo.rs` beside
//! `foo/`, because the fuzz crate compiles these sources by `#[path]`.

mod ast;
mod ctxt;
mod expand;
mod lang;
mod model;
mod parse;
mod render;
mod rules;
mod suggest;
#[cfg(test)]
mod tests;

use proc_macro::TokenStream;

#[proc_macro]
pub fn declare_cookies(input: TokenStream) -> TokenStream {
    expand::declare_cookies(input.into()).into()
}

#[doc(hidden)]
#[proc_macro]
pub fn declare_cookies_documented(input: TokenStream) -> TokenStream {
    expand::declare_cookies_documented(input.into()).into()
}

#[doc(hidden)]
#[proc_macro]
pub fn lookup_cookie(input: TokenStream) -> TokenStream {
    expand::lookup::lookup_cookie(input.into()).into()
}
