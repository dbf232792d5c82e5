//! cookie-decl with poem 3: the visitor's consent read from the request's
//! `Cookie` headers, a statistics cookie set only through the consent gate,
//! the generated banner and preferences page, and the choice recorded with
//! its removals and its proof.
//!
//! ```sh
//! cargo run --example poem_site --features poem    # PORT=3000 by default
//! cargo test --example poem_site --features poem   # the journey, in-process
//! ```
//!
//! The glue is the library's (`cookie_decl::poem`, feature `poem`):
//! `Consent` and `CsrfToken` as extractors, `ConsentChoice` as the
//! CSRF-checked consent form, `WithCookies` to send the declared cookies
//! as raw `Set-Cookie` lines (poem's jar would encode their values a
//! second time), and one line, `.with(ConsentMiddleware::enforce(..))`,
//! that audits every request, checks every response's `Set-Cookie`, and
//! gives the handlers the store as `Data`. The pages are in
//! `examples/support/site.rs`, shared with the Rocket and actix-web
//! examples; the registry is the axum example's
//! (`examples/axum_site/cookies.rs`).

use cookie_decl::consent::{Consent, CsrfToken, RequestCookies};
use cookie_decl::poem::{ConsentChoice, ConsentMiddleware, WithCookies};
use poem::http::header::COOKIE;
use poem::listener::TcpListener;
use poem::web::{Data, Html, Redirect};
use poem::{EndpointExt, Request, Route, Server, get, handler, post};

#[path = "axum_site/cookies.rs"]
mod cookies;
#[path = "support/site.rs"]
mod site;

use cookies::SiteCookies;
use site::Store;

#[handler]
fn home(
    request: &Request,
    consent: Consent<SiteCookies>,
    csrf: CsrfToken<SiteCookies>,
) -> WithCookies<Html<String>> {
    // Read without poem's `CookieJar`, which needs its own middleware.
    let cookies = RequestCookies::from_headers(request.headers().get_all(COOKIE));
    let visits = cookies.get(SiteCookies::VISITS.name());
    let (page, visits) = site::home(&consent, &csrf, visits);
    WithCookies::new(Html(page)).csrf(&csrf).cookie(visits)
}

#[handler]
fn charte() -> Html<&'static str> {
    Html(site::charte())
}

#[handler]
fn preferences(
    consent: Consent<SiteCookies>,
    csrf: CsrfToken<SiteCookies>,
) -> WithCookies<Html<String>> {
    WithCookies::new(Html(site::preferences(&consent, &csrf))).csrf(&csrf)
}

/// A forged form never gets here: `ConsentChoice` answers it `403`.
#[handler]
fn record_consent(
    store: Data<&Store>,
    choice: ConsentChoice<SiteCookies>,
) -> WithCookies<Redirect> {
    let (location, set) = site::record(choice.record(&store));
    WithCookies::new(Redirect::see_other(location)).cookies_from(set)
}

fn site(store: Store) -> impl poem::Endpoint {
    Route::new()
        .at("/", get(home))
        .at("/cookies", get(charte))
        .at("/cookies/preferences", get(preferences))
        .at("/cookies/consent", post(record_consent))
        .with(ConsentMiddleware::enforce(store))
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let port = site::port(3000);
    let store = Store::signed(cookie_decl::cookie::Key::generate());
    println!("listening on http://127.0.0.1:{port}");
    let served = Server::new(TcpListener::bind(("127.0.0.1", port)))
        .run(site(store))
        .await;
    if let Err(err) = served {
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
    use poem::http::header::SET_COOKIE;
    use poem::test::TestClient;

    #[tokio::test]
    async fn the_journey_through_poem() {
        let store = Store::signed(Key::generate());
        let client = TestClient::new(site(store.clone()));
        journey::walk(&store, async |request: Request| {
            let mut builder = if request.post {
                client
                    .post(request.uri)
                    .content_type("application/x-www-form-urlencoded")
                    .body(request.body)
            } else {
                client.get(request.uri)
            };
            if !request.cookie.is_empty() {
                builder = builder.header(COOKIE, request.cookie);
            }
            let response = builder.send().await.0;
            let lines = response.headers().get_all(SET_COOKIE).iter();
            let set_cookies = lines
                .map(|l| l.to_str().expect("ASCII").to_owned())
                .collect();
            Response {
                status: response.status().as_u16(),
                set_cookies,
                body: response.into_body().into_string().await.expect("a page"),
            }
        })
        .await;
    }
}
