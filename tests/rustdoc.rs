//! `cargo doc` shows the declaration: the registry's page has the user's doc
//! comment and the table of its cookies; each constant shows its provider,
//! service, purpose, category, consent, lifetime and the exact `Set-Cookie`
//! line it produces.

use std::path::PathBuf;
use std::process::Command;

// The registry that `cookie_decl::example` documents, compiled here too
// to compare its pages with what it does at run time.
#[path = "../cookie-decl/src/example.rs"]
mod example;

use cookie_decl::declare_cookies;
use example::SiteCookies;

/// The text of `cookie_decl::example::SiteCookies`'s page, as a reader sees it: tags
/// dropped, entities decoded, white space folded.
fn registry_page() -> String {
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("rustdoc");
    let status = Command::new(env!("CARGO"))
        .args([
            "doc",
            "--quiet",
            "--no-deps",
            "--package",
            "cookie-decl",
            "--target-dir",
        ])
        .arg(&target)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("cargo runs");
    assert!(status.success(), "cargo doc failed");
    let html =
        std::fs::read_to_string(target.join("doc/cookie_decl/example/struct.SiteCookies.html"))
            .expect("the registry's page");
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_docs_show_every_declared_fact() {
    let page = registry_page();
    assert!(page.contains("The cookies of an example open-data portal."));
    // The languages it publishes, French and English by default.
    assert!(
        page.contains("Published in French ( fr ), English ( en ):"),
        "{page}"
    );
    for spec in SiteCookies::COOKIES {
        for fact in [spec.name(), spec.provider(), spec.service(), spec.purpose()] {
            assert!(
                page.contains(fact),
                "{fact:?} missing from the registry page"
            );
        }
    }
    // The constant's own section, in order.
    let section = &page[page
        .find("pub const SESSIONID")
        .expect("SESSIONID documented")..];
    let section = &section[..section.find("pub const CSRF").unwrap()];
    for fact in [
        "The session of a signed-in user.",
        "Provider: Opendatasoft",
        "Service: Authentification (front et back office)",
        "Purpose: Se souvenir de l'utilisateur d'une page à une autre.",
        "Category: necessary",
        "Consent: not required",
        "Lifetime: 2 weeks",
    ] {
        assert!(section.contains(fact), "{fact:?} missing from\n{section}");
    }
    // The exact line `.cookie(value)` and `.removal()` produce.
    let set = SiteCookies::SESSIONID.cookie("VALUE").to_string();
    let set = set.replace("VALUE", "<value>");
    assert!(
        section.contains(&format!("Set-Cookie: {set}")),
        "{set}\n{section}"
    );
    let removal = SiteCookies::SESSIONID.removal().to_string();
    assert!(
        section.contains(&format!("Set-Cookie: {removal}")),
        "{removal}"
    );

    // An extern cookie says that it is not set here, and needs consent.
    let section = &page[page
        .find("pub const MATOMO_ID")
        .expect("MATOMO_ID documented")..];
    for fact in [
        "Cookie _pk_id.* , set by another party.",
        "Category: statistics",
        "Consent: required",
        "Lifetime: 13 months ( Max-Age=33696000 )",
        "This application sends no Set-Cookie for it",
    ] {
        assert!(section.contains(fact), "{fact:?} missing from\n{section}");
    }
}
