//! Rust source text, written at expansion time, made tokens: the lexing
//! behind the large, regular parts of the expansion, and the literals and
//! numbers written into that text.

use std::fmt::Write as _;

use proc_macro2::TokenStream;

/// Tokens from generated Rust source, in one call to the compiler.
///
/// A proc macro runs unoptimised in a debug build, and each token it makes
/// one by one (`quote!`) is a call across the compiler bridge: for the
/// large, regular parts of the expansion (the `COOKIES` slice, the `get`
/// tree, each constant around its name, the docs and chartes), writing
/// source text and lexing it once is several times faster. Those parts
/// need no span of the user's: like `quote!`'s, their tokens have the call
/// site's.
///
/// It calls the compiler's lexer directly: `proc_macro2` would first check
/// the text with its own lexer, compiled unoptimised like this crate, which
/// cost more than everything else here. The text is this crate's own, so
/// that check has nothing to catch.
///
/// Outside a macro (this crate's tests, the fuzz targets) the compiler's
/// lexer does not exist, and `proc_macro2`'s own does the work.
///
/// Should the text ever fail to lex (a bug here, whatever the input), the
/// user gets a `compile_error!` at the invocation, not "proc macro
/// panicked"; the tests and fuzz targets look for its words.
pub(crate) fn rust(source: &str) -> TokenStream {
    let lexed = if proc_macro::is_available() {
        source
            .parse::<proc_macro::TokenStream>()
            .map(TokenStream::from)
            .map_err(|error| error.to_string())
    } else {
        source
            .parse::<TokenStream>()
            .map_err(|error| format!("{error:?}"))
    };
    lexed.unwrap_or_else(|error| {
        let start: String = source.chars().take(200).collect();
        syn::Error::new(
            proc_macro2::Span::call_site(),
            format!(
                "cookie-decl generated Rust that does not lex ({error}), from `{start}`: this is \
                 a bug of cookie-decl, please report it with the declaration"
            ),
        )
        .into_compile_error()
    })
}

/// `n` as a Rust integer literal in base 10, or 16 (`0x2a`, as `{:#x}`
/// writes it), appended to `out`. Without `write!`: the generated tables
/// and `COOKIES` hold thousands of numbers, and the formatting machinery
/// cost about 1,600 instructions a number in a debug build.
pub(crate) fn push_number(out: &mut String, mut n: u64, base: u64) {
    let mut digits = [0_u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b"0123456789abcdef"[(n % base) as usize];
        n /= base;
        if n == 0 {
            break;
        }
    }
    if base == 16 {
        out.push_str("0x");
    }
    out.push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
}

/// `s` as a Rust string literal: a raw one, which needs no escaping, unless
/// `s` holds what a raw string cannot (a carriage return, or `"#`).
pub(crate) fn str_lit(out: &mut String, s: &str) {
    if s.contains('\r') || closes_raw_string(s) {
        // `Debug` of a `str` is a valid Rust string literal of the same
        // value.
        let _ = write!(out, "{s:?}");
    } else {
        out.push_str("r#\"");
        out.push_str(s);
        out.push_str("\"#");
    }
}

/// Whether `s` holds `"#`, which would end a raw string `r#"..."#`.
/// Looked for quote by quote: `str::contains("\"#")` runs a substring
/// search compiled unoptimised with this crate, where finding a `char` is
/// the standard library's optimised `memchr`, and the chartes and docs are
/// about a megabyte of text for 1,000 cookies.
fn closes_raw_string(s: &str) -> bool {
    let mut rest = s;
    while let Some(quote) = rest.find('"') {
        rest = &rest[quote + 1..];
        if rest.starts_with('#') {
            return true;
        }
    }
    false
}

/// `s` as the tokens of a string literal. For the large ones (chartes,
/// docs), lexing the literal is much faster than `LitStr::new`, whose
/// escaping runs unoptimised in this crate.
pub(crate) fn lit(s: &str) -> TokenStream {
    let mut source = String::with_capacity(s.len() + 4);
    str_lit(&mut source, s);
    rust(&source)
}
