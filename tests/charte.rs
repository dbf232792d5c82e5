//! The generated charte against the chartes French portals publish.

use cookie_decl::{Format, Lang, declare_cookies};

/// The four Opendatasoft cookies of both published samples, on one site.
macro_rules! opendatasoft_portal {
    ($name:ident, $site:literal) => {
        declare_cookies! {
            pub struct $name { site: $site }
            necessary {
                sessionid {
                    provider: "Opendatasoft",
                    service: "Authentification (front et back office)",
                    purpose: "Se souvenir de l'utilisateur d'une page à une autre.",
                }
                django_language {
                    provider: "Opendatasoft",
                    service: "Sélection de la langue (front et back office)",
                    purpose: "Se souvenir de la langue du visiteur",
                }
                csrftoken {
                    provider: "Opendatasoft",
                    service: "API (CSRF) (front et back office)",
                    purpose: "Récupérer des données via des appels API",
                }
                cookies_preferences {
                    provider: "Opendatasoft",
                    service: "Choix concernant vos préférences sur les cookies",
                    purpose: "Se souvenir du choix opéré par le visiteur concernant les cookies",
                }
            }
        }
    };
}

opendatasoft_portal!(Artisanat, "https://data.artisanat.fr");
opendatasoft_portal!(BourgesPlus, "https://data.bourgesplus.fr");

const SAMPLE_002: &str = include_str!("fixtures/002_95f20dc020848061.txt");
const SAMPLE_003: &str = include_str!("fixtures/003_70bf5c3d0e5d5077.txt");

fn non_blank_lines(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .collect()
}

#[test]
fn text_reproduces_the_published_sample() {
    assert_eq!(
        non_blank_lines(Artisanat::CHARTE),
        non_blank_lines(SAMPLE_002)
    );
    assert_eq!(Artisanat::charte(Lang::Fr, Format::Text), Artisanat::CHARTE);
}

#[test]
fn text_of_another_site_differs_only_by_its_url() {
    let expected: Vec<String> = non_blank_lines(SAMPLE_002)
        .iter()
        .map(|line| line.replace("https://data.artisanat.fr", "https://data.bourgesplus.fr"))
        .collect();
    assert_eq!(non_blank_lines(BourgesPlus::CHARTE), expected);
}

#[test]
fn text_separates_blocks_by_one_blank_line_and_keeps_table_rows_together() {
    let charte = Artisanat::CHARTE;
    assert!(!charte.contains("\n\n\n"));
    assert!(charte.ends_with("concernant les cookies\n"));
    let table = charte.split("\n\n").last().unwrap();
    assert_eq!(table.lines().count(), 5, "header and four rows: {table}");
    assert!(table.lines().all(|row| row.split('\t').count() == 4));
}

/// The sample's lines, with each tab-separated table row as a pipe-table
/// row and the header followed by its rule.
fn as_markdown(sample: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for line in non_blank_lines(sample) {
        if line.contains('\t') {
            let cells: Vec<&str> = line.split('\t').collect();
            lines.push(format!("| {} |", cells.join(" | ")));
            if line.starts_with("Nom du prestataire") {
                lines.push("| --- | --- | --- | --- |".to_owned());
            }
        } else {
            lines.push(line.to_owned());
        }
    }
    lines
}

#[test]
fn markdown_reproduces_the_published_sample() {
    let markdown = BourgesPlus::charte(Lang::Fr, Format::Markdown);
    assert_eq!(non_blank_lines(markdown), as_markdown(SAMPLE_003));
}

#[test]
fn markdown_cells_hold_the_declared_text_with_only_pipes_escaped() {
    declare_cookies! {
        struct Pipes { site: "https://example.fr" }
        necessary {
            "a_b" {
                provider: "A | B",
                service: "*emphasis* and `code`",
                purpose: "Keep <things> & _names_.",
            }
        }
    }
    let markdown = Pipes::charte(Lang::Fr, Format::Markdown);
    assert!(
        markdown.contains("| A \\| B | *emphasis* and `code` | a_b | Keep <things> & _names_. |"),
        "{markdown}"
    );
}

declare_cookies! {
    /// One cookie in each category, declared out of order.
    struct AllCategories { site: "https://example.fr" }
    marketing {
        ad { provider: "Ads", service: "Advertising", purpose: "Show relevant ads.", max_age: 90 days }
    }
    statistics {
        visit { provider: "Matomo", service: "Audience", purpose: "Count visits.", max_age: 13 months }
    }
    preferences {
        theme { provider: "Example", service: "Layout", purpose: "Remember the theme.", max_age: 1 year }
    }
    necessary {
        sid { provider: "Example", service: "Login", purpose: "Keep you signed in." }
    }
}

#[test]
fn categories_come_in_charte_order_each_with_its_heading() {
    let headings = [
        "Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels",
        "Cookies de préférences pour personnaliser la plateforme / cookies de personnalisation",
        "Cookies de mesure d'audience de la plateforme / cookies statistiques",
        "Cookies publicitaires et de suivi sur la plateforme / cookies marketing",
    ];
    let charte = AllCategories::CHARTE;
    let positions: Vec<usize> = headings
        .iter()
        .map(|h| {
            charte
                .find(&format!("\n{h}\n"))
                .unwrap_or_else(|| panic!("no `{h}`"))
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    // Each heading is followed by its table, holding its own cookie only.
    for (heading, name) in headings.iter().zip(["sid", "theme", "visit", "ad"]) {
        let after = &charte[charte.find(heading).unwrap()..];
        let table: Vec<&str> = after.split("\n\n").nth(1).unwrap().lines().collect();
        assert_eq!(table.len(), 2, "{table:?}");
        assert_eq!(table[1].split('\t').nth(2), Some(name));
    }

    let markdown = AllCategories::charte(Lang::Fr, Format::Markdown);
    for heading in headings {
        assert!(
            markdown.contains(&format!("\n#### {heading}\n")),
            "{heading}"
        );
    }
}

#[test]
fn categories_without_cookies_have_no_heading() {
    assert!(!Artisanat::CHARTE.contains("statistiques\n"));
    assert!(!Artisanat::CHARTE.contains("Cookies de préférences"));
}
