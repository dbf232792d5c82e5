//! What the request-reading targets expect, read from the header in one
//! pass: `cookie_decl_fuzz::expect::values` keeps every different value
//! of a name in a list it searches for each new one, quadratic in the
//! values of one name. `run.sh` gives these targets inputs of 500 kB and
//! a per-input timeout, so that a slow path of the library is caught: the
//! targets' own checks must stay linear, or the timeout would catch them
//! instead. Included by each target with `#[path]`.
#![allow(dead_code)]

use std::collections::HashMap;

use cookie_decl_fuzz::expect::{self, Segment};

/// The first two different readable values `header` carries under `name`,
/// in the order they first appear: all that tells one value from two.
pub fn values<'a>(header: &'a [u8], name: &str) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::with_capacity(2);
    for segment in expect::segments(header) {
        if let Segment::Pair(seen, value) = segment {
            if seen == name && !out.contains(&value) {
                out.push(value);
                if out.len() == 2 {
                    break;
                }
            }
        }
    }
    out
}

/// The first two different values of every name among `segments`, in one
/// pass.
pub fn values_by_name<'a>(segments: &[Segment<'a>]) -> HashMap<&'a str, Vec<&'a str>> {
    let mut out: HashMap<&str, Vec<&str>> = HashMap::new();
    for segment in segments {
        if let Segment::Pair(name, value) = *segment {
            let values = out.entry(name).or_default();
            if values.len() < 2 && !values.contains(&value) {
                values.push(value);
            }
        }
    }
    out
}

/// `expect::csrf_cookie`, through [`values`]: the token of the
/// `csrf_token` cookie when the request carries exactly one value and it
/// is well formed; `Err(true)` for two different values; `Err(false)` for
/// none, or one that is not a token.
pub fn csrf_cookie(header: &[u8]) -> Result<&str, bool> {
    match values(header, "__Host-csrf").as_slice() {
        [token] if expect::well_formed_token(token) => Ok(token),
        [] | [_] => Err(false),
        _ => Err(true),
    }
}
