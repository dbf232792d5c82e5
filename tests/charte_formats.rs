//! HTML, English, the optional lifetime and consent columns, and the wording
//! a site owner may change.

use cookie_decl::{Format, Lang, declare_cookies};
use quick_xml::Reader;
use quick_xml::events::Event;

declare_cookies! {
    struct Hostile { site: "https://example.fr/?a=1&b=2" }
    necessary {
        "sid" {
            provider: "<script>alert(1)</script>",
            service: "Login & \"session\"",
            purpose: "Keep 'you' signed in | <b>bold</b>",
        }
    }
    preferences {
        theme { provider: "Example", service: "Layout", purpose: "Remember the theme.", max_age: 1 year }
    }
    statistics {
        extern "_pk_id.*" as PK_ID {
            provider: "Matomo",
            service: "Audience",
            purpose: "Tell visits apart.",
            max_age: 13 months,
        }
    }
    marketing {
        ad { provider: "Ads", service: "Advertising", purpose: "Show ads.", max_age: 1 day }
    }
}

/// The elements of an HTML fragment, checked well-formed (every element
/// closed, attributes quoted, entities known) by an XML parser.
fn elements(html: &str) -> Vec<String> {
    let mut reader = Reader::from_str(html);
    let mut names = Vec::new();
    let mut depth = 0_i32;
    loop {
        match reader.read_event().expect("well-formed HTML") {
            Event::Start(e) => {
                depth += 1;
                names.push(String::from_utf8(e.name().as_ref().to_vec()).unwrap());
            }
            Event::End(_) => depth -= 1,
            Event::Text(t) => {
                t.decode().expect("text decodes");
            }
            Event::Eof => break,
            Event::Empty(e) => panic!("unexpected empty element {e:?}"),
            _ => {}
        }
    }
    assert_eq!(depth, 0, "every element closed");
    names
}

#[test]
fn html_is_a_well_formed_accessible_fragment() {
    let html = Hostile::charte(Lang::Fr, Format::Html);
    let names = elements(html);
    assert_eq!(names[0], "section");
    assert!(
        !names
            .iter()
            .any(|n| n == "html" || n == "body" || n == "h1")
    );
    assert_eq!(names.iter().filter(|n| *n == "table").count(), 4);
    assert_eq!(names.iter().filter(|n| *n == "caption").count(), 4);
    assert_eq!(names.iter().filter(|n| *n == "h4").count(), 4);
    assert_eq!(html.matches("<th scope=\"col\">").count(), 16);
    assert!(html.starts_with("<section class=\"charte-cookies\" lang=\"fr\">"));
    assert!(html.contains("<table>\n<caption><h4>Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels</h4></caption>"));
}

