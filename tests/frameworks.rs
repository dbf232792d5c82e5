//! The one step between cookie-decl's cookies (`cookie` 0.18) and
//! actix-web 4, which is on `cookie` 0.16: through the `Set-Cookie` line.
//! Parsed into a `cookie` 0.16 cookie, every attribute but `Partitioned`
//! (which 0.16 does not know) survives; sent as a raw `Set-Cookie` header,
//! the line keeps all of them, which is what the README recommends, and
//! what `examples/actix_site.rs` does through actix-web's own test service.
//! Rocket 0.5 and poem are on `cookie` 0.18: `examples/rocket_site.rs` and
//! `examples/poem_site.rs` test them.

use cookie_decl::declare_cookies;
use cookie016::{Cookie as Cookie016, SameSite as SameSite016};

declare_cookies! {
    pub struct Site { site: "https://example.fr" }
    necessary {
        "__Host-sid" as SESSION {
            provider: "Example", service: "Login", purpose: "Keep the visitor signed in.",
            max_age: 12 hours, same_site: Strict,
        }
        embed {
            provider: "Example", service: "Widget", purpose: "Keep the widget's state.",
            same_site: None, partitioned: true, http_only: false, path: "/embed",
            domain: "example.fr",
        }
    }
}

/// What an actix-web handler does: `actix_web::cookie::Cookie::parse`.
fn to_actix(cookie: &cookie_decl::cookie::Cookie<'static>) -> Cookie016<'static> {
    Cookie016::parse(cookie.to_string()).expect("a Set-Cookie line cookie 0.16 reads")
}

#[test]
fn a_declared_cookie_reaches_actix_with_every_attribute() {
    let session = to_actix(&Site::SESSION.cookie("a b;c"));
    assert_eq!(session.name(), "__Host-sid");
    assert_eq!(session.value(), "a%20b%3Bc");
    assert_eq!(session.http_only(), Some(true));
    assert_eq!(session.secure(), Some(true));
    assert_eq!(session.same_site(), Some(SameSite016::Strict));
    assert_eq!(session.path(), Some("/"));
    assert_eq!(session.domain(), None);
    assert_eq!(
        session.max_age().map(|age| age.whole_seconds()),
        Some(43_200)
    );
    assert_eq!(
        session.to_string(),
        Site::SESSION.cookie("a b;c").to_string()
    );

    // `cookie` 0.16 drops `Partitioned`: send such a cookie as a raw
    // `Set-Cookie` header instead, which keeps the line as built.
    let line = Site::EMBED.removal().to_string();
    assert!(line.contains("; Partitioned"), "{line}");
    let removal = to_actix(&Site::EMBED.removal());
    assert!(!removal.to_string().contains("Partitioned"));
    assert_eq!(removal.same_site(), Some(SameSite016::None));
    assert_eq!(removal.secure(), Some(true));
    assert_eq!(removal.path(), Some("/embed"));
    assert_eq!(removal.domain(), Some("example.fr"));
    assert_eq!(removal.max_age().map(|age| age.whole_seconds()), Some(0));
}

/// The library's one conversion (`cookie_decl::actix`, feature `actix`):
/// the same line as above, both ways.
#[cfg(feature = "actix")]
#[test]
fn the_actix_module_converts_both_ways() {
    use cookie_decl::actix::{from_actix, to_actix};

    let declared = Site::SESSION.cookie("a b;c");
    let actix = to_actix(&declared).expect("a line cookie 0.16 reads");
    assert_eq!(actix.to_string(), declared.to_string());
    assert_eq!(actix.same_site(), Some(SameSite016::Strict));
    let back = from_actix(&actix).expect("a line cookie 0.18 reads");
    assert_eq!(back.to_string(), declared.to_string());

    // `Partitioned` is lost on the way to `cookie` 0.16, and only there.
    let embed = Site::EMBED.removal();
    let actix = to_actix(&embed).expect("a line cookie 0.16 reads");
    assert!(!actix.to_string().contains("Partitioned"));
    assert_eq!(from_actix(&actix).and_then(|c| c.partitioned()), None);
}
