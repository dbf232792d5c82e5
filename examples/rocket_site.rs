//! cookie-decl with Rocket 0.5: the visitor's consent read by a request
//! guard, a statistics cookie set only through the consent gate, the
//! generated banner and preferences page, and the choice recorded (with
//! its removals and its proof) through Rocket's `CookieJar`.
//!
//! ```sh
//! cargo run --example rocket_site --features rocket    # PORT=8000 by default
//! cargo test --example rocket_site --features rocket   # the journey, in-process
//! ```
//!
//! What does not depend on Rocket (the pages, the CSRF token, recording a
//! choice) is in `examples/support/site.rs`, shared with the poem and
//! actix-web examples; the registry is the axum example's
//! (`examples/axum_site/cookies.rs`).
//!
//! Rocket takes `cookie` 0.18 cookies as they are (`jar.add(cookie)`), with
//! one thing to know: it sends every value percent-encoded
//! (`Cookie::encoded`), and `.cookie(value)` has already encoded the bytes
//! a `Set-Cookie` cannot carry, so a value that needed it would arrive
//! encoded twice. Send through the jar values that need no encoding: the
//! ones here are hex tokens, digits and the consent cookie's own value;
//! for others, [`DeclaredCookie::try_cookie`] refuses what would need it.
//!
//! [`DeclaredCookie::try_cookie`]: cookie_decl::DeclaredCookie::try_cookie

use std::net::{IpAddr, Ipv4Addr};

use cookie_decl::consent::FormOrigin;
use rocket::http::{CookieJar, Status};
use rocket::request::{FromRequest, Outcome, Request};
use rocket::response::Redirect;
use rocket::response::content::RawHtml;
use rocket::{Build, Rocket, State, get, post, routes};

#[path = "axum_site/cookies.rs"]
mod cookies;
#[path = "support/site.rs"]
mod site;

use site::{Posted, Store, Visit};

/// The visit as a request guard: every `Cookie` header (HTTP/2 may send one
/// per cookie), read with the managed `Store`.
#[rocket::async_trait]
impl<'r> FromRequest<'r> for Visit<'r> {
    type Error = ();

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, ()> {
        let store = rocket::outcome::try_outcome!(request.guard::<&State<Store>>().await);
        Outcome::Success(Visit::new(request.headers().get("Cookie"), store))
    }
}

/// What `visit` sets, through Rocket's jar.
fn send(visit: Visit<'_>, jar: &CookieJar<'_>) {
    for cookie in visit.set {
        jar.add(cookie);
    }
}

#[get("/")]
fn home(mut visit: Visit<'_>, jar: &CookieJar<'_>) -> RawHtml<String> {
    let page = visit.home();
    send(visit, jar);
    RawHtml(page)
}

#[get("/cookies")]
fn charte() -> RawHtml<&'static str> {
    RawHtml(site::charte())
}

#[get("/cookies/preferences")]
fn preferences(mut visit: Visit<'_>, jar: &CookieJar<'_>) -> RawHtml<String> {
    let page = visit.preferences();
    send(visit, jar);
    RawHtml(page)
}

/// Where a form was posted from: what `ConsentForm::verify` checks
/// besides the token.
struct Origin<'r>(FormOrigin<'r>);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Origin<'r> {
    type Error = ();

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, ()> {
        let header = |name| request.headers().get_one(name).map(str::as_bytes);
        Outcome::Success(Origin(
            FormOrigin::new()
                .sec_fetch_site(header("Sec-Fetch-Site"))
                .origin(header("Origin"))
                .host(header("Host")),
        ))
    }
}

#[post("/cookies/consent", data = "<body>")]
fn record_consent(
    mut visit: Visit<'_>,
    origin: Origin<'_>,
    store: &State<Store>,
    jar: &CookieJar<'_>,
    body: String,
) -> Result<Redirect, Status> {
    let posted = visit.record(store, &body, origin.0);
    send(visit, jar);
    match (&posted, posted.location()) {
        (_, Some(location)) => Ok(Redirect::to(location)),
        (Posted::Forbidden, None) => Err(Status::Forbidden),
        (_, None) => Err(Status::BadRequest),
    }
}

fn site(store: Store) -> Rocket<Build> {
    rocket::build()
        .manage(store)
        .mount("/", routes![home, charte, preferences, record_consent])
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
