//! Instruction counts of the run-time benchmarks' work, which machine load
//! does not change: a cross-check for the wall-clock figures of a shared
//! machine. Run under callgrind, counting only inside `measure`:
//!
//! ```sh
//! cargo bench --bench instructions --no-run
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     --collect-atstart=no --toggle-collect='instructions::measure*' \
//!     target/release/deps/instructions-<hash> <case>
//! ```
//!
//! `<case>` is one of the names `main` prints without an argument; each
//! runs one side over the same inputs as `benches/lookup.rs` (8,192 mixed
//! queries) or `benches/cookie.rs` (4,096 values of 8 to 64 bytes), so the
//! count divided by the number of inputs (printed) is instructions per
//! lookup or per cookie.

use std::collections::HashMap;
use std::hint::black_box;

use cookie_decl::{CookieSpec, CookieValue, Registry};

#[path = "registries/c1000.rs"]
mod c1000;
#[path = "registries/r1000.rs"]
mod r1000;
mod support;

use c1000::Near1000;
use support::{Rng, bare, careful};

/// 8,192 queries, half declared names, half one byte off one, in a
/// pseudo-random order.
fn queries<R: Registry>() -> Vec<String> {
    let mut rng = Rng(0x6265_2026);
    let names: Vec<&str> = R::COOKIES.iter().map(CookieSpec::name).collect();
    (0..8192)
        .map(|i| {
            let name = names[rng.below(names.len())];
            if i % 2 == 0 {
                return name.to_owned();
            }
            let mut bytes = name.as_bytes().to_vec();
            let at = rng.below(bytes.len());
            bytes[at] = b'#';
            String::from_utf8(bytes).expect("ASCII")
        })
        .collect()
}

/// Runs `f` on every input; the only function callgrind counts in.
#[inline(never)]
fn measure<T, R>(inputs: &[T], f: impl Fn(&T) -> R) {
    for input in inputs {
        black_box(f(black_box(input)));
    }
}

fn lookup<R: Registry>(decl: bool) -> usize {
    let queries = queries::<R>();
    let map: HashMap<&'static str, usize> = R::COOKIES
        .iter()
        .enumerate()
        .map(|(i, spec)| (spec.name(), i))
        .collect();
    if decl {
        measure(&queries, |name| R::get(name));
    } else {
        measure(&queries, |name| map.get(name.as_str()).copied());
    }
    queries.len()
}

fn main() {
    let case = std::env::args().nth(1).unwrap_or_default();
    let values = support::values(&mut Rng(0x6265_4096), 4096, 0);
    let count = match case.as_str() {
        "get-c1000" => lookup::<Near1000>(true),
        "hashmap-c1000" => lookup::<Near1000>(false),
        "get-r1000" => lookup::<r1000::Registry1000>(true),
        "hashmap-r1000" => lookup::<r1000::Registry1000>(false),
        "cookie" => {
            measure(&values, |&v| Near1000::C0500.cookie(v));
            values.len()
        }
        "try_cookie" => {
            measure(&values, |&v| Near1000::C0500.try_cookie(v));
            values.len()
        }
        "cookie_checked" => {
            let checked: Vec<CookieValue> = values
                .iter()
                .map(|&v| CookieValue::new(v).expect("plain"))
                .collect();
            measure(&checked, |v| Near1000::C0500.cookie_checked(v.clone()));
            values.len()
        }
        "careful" => {
            measure(&values, |&v| careful(v));
            values.len()
        }
        "bare" => {
            measure(&values, |&v| bare(v));
            values.len()
        }
        _ => {
            eprintln!(
                "cases: get-c1000 hashmap-c1000 get-r1000 hashmap-r1000 \
                 cookie try_cookie cookie_checked careful bare"
            );
            return;
        }
    };
    println!("{case}: {count} inputs");
}