#[test]
fn html_escapes_every_declared_string() {
    let html = Hostile::charte(Lang::Fr, Format::Html);
    assert!(!html.contains("<script>"));
    assert!(!html.contains("<b>"));
    assert!(html.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"));
    assert!(html.contains("<td>Login &amp; &quot;session&quot;</td>"));
    assert!(html.contains("<td>Keep &#39;you&#39; signed in | &lt;b&gt;bold&lt;/b&gt;</td>"));
    assert!(html.contains(
        "<a href=\"https://example.fr/?a=1&amp;b=2\">https://example.fr/?a=1&amp;b=2</a>"
    ));
}

#[test]
fn english_has_the_structure_of_the_french() {
    for format in [Format::Text, Format::Markdown, Format::Html] {
        let fr = Hostile::charte(Lang::Fr, format);
        let en = Hostile::charte(Lang::En, format);
        assert_ne!(fr, en);
        let blocks = |s: &str| s.split("\n\n").count();
        assert_eq!(blocks(fr), blocks(en), "{format}");
        if format == Format::Html {
            assert_eq!(elements(fr), elements(en));
            assert!(en.starts_with("<section class=\"charte-cookies\" lang=\"en\">"));
        }
    }
    let en = Hostile::charte(Lang::En, Format::Markdown);
    for line in [
        "## Cookie policy",
        "### What is a cookie?",
        "#### Cookies necessary for the platform to work / functional cookies",
        "#### Preference cookies that personalise the platform / personalisation cookies",
        "#### Audience measurement cookies on the platform / statistics cookies",
        "#### Advertising and tracking cookies on the platform / marketing cookies",
        "| Provider | Service and location | Cookie name | Purposes |",
        "| Matomo | Audience | _pk_id.* | Tell visits apart. |",
    ] {
        assert!(en.lines().any(|l| l == line), "missing {line:?} in\n{en}");
    }
}

declare_cookies! {
    struct Detailed {
        site: "https://data.example.fr",
        show_lifetime: true,
        show_consent: true,
        title: "Politique de cookies",
        intro: "Ce portail n'utilise que les cookies listés ci-dessous.",
        contact: "dpo@example.fr",
        title_en: "Our cookies",
    }
    necessary {
        sessionid { provider: "Opendatasoft", service: "Authentification", purpose: "Se souvenir de l'utilisateur." }
        lang { provider: "Opendatasoft", service: "Langue", purpose: "Se souvenir de la langue.", max_age: 6 months }
    }
    statistics {
        _pk_ses { provider: "Matomo", service: "Mesure d'audience", purpose: "Compter les visites.", max_age: 13 months }
        one { provider: "Matomo", service: "Mesure d'audience", purpose: "Un jour.", max_age: 1 day }
        extern "_pk_ref.*" as PK_REF {
            provider: "Matomo",
            service: "Mesure d'audience exemptée",
            purpose: "Attribuer la visite à son site d'origine.",
            max_age: 6 months,
            consent_exempt: true,
        }
    }
}

#[test]
fn lifetime_and_consent_columns_when_asked() {
    let text = Detailed::CHARTE;
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.contains(
        &"Nom du prestataire\tService et emplacement\tNom du cookies\tFinalités\tDurée de conservation\tConsentement requis"
    ));
    assert!(lines.contains(&"Opendatasoft\tAuthentification\tsessionid\tSe souvenir de l'utilisateur.\tSession\tNon (exempté)"));
    assert!(
        lines.contains(
            &"Opendatasoft\tLangue\tlang\tSe souvenir de la langue.\t6 mois\tNon (exempté)"
        )
    );
    assert!(
        lines.contains(&"Matomo\tMesure d'audience\t_pk_ses\tCompter les visites.\t13 mois\tOui")
    );
    assert!(lines.contains(&"Matomo\tMesure d'audience\tone\tUn jour.\t1 jour\tOui"));
    assert!(lines.contains(
        &"Matomo\tMesure d'audience exemptée\t_pk_ref.*\tAttribuer la visite à son site d'origine.\t6 mois\tNon (exempté)"
    ));
    assert!(!Detailed::PK_REF.needs_consent());
    assert!(Detailed::PK_REF.is_consent_exempt());
    assert!(Detailed::ONE.needs_consent());

    let en = Detailed::charte(Lang::En, Format::Markdown);
    assert!(en.contains("| Provider | Service and location | Cookie name | Purposes | Retention period | Consent required |"));
    assert!(en.contains("| 13 months | Yes |"));
    assert!(en.contains("| Session | No (exempt) |"));
}

#[test]
fn the_site_owner_changes_the_wording() {
    let text = Detailed::CHARTE;
    assert!(text.starts_with(
        "Politique de cookies\n\nCe portail n'utilise que les cookies listés ci-dessous.\n\n"
    ));
    assert!(text.ends_with("\nPour toute question sur cette charte : dpo@example.fr\n"));
    let en = Detailed::charte(Lang::En, Format::Text);
    assert!(en.starts_with("Our cookies\n\nTo offer you the best possible service"));
    assert!(en.ends_with("\nFor any question about this policy: dpo@example.fr\n"));
    let html = Detailed::charte(Lang::Fr, Format::Html);
    assert!(html.contains("<h2>Politique de cookies</h2>"));
    assert!(html.contains("<p>Pour toute question sur cette charte : dpo@example.fr</p>"));
}

#[test]
fn the_default_charte_has_no_optional_column() {
    assert!(!Hostile::CHARTE.contains("Durée de conservation"));
    assert!(!Hostile::CHARTE.contains("Consentement requis"));
}
