//! `.cookie(value)` and `.try_cookie(value)` of a constant of the
//! 1,000-cookie registry `c1000` (`Near1000::C0500`: necessary, session,
//! `HttpOnly`, `SameSite=Lax`, `Path=/`) against the chains a developer
//! writes by hand for the same attributes: the bare one, which checks
//! nothing, and a careful one, which first checks every byte of the value.
//!
//! Two groups, each side of a group on the same values, so that their
//! ratio comes from one run:
//!
//! - `cookie`: each iteration builds one cookie for each of 1,024 distinct
//!   values in a pseudo-random order (or 4,096 of mixed lengths), so that
//!   no side profits from a branch predictor that has learnt one value; the
//!   throughput criterion prints is cookies per second. Everything is
//!   inlined into one loop: the cheapest each side can be.
//! - `cookie_call`: one cookie per iteration, returned to criterion, which
//!   drops it, as a handler builds a cookie and hands it to the framework;
//!   the value is the next of the same pseudo-random set on every call.
//!   The `literal` row passes `"value-123"` as written in the source, which
//!   the compiler sees.
//! - `set_cookie_line`: the `Set-Cookie` line as text, one per iteration,
//!   the next value each time: `.set_cookie(value)`, which appends the
//!   attributes the macro wrote out, against the bare chain's
//!   `.build().to_string()`, and `.cookie(value).to_string()`.

use std::hint::black_box;

use cookie_decl::CookieValue;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

#[path = "registries/c1000.rs"]
mod c1000;
mod support;

use c1000::Near1000;
use support::{Rng, bare, careful, values};

fn bench(c: &mut Criterion) {
    let mut rng = Rng(0x6265_4096);
    let mut sets: Vec<(String, Vec<&'static str>)> = [8, 16, 32, 64]
        .into_iter()
        .map(|len| (format!("{len}B"), values(&mut rng, 1024, len)))
        .collect();
    sets.push(("8-64B".to_owned(), values(&mut rng, 4096, 0)));

    // Every side must build the same `Set-Cookie`, or the comparison
    // means nothing.
    for (_, values) in &sets {
        for &value in values {
            let expected = bare(value).to_string();
            assert_eq!(Near1000::C0500.cookie(value).to_string(), expected);
            assert_eq!(
                Near1000::C0500.try_cookie(value).map(|c| c.to_string()),
                Ok(expected.clone())
            );
            let checked = CookieValue::new(value).expect("plain value");
            assert_eq!(
                Near1000::C0500.cookie_checked(checked).to_string(),
                expected
            );
            assert_eq!(Near1000::C0500.set_cookie(value), expected);
            assert_eq!(careful(value).map(|c| c.to_string()), Some(expected));
        }
    }

    let mut group = c.benchmark_group("cookie");
    for (label, values) in &sets {
        group.throughput(Throughput::Elements(values.len() as u64));
        let checked: Vec<CookieValue> = values
            .iter()
            .map(|&v| CookieValue::new(v).expect("plain value"))
            .collect();
        group.bench_with_input(BenchmarkId::new(".cookie", label), values, |b, values| {
            b.iter(|| {
                for &v in values {
                    black_box(Near1000::C0500.cookie(black_box(v)));
                }
            });
        });
        group.bench_with_input(
            BenchmarkId::new(".try_cookie", label),
            values,
            |b, values| {
                b.iter(|| {
                    for &v in values {
                        let _ = black_box(Near1000::C0500.try_cookie(black_box(v)));
                    }
                });
            },
        );
        group.bench_with_input(
            BenchmarkId::new(".cookie_checked", label),
            &checked,
            |b, checked| {
                b.iter(|| {
                    for v in checked {
                        black_box(Near1000::C0500.cookie_checked(black_box(v).clone()));
                    }
                });
            },
        );
        group.bench_with_input(
            BenchmarkId::new("hand careful", label),
            values,
            |b, values| {
                b.iter(|| {
                    for &v in values {
                        black_box(careful(black_box(v)));
                    }
                });
            },
        );
        group.bench_with_input(BenchmarkId::new("hand bare", label), values, |b, values| {
            b.iter(|| {
                for &v in values {
                    black_box(bare(black_box(v)));
                }
            });
        });
    }
    group.finish();

    let mut group = c.benchmark_group("cookie_call");
    for (label, values) in &sets {
        let checked: Vec<CookieValue> = values
            .iter()
            .map(|&v| CookieValue::new(v).expect("plain value"))
            .collect();
        group.bench_function(BenchmarkId::new(".cookie", label), |b| {
            let mut next = cycle(values);
            b.iter(|| Near1000::C0500.cookie(black_box(*next())));
        });
        group.bench_function(BenchmarkId::new(".try_cookie", label), |b| {
            let mut next = cycle(values);
            b.iter(|| Near1000::C0500.try_cookie(black_box(*next())));
        });
        group.bench_function(BenchmarkId::new(".cookie_checked", label), |b| {
            let mut next = cycle(&checked);
            b.iter(|| Near1000::C0500.cookie_checked(black_box(next()).clone()));
        });
        group.bench_function(BenchmarkId::new("hand careful", label), |b| {
            let mut next = cycle(values);
            b.iter(|| careful(black_box(*next())));
        });
        group.bench_function(BenchmarkId::new("hand bare", label), |b| {
            let mut next = cycle(values);
            b.iter(|| bare(black_box(*next())));
        });
    }
    group.bench_function(BenchmarkId::new(".cookie", "literal"), |b| {
        b.iter(|| Near1000::C0500.cookie("value-123"));
    });
    group.bench_function(BenchmarkId::new(".try_cookie", "literal"), |b| {
        b.iter(|| Near1000::C0500.try_cookie("value-123"));
    });
    group.bench_function(BenchmarkId::new("hand careful", "literal"), |b| {
        b.iter(|| careful("value-123"));
    });
    group.bench_function(BenchmarkId::new("hand bare", "literal"), |b| {
        b.iter(|| bare("value-123"));
    });
    group.finish();

    let mut group = c.benchmark_group("set_cookie_line");
    for (label, values) in &sets {
        group.bench_function(BenchmarkId::new(".set_cookie", label), |b| {
            let mut next = cycle(values);
            b.iter(|| Near1000::C0500.set_cookie(black_box(next())));
        });
        group.bench_function(BenchmarkId::new(".cookie to_string", label), |b| {
            let mut next = cycle(values);
            b.iter(|| Near1000::C0500.cookie(black_box(*next())).to_string());
        });
        group.bench_function(BenchmarkId::new("hand bare to_string", label), |b| {
            let mut next = cycle(values);
            b.iter(|| bare(black_box(*next())).to_string());
        });
    }
    group.finish();
}

/// The items of `items` (a power of two of them) one after the other, from
/// the first again after the last: the same order on every side.
fn cycle<'a, T>(items: &'a [T]) -> impl FnMut() -> &'a T {
    assert!(items.len().is_power_of_two());
    let mut at = 0;
    move || {
        at = (at + 1) & (items.len() - 1);
        &items[at]
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
