//! `declare_cookies!` and the lookup macro on any text that lexes: code or
//! errors with spans, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The macro echoes the input's strings (in code and in errors): an
    // input that holds the words of the check would pass for the bug.
    if text.contains("does not lex") {
        return;
    }
    let Ok(tokens) = text.parse::<proc_macro2::TokenStream>() else {
        return;
    };
    // Code or errors with spans; never the error that says the macro
    // generated text that does not lex (a bug whatever the input).
    let out = cookie_decl_fuzz::declare_cookies(tokens.clone()).to_string();
    assert!(
        !out.contains("generated Rust that does not lex"),
        "{text}\n{out}"
    );
    let out = cookie_decl_fuzz::lookup_cookie(tokens).to_string();
    assert!(
        !out.contains("generated Rust that does not lex"),
        "{text}\n{out}"
    );
});
