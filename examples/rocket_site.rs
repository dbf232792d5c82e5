//! cookie-decl with Rocket 0.5: the visitor's consent read by a request
//! guard, a statistics cookie set only through the consent gate, the
//! generated banner and preferences page, and the choice recorded with
//! its removals and its proof.
//!
//! ```sh
//! cargo run --example rocket_site --features rocket    # PORT=8000 by default
//! cargo test --example rocket_site --features rocket   # the journey, in-process
//! ```
//!
//! The glue is the library's (`cookie_decl::rocket`, feature `rocket`):
//! `Consent` and `CsrfToken` as request guards, `ConsentChoice` as the
//! CSRF-checked data guard of the consent form, `WithCookies` to send the
//! declared cookies as raw `Set-Cookie` lines (Rocket's jar would encode
//! their values a second time), and one line, `ConsentFairing::enforce`,
//! that audits every request and checks every response's `Set-Cookie`.
//! The pages are in `examples/support/site.rs`, shared with the poem and
//! actix-web examples; the registry is the axum example's
//! (`examples/axum_site/cookies.rs`).

use std::net::{IpAddr, Ipv4Addr};

use cookie_decl::consent::{Consent, CsrfToken};
use cookie_decl::rocket::{ConsentChoice, ConsentFairing, WithCookies};
use rocket::http::CookieJar;
use rocket::response::Redirect;
use rocket::response::content::RawHtml;
use rocket::{Build, Rocket, State, get, post, routes};

#[path = "axum_site/cookies.rs"]
mod cookies;
#[path = "support/site.rs"]
mod site;

use cookies::SiteCookies;
use site::Store;

#[get("/")]
fn home(
    consent: Consent<SiteCookies>,
    csrf: CsrfToken<SiteCookies>,
    jar: &CookieJar<'_>,
) -> WithCookies<RawHtml<String>> {
    let visits = jar.get(SiteCookies::VISITS.name()).map(|c| c.value());
    let (page, visits) = site::home(&consent, &csrf, visits);
    WithCookies::new(RawHtml(page)).csrf(&csrf).cookie(visits)
}

#[get("/cookies")]
fn charte() -> RawHtml<&'static str> {
    RawHtml(site::charte())
}

#[get("/cookies/preferences")]
fn preferences(
    consent: Consent<SiteCookies>,
    csrf: CsrfToken<SiteCookies>,
) -> WithCookies<RawHtml<String>> {
    WithCookies::new(RawHtml(site::preferences(&consent, &csrf))).csrf(&csrf)
}

/// A forged form never gets here: `ConsentChoice` answers it `403`.
#[post("/cookies/consent", data = "<choice>")]
fn record_consent(
    store: &State<Store>,
    choice: ConsentChoice<SiteCookies>,
) -> WithCookies<Redirect> {
    let (location, set) = site::record(choice.record(store));
    WithCookies::new(Redirect::to(location)).cookies_from(set)
}

fn site(store: Store) -> Rocket<Build> {
    rocket::build()
        .mount("/", routes![home, charte, preferences, record_consent])
        .attach(ConsentFairing::enforce(store))
}

#[rocket::main]
async fn main() {
    let port = site::port(8000);
    let config = rocket::Config {
        port,
        address: IpAddr::V4(Ipv4Addr::LOCALHOST),
        ..rocket::Config::release_default()
    };
    println!("listening on http://127.0.0.1:{port}");
    let launched = site(Store::signed(cookie_decl::cookie::Key::generate()))
        .configure(config)
        .launch()
        .await;
    if let Err(err) = launched {
        eprintln!("server error: {err}");
        std::process::exit(1);
    }
}

#[cfg(test)]
#[path = "support/browser.rs"]
mod browser;
#[cfg(test)]
#[path = "support/journey.rs"]
mod journey;

#[cfg(test)]
mod tests {
    use super::*;
    use cookie_decl::cookie::Key;
    use journey::{Request, Response};
    use rocket::http::{ContentType, Header};
    use rocket::local::asynchronous::Client;

    #[rocket::async_test]
    async fn the_journey_through_rocket() {
        let store = Store::signed(Key::generate());
        let config = rocket::Config {
            log_level: rocket::config::LogLevel::Off,
            ..rocket::Config::debug_default()
        };
        // Untracked: the test sends the cookies the journey's browser
        // keeps as a raw `Cookie` header, as a browser does (Rocket's
        // tracking client would put them in the request's jar instead).
        let rocket = site(store.clone()).configure(config);
        let client = Client::untracked(rocket).await.expect("a valid Rocket");
        journey::walk(&store, async |request: Request| {
            let mut builder = if request.post {
                client
                    .post(request.uri)
                    .header(ContentType::Form)
                    .body(request.body)
            } else {
                client.get(request.uri)
            };
            if !request.cookie.is_empty() {
                builder = builder.header(Header::new("Cookie", request.cookie));
            }
            let response = builder.dispatch().await;
            let set_cookies = response
                .headers()
                .get("Set-Cookie")
                .map(str::to_owned)
                .collect();
            Response {
                status: response.status().code,
                set_cookies,
                body: response.into_string().await.unwrap_or_default(),
            }
        })
        .await;
    }
}
