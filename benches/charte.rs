//! The charte costs nothing at run time: `Registry::charte(lang, format)`
//! returns a `&'static str` built at expansion time, which should cost what
//! returning a literal costs. Rendering the same table at run time is
//! measured beside them to show what is saved.

use std::fmt::Write as _;
use std::hint::black_box;

use cookie_decl::{Format, Lang, Registry, declare_cookies};
use criterion::{Criterion, criterion_group, criterion_main};

declare_cookies! {
    /// The cookies of an open-data portal.
    pub struct Portal {
        site: "https://data.example.fr",
    }
    necessary {
        sessionid {
            provider: "Opendatasoft",
            service: "Authentification (front et back office)",
            purpose: "Se souvenir de l'utilisateur d'une page à une autre.",
            max_age: 2 weeks,
        }
        django_language {
            provider: "Opendatasoft",
            service: "Sélection de la langue (front et back office)",
            purpose: "Se souvenir de la langue du visiteur",
            max_age: 1 year,
            http_only: false,
        }
        csrftoken {
            provider: "Opendatasoft",
            service: "API (CSRF) (front et back office)",
            purpose: "Récupérer des données via des appels API",
            max_age: 1 year,
            same_site: Strict,
            http_only: false,
        }
        cookies_preferences {
            provider: "Opendatasoft",
            service: "Choix concernant vos préférences sur les cookies",
            purpose: "Se souvenir du choix opéré par le visiteur concernant les cookies",
            max_age: 6 months,
            http_only: false,
        }
    }
}

/// The hand-written twin: one literal per language and format.
fn literal(lang: Lang, format: Format) -> &'static str {
    match (lang, format) {
        (Lang::Fr, Format::Text) => "Charte cookies (texte)",
        (Lang::Fr, Format::Markdown) => "## Charte cookies",
        (Lang::Fr, Format::Html) => "<h2>Charte cookies</h2>",
        (Lang::En, Format::Text) => "Cookie policy (text)",
        (Lang::En, Format::Markdown) => "## Cookie policy",
        (_, _) => "<h2>Cookie policy</h2>",
    }
}

/// What a charte rendered at run time would cost: only the table of the
/// plain-text French charte, written into a fresh `String`.
fn render_table<R: Registry>() -> String {
    let mut out =
        String::from("Nom du prestataire\tService et emplacement\tNom du cookies\tFinalités\n");
    for spec in R::COOKIES {
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}",
            spec.provider(),
            spec.service(),
            spec.name(),
            spec.purpose()
        );
    }
    out
}

fn charte<R: Registry>(lang: Lang, format: Format) -> &'static str {
    R::charte(lang, format)
}

fn bench(c: &mut Criterion) {
    assert!(Portal::charte(Lang::Fr, Format::Text).contains(&render_table::<Portal>()));

    let mut group = c.benchmark_group("charte");
    group.bench_function("cookie_decl charte(lang, format)", |b| {
        b.iter(|| charte::<Portal>(black_box(Lang::En), black_box(Format::Html)));
    });
    group.bench_function("cookie_decl CHARTE", |b| {
        b.iter(|| Portal::CHARTE);
    });
    group.bench_function("hand literal(lang, format)", |b| {
        b.iter(|| literal(black_box(Lang::En), black_box(Format::Html)));
    });
    group.bench_function("render table at run time", |b| {
        b.iter(render_table::<Portal>);
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
