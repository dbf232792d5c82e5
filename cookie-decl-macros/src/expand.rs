//! Code generation: the registry type, its constants, its lookups and its
//! chartes, from the checked [`model`](crate::model).

use std::collections::HashSet;
use std::fmt::Write as _;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ast::Input;
use crate::ast::SameSite;
use crate::consent;
use crate::ctxt::Ctxt;
use crate::model::{BannerOptions, CharteOptions, Cookie, Registry};
use crate::parse::Head;
use crate::phf;
use crate::render::charte;
use crate::render::docs::{constant_doc, registry_doc};
use crate::rules;

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

/// Whether an expansion carries the pages `cargo doc` shows.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pages {
    /// rustdoc's: every item documented.
    Written,
    /// The build's: every item `#[cfg(not(doc))]`, and no page but what
    /// the user wrote (`missing_docs` is allowed on the generated items:
    /// it is checked where they are documented, by rustdoc).
    Omitted,
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
    let renderings = charte::render_all(registry);
    let consent_impl = consent::consent_impl(registry, [&renderings[0][0], &renderings[1][0]]);
    let csrf_impl = consent::csrf_impl(registry);
    let (tag_items, tag_registry_items) = crate::tags::items(registry, pages);
    let consent_mode = crate::consent_mode::item(&registry.consent_mode);
    let renderings = renderings.map(|formats| formats.map(|text| lit(&text)));
    let [
        [fr_text, fr_markdown, fr_html],
        [en_text, en_markdown, en_html],
    ] = renderings;
    let doc_site = doc(&format!(" The platform the charte speaks of: <{site}>."));
    let doc_cookies = doc(" Every cookie, in declaration order.");
    let doc_charte_const = doc(" The French charte as plain text, built at compile time.");
    let doc_get = if written {
        quote! {
            /// The cookie with this real name, or `None` if none is declared.
            /// An `extern` cookie declared with a pattern is found by any name
            /// it matches. Generated: one hash, one comparison, no allocation.
        }
    } else {
        quote!()
    };
    let doc_charte = doc(" The charte in `lang` and `format`, built at compile time.");
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
            pub const CHARTE: &'static str = #fr_text;

            #doc_get
            #[must_use]
            pub fn get(name: &str) -> ::core::option::Option<&'static ::cookie_decl::CookieSpec> {
                #get
            }

            #doc_charte
            #[must_use]
            pub fn charte(lang: ::cookie_decl::Lang, format: ::cookie_decl::Format) -> &'static str {
                const __CHARTES: ::cookie_decl::__private::Chartes = ::cookie_decl::__private::Chartes {
                    renderings: [
                        [#ident::CHARTE, #fr_markdown, #fr_html],
                        [#en_text, #en_markdown, #en_html],
                    ],
                };
                __CHARTES.get(lang, format)
            }
        }

        #only
        impl ::cookie_decl::Registry for #ident {
            const SITE: &'static str = <#ident>::SITE;
            const COOKIES: &'static [::cookie_decl::CookieSpec] = <#ident>::COOKIES;
            const CHARTE: &'static str = <#ident>::CHARTE;
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
fn str_lit(out: &mut String, s: &str) {
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

/// `__c("name", "provider", ..., "domain", "; HttpOnly; ..."),` for every cookie: the
/// positional calls to `cookie_decl::__private::compact`, imported as `__c`
/// once for the whole `COOKIES` slice, as Rust source. Kept short on
/// purpose: rustc lexes, parses and evaluates them on every build of the
/// user's crate.
fn cookie_specs(cookies: &[Cookie]) -> String {
    // The encoding of `cookie_decl::__private::compact`, which keeps the
    // same bits.
    const SECURE: u8 = 1;
    const HTTP_ONLY: u8 = 1 << 1;
    const PARTITIONED: u8 = 1 << 2;
    const EXTERNAL: u8 = 1 << 3;
    const CONSENT_EXEMPT: u8 = 1 << 4;

    let mut out = String::with_capacity(cookies.len() * 200);
    for cookie in cookies {
        out.push_str("__c(");
        for text in [
            &cookie.name,
            &cookie.provider,
            &cookie.service,
            &cookie.purpose,
        ] {
            str_lit(&mut out, text);
            out.push(',');
        }
        push_number(&mut out, u64::from(cookie.category as u8), 10);
        out.push(',');
        str_lit(&mut out, &cookie.lifetime.english());
        match cookie.lifetime.seconds() {
            Some(seconds) => {
                out.push(',');
                push_number(&mut out, seconds.min(i64::MAX as u64), 10);
                out.push(',');
            }
            None => out.push_str(",-1,"),
        }
        let flags = (u8::from(cookie.secure) * SECURE)
            | (u8::from(cookie.http_only) * HTTP_ONLY)
            | (u8::from(cookie.partitioned) * PARTITIONED)
            | (u8::from(cookie.external) * EXTERNAL)
            | (u8::from(cookie.consent_exempt) * CONSENT_EXEMPT);
        let same_site = match cookie.same_site {
            SameSite::Strict => 0,
            SameSite::Lax => 1,
            SameSite::None => 2,
        };
        push_number(&mut out, u64::from(flags), 10);
        out.push(',');
        push_number(&mut out, same_site, 10);
        out.push(',');
        str_lit(&mut out, &cookie.path);
        out.push(',');
        str_lit(&mut out, cookie.domain.as_deref().unwrap_or(""));
        // The `Set-Cookie` line's attributes, built here once rather than
        // by `cookie::Cookie`'s `Display` on every call.
        out.push(',');
        str_lit(&mut out, &cookie.set_cookie_suffix());
        out.push_str("),\n");
    }
    out
}

/// Every `pub const SESSIONID: DeclaredCookie = ...;`, documented in
/// rustdoc's expansion. Each name keeps the span of the cookie's name, so
/// that an editor's "go to definition" lands on the declaration.
///
/// What is the same in every constant (`pub const`, the type and the call
/// up to `(`, `&Self::COOKIES`, `;`) is lexed once (see [`rust`]) and
/// cloned; only the index is made per constant, as a literal in its two
/// groups. Each lex is a source file for the compiler, about 20,000
/// instructions for a line of text, where a clone or a group is one call
/// through the bridge. The pieces are joined in one call.
fn constants(cookies: &[Cookie], pages: Pages) -> TokenStream {
    use proc_macro2::{Delimiter, Group, Literal, TokenTree};

    let head = rust("pub const");
    let declared = rust(": ::cookie_decl::DeclaredCookie = ::cookie_decl::__private::declared");
    let external = rust(": ::cookie_decl::ExternalCookie = ::cookie_decl::__private::external");
    let cookies_of = rust("&Self::COOKIES");
    let semi = rust(";");
    let mut pieces = Vec::with_capacity(cookies.len() * 5);
    let mut doc = String::new();
    for (index, cookie) in cookies.iter().enumerate() {
        let Some(ident) = &cookie.constant else {
            continue;
        };
        pieces.extend(cookie.attrs.iter().cloned());
        if pages == Pages::Written {
            doc.clear();
            doc.push_str("#[doc = ");
            str_lit(&mut doc, &constant_doc(cookie));
            doc.push(']');
            pieces.push(rust(&doc));
        }
        pieces.push(head.clone());
        pieces.push(TokenStream::from(TokenTree::Ident(ident.ident.clone())));
        pieces.push(if cookie.external {
            external.clone()
        } else {
            declared.clone()
        });
        let at = Group::new(
            Delimiter::Bracket,
            TokenStream::from(TokenTree::Literal(Literal::usize_unsuffixed(index))),
        );
        let mut argument = cookies_of.clone();
        argument.extend([TokenTree::Group(at)]);
        pieces.push(TokenStream::from(TokenTree::Group(Group::new(
            Delimiter::Parenthesis,
            argument,
        ))));
        pieces.push(semi.clone());
    }
    pieces.into_iter().collect()
}

/// The body of `get`, as Rust source: a perfect hash table built here
/// (see [`phf`]), so that a lookup is one hash, two table reads and one
/// comparison whatever the names and whatever order they come in. Patterns
/// (`extern "_ga_*"`) are tried after, in declaration order.
///
/// The tables are `static` arrays of integers: far less for rustc to
/// compile than a `match` per name.
fn lookup_fn(cookies: &[Cookie]) -> String {
    let mut seen = HashSet::with_capacity(cookies.len());
    let mut exact: Vec<(&[u8], usize)> = Vec::new();
    for (index, cookie) in cookies.iter().enumerate() {
        let is_pattern = cookie.external && cookie.name.contains('*');
        // Several cookies may share a name (other paths): the first wins.
        if !is_pattern && seen.insert(cookie.name.as_str()) {
            exact.push((cookie.name.as_bytes(), index));
        }
    }
    let mut out = String::with_capacity(exact.len() * 16 + 256);
    if !exact.is_empty() {
        let table = phf::build(&exact);
        let index = if cookies.len() <= usize::from(u16::MAX) {
            "::core::primitive::u16"
        } else {
            "::core::primitive::u32"
        };
        let _ = write!(
            out,
            "static __PILOTS: [::core::primitive::u16; {}] = [",
            table.pilots.len()
        );
        for &pilot in &table.pilots {
            push_number(&mut out, u64::from(pilot), 10);
            out.push(',');
        }
        let _ = write!(
            out,
            "];\nstatic __SLOTS: [{index}; {}] = [",
            table.slots.len()
        );
        for &slot in &table.slots {
            push_number(&mut out, slot as u64, 10);
            out.push(',');
        }
        // The words and length of each name, by index into `COOKIES`;
        // a length no name has for patterns and repeated names.
        let _ = write!(
            out,
            "];\nstatic __KEYS: [[::core::primitive::u64; 3]; {}] = [",
            cookies.len()
        );
        let mut keys = vec![None; cookies.len()];
        for &(name, index) in &exact {
            keys[index] = Some(name);
        }
        for key in keys {
            match key {
                Some(name) => {
                    let (lo, hi) = phf::words(name);
                    out.push('[');
                    push_number(&mut out, lo, 16);
                    out.push(',');
                    push_number(&mut out, hi, 16);
                    out.push(',');
                    push_number(&mut out, name.len() as u64, 10);
                    out.push_str("],");
                }
                None => out.push_str("[0,0,!0],"),
            }
        }
        let _ = write!(
            out,
            "];\n\
             if let ::core::option::Option::Some(__spec) = ::cookie_decl::__private::phf_get(\
             name, {:#x}, &__PILOTS, &__SLOTS, &__KEYS, Self::COOKIES) {{\n\
             return ::core::option::Option::Some(__spec);\n}}\n",
            table.seed
        );
    }
    for (index, cookie) in cookies.iter().enumerate() {
        if cookie.external && cookie.name.contains('*') {
            // `_ga_*`, the common shape, is a prefix: tried on every name
            // that is not declared, so compared as one, not matched.
            match cookie
                .name
                .strip_suffix('*')
                .filter(|rest| !rest.contains('*'))
            {
                Some(prefix) => {
                    out.push_str("if ::core::primitive::str::starts_with(name, ");
                    str_lit(&mut out, prefix);
                    out.push(')');
                }
                None => {
                    out.push_str("if ::cookie_decl::__private::glob_match(");
                    str_lit(&mut out, &cookie.name);
                    out.push_str(", name)");
                }
            }
            let _ = write!(
                out,
                " {{\nreturn ::core::option::Option::Some(&Self::COOKIES[{index}]);\n}}\n"
            );
        }
    }
    out.push_str("::core::option::Option::None\n");
    out
}

/// `SiteCookies!("sessionid")`: a macro named like the registry (macros
/// live in their own namespace), so importing the registry imports it too.
fn lookup_macro(registry: &Registry, only: &TokenStream) -> TokenStream {
    let ident = &registry.ident;
    let hidden = format_ident!("__cookie_decl_{}_{:016x}", ident, fingerprint(registry));
    // `"name" => CONSTANT, ...`, lexed from source in one call (see
    // [`rust`]): `quote!` made four tokens per cookie one by one.
    let mut declared = String::with_capacity(registry.cookies.len() * 32);
    for cookie in &registry.cookies {
        if let Some(constant) = &cookie.constant {
            str_lit(&mut declared, &cookie.name);
            declared.push_str(" => ");
            declared.push_str(&constant.text);
            declared.push(',');
        }
    }
    let declared = rust(&declared);
    let exported = is_pub(&registry.vis);
    let export = if exported {
        quote!(#[macro_export])
    } else {
        quote!()
    };
    let vis = &registry.vis;
    quote! {
        #only
        #[doc(hidden)]
        #export
        macro_rules! #hidden {
            ($name:literal) => {
                ::cookie_decl::__private::lookup_cookie!(#ident, $name, [#declared])
            };
        }
        #only
        #[doc(hidden)]
        #[allow(unused_imports)]
        #vis use #hidden as #ident;
    }
}

/// Whether the registry is visible outside its crate, so that its lookup
/// macro must be exported.
fn is_pub(vis: &TokenStream) -> bool {
    let mut tokens = vis.clone().into_iter();
    match (tokens.next(), tokens.next()) {
        (Some(proc_macro2::TokenTree::Ident(ident)), None) => ident == "pub",
        (Some(proc_macro2::TokenTree::Group(group)), None) => is_pub(&group.stream()),
        _ => false,
    }
}

/// Tells exported lookup macros of same-named registries apart at the crate
/// root (FNV-1a of the site and the cookie names).
fn fingerprint(registry: &Registry) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let parts = std::iter::once(registry.site.as_str())
        .chain(registry.cookies.iter().map(|c| c.name.as_str()));
    for part in parts {
        for byte in part.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}
