//! The procedural macros behind the `cookie-decl` crate. Use them through
//! `cookie-decl`, which documents them; this crate's API is not stable on
//! its own.

mod ast;
mod consent;
mod consent_mode;
mod ctxt;
mod expand;
mod lookup;
mod model;
mod parse;
mod phf;
mod render;
mod rules;
mod suggest;
mod tags;
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
    lookup::lookup_cookie(input.into()).into()
}
