//! The lookup of a cookie by its real name, written as a string literal:
//! `SiteCookies!("sessionid")`. `declare_cookies!` generates the
//! `SiteCookies!` macro, which hands the literal and the declared names to
//! [`lookup_cookie`]: the literal keeps its span, so an undeclared name is
//! reported where the user wrote it.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ast::Lookup;
use crate::expand::tokens::{rust, str_lit};
use crate::model::Registry;

pub fn lookup_cookie(tokens: TokenStream) -> TokenStream {
    let lookup: Lookup = match syn::parse2(tokens) {
        Ok(lookup) => lookup,
        Err(error) => return error.into_compile_error(),
    };
    let wanted = lookup.name.value();
    let registry = &lookup.registry;
    // An exact name first, then a pattern (`_ga_*`) that matches it.
    let exact = lookup
        .declared
        .iter()
        .find(|(name, _)| name.value() == wanted);
    let pattern = || {
        lookup.declared.iter().find(|(name, _)| {
            let name = name.value();
            name.contains('*') && glob(name.as_bytes(), wanted.as_bytes())
        })
    };
    if let Some((_, constant)) = exact.or_else(pattern) {
        return quote!(#registry::#constant);
    }
    let names: Vec<String> = lookup
        .declared
        .iter()
        .map(|(name, _)| name.value())
        .collect();
    let list = if names.is_empty() {
        "it declares none".to_owned()
    } else {
        let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
        format!("declared are {}", quoted.join(", "))
    };
    let candidates: Vec<&str> = names.iter().map(String::as_str).collect();
    let hint = crate::suggest::hint(&wanted, &candidates);
    syn::Error::new(
        lookup.name.span(),
        format!("no cookie named `{wanted}` is declared in `{registry}`, {list}{hint}"),
    )
    .into_compile_error()
}

/// `SiteCookies!("sessionid")`: a macro named like the registry (macros
/// live in their own namespace), so importing the registry imports it too.
pub(super) fn lookup_macro(registry: &Registry, only: &TokenStream) -> TokenStream {
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
    // A registry declared in a function body exports its lookup macro at
    // the crate root as any other, under its hidden, fingerprinted name:
    // not the surprise `non_local_definitions` warns of.
    let export = if exported {
        quote!(#[macro_export] #[allow(non_local_definitions)])
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

/// Whether `name` matches `pattern`, `*` standing for any run of bytes: the
/// matching of `CookieSpec::matches` at run time (`__private::glob_match`,
/// which this repeats: a proc-macro crate cannot call the runtime crate;
/// both pass the same exhaustive test against a reference). Iterative, so
/// that no pattern makes it exponential.
fn glob(pattern: &[u8], name: &[u8]) -> bool {
    let (mut p, mut n) = (0, 0);
    // Where the last `*` was, and how much of `name` it has taken.
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        match pattern.get(p) {
            Some(b'*') => {
                star = Some((p, n));
                p += 1;
            }
            Some(&c) if c == name[n] => {
                p += 1;
                n += 1;
            }
            _ => match star {
                Some((sp, sn)) => {
                    p = sp + 1;
                    n = sn + 1;
                    star = Some((sp, sn + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == b'*')
}

#[cfg(test)]
mod tests {
    use super::glob;

    /// Whether `pattern` matches `name`, by the textbook table: row `i`,
    /// column `j` says whether the first `i` bytes of the pattern match the
    /// first `j` of the name. Slow and plainly right.
    fn reference(pattern: &[u8], name: &[u8]) -> bool {
        let mut row = vec![false; name.len() + 1];
        row[0] = true;
        for &p in pattern {
            let mut next = vec![false; name.len() + 1];
            for j in 0..=name.len() {
                next[j] = if p == b'*' {
                    row[j] || (j > 0 && next[j - 1])
                } else {
                    j > 0 && row[j - 1] && name[j - 1] == p
                };
            }
            row = next;
        }
        row[name.len()]
    }

    /// Every word of length up to `max` over `alphabet`.
    fn words(alphabet: &[u8], max: usize) -> Vec<Vec<u8>> {
        let mut all = vec![Vec::new()];
        let mut last = vec![Vec::new()];
        for _ in 0..max {
            last = last
                .iter()
                .flat_map(|word: &Vec<u8>| {
                    alphabet
                        .iter()
                        .map(move |&c| [word.as_slice(), &[c]].concat())
                })
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    /// Every pattern of up to six bytes of `a`, `b` and `*` against every
    /// name of up to seven bytes of `a` and `b`: the same answers as the
    /// table. `__private::glob_match`, its run-time twin, passes the same
    /// test in `cookie-decl`.
    #[test]
    fn glob_agrees_with_the_table_on_every_small_case() {
        let names = words(b"ab", 7);
        for pattern in words(b"ab*", 6) {
            for name in &names {
                assert_eq!(
                    glob(&pattern, name),
                    reference(&pattern, name),
                    "{:?} against {:?}",
                    String::from_utf8_lossy(&pattern),
                    String::from_utf8_lossy(name),
                );
            }
        }
    }
}
