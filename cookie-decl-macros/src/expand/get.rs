//! The body of the registry's `get`: a cookie by its real name, through a
//! perfect hash table built here, then the `extern` patterns.

use std::collections::HashSet;
use std::fmt::Write as _;

use crate::expand::phf;
use crate::expand::tokens::{push_number, str_lit};
use crate::model::Cookie;

/// The body of `get`, as Rust source: a perfect hash table built here
/// (see [`phf`]), so that a lookup is one hash, two table reads and one
/// comparison whatever the names and whatever order they come in. Patterns
/// (`extern "_ga_*"`) are tried after, in declaration order.
///
/// The tables are `static` arrays of integers: far less for rustc to
/// compile than a `match` per name.
pub(super) fn lookup_fn(cookies: &[Cookie]) -> String {
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
