//! The lookup of a cookie by its real name, written as a string literal:
//! `SiteCookies!("sessionid")`. `declare_cookies!` generates the
//! `SiteCookies!` macro, which hands the literal and the declared names to
//! [`lookup_cookie`]: the literal keeps its span, so an undeclared name is
//! reported where the user wrote it.

use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitStr, Token, bracketed};

/// `Registry, "name", ["declared" => CONSTANT, ...]`
struct Lookup {
    registry: Ident,
    name: LitStr,
    declared: Vec<(LitStr, Ident)>,
}

impl Parse for Lookup {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let registry = input.parse()?;
        input.parse::<Token![,]>()?;
        let name = input.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected the cookie's name as a string literal, such as `\"sessionid\"`",
            )
        })?;
        input.parse::<Token![,]>()?;
        let content;
        bracketed!(content in input);
        let mut declared = Vec::new();
        while !content.is_empty() {
            let name = content.parse()?;
            content.parse::<Token![=>]>()?;
            declared.push((name, content.parse()?));
            if !content.is_empty() {
                content.parse::<Token![,]>()?;
            }
        }
        Ok(Lookup {
            registry,
            name,
            declared,
        })
    }
}

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
