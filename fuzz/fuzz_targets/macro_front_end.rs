//! `declare_cookies!` and the lookup macro on any text that lexes: code or
//! errors with spans, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(tokens) = text.parse::<proc_macro2::TokenStream>() else {
        return;
    };
    let _ = cookie_decl_fuzz::declare_cookies(tokens.clone());
    let _ = cookie_decl_fuzz::lookup_cookie(tokens);
});
