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
//! What does not depend on poem (the pages, the CSRF token, recording a
//! choice) is in `examples/support/site.rs`, shared with the Rocket and
//! actix-web examples; the registry is the axum example's
//! (`examples/axum_site/cookies.rs`).
//!
//! poem's `CookieJar` takes `cookie` 0.18 cookies (`jar.add(cookie.into())`)
//! but percent-encodes every value it sends, and `.cookie(value)` has
//! already encoded what a `Set-Cookie` cannot carry: through the jar, a
//! value that needed it would arrive encoded twice. This example appends
//! each cookie's own `Set-Cookie` line to the response instead, exactly as
//! the declaration built it (`Partitioned` included).

use cookie_decl::consent::FormOrigin;
use poem::http::header::{COOKIE, LOCATION, SET_COOKIE};
use poem::http::{HeaderValue, StatusCode};
use poem::listener::TcpListener;
use poem::web::{Data, Html};
use poem::{EndpointExt, IntoResponse, Request, Response, Route, Server, get, handler, post};

#[path = "axum_site/cookies.rs"]
mod cookies;
#[path = "support/site.rs"]
mod site;

use site::{Posted, Store, Visit};

/// The visit of `request`: its `Cookie` headers, read with `store`.
fn visit<'r>(request: &'r Request, store: &Store) -> Visit<'r> {
    let headers = request.headers().get_all(COOKIE).iter();
    Visit::new(headers, store)
}

/// `response` with a `Set-Cookie` line for each cookie `visit` sets.
fn respond(visit: &Visit, response: impl IntoResponse) -> Response {
    let mut response = response.into_response();
    for cookie in &visit.set {
        // A line cookie-decl built is always a valid header value.
        if let Ok(line) = HeaderValue::from_str(&cookie.to_string()) {
            response.headers_mut().append(SET_COOKIE, line);
        }
    }
    response
}

#[handler]
fn home(request: &Request, store: Data<&Store>) -> Response {
    let mut visit = visit(request, &store);
    let page = visit.home();
    respond(&visit, Html(page))
}

#[handler]
fn charte() -> Html<&'static str> {
    Html(site::charte())
}

#[handler]
fn preferences(request: &Request, store: Data<&Store>) -> Response {
    let mut visit = visit(request, &store);
    let page = visit.preferences();
    respond(&visit, Html(page))
}

#[handler]
fn record_consent(request: &Request, store: Data<&Store>, body: String) -> Response {
    let mut visit = visit(request, &store);
    let header = |name| request.headers().get(name).map(HeaderValue::as_bytes);
    let origin = FormOrigin::new()
        .sec_fetch_site(header("sec-fetch-site"))
        .origin(header("origin"))
        .host(header("host"));
    let posted = visit.record(&store, &body, origin);
    let response = match (&posted, posted.location()) {
        (_, Some(location)) => Response::builder()
            .status(StatusCode::SEE_OTHER)
            .header(LOCATION, location)
            .finish(),
        (Posted::Forbidden, None) => StatusCode::FORBIDDEN.into_response(),
        (_, None) => StatusCode::BAD_REQUEST.into_response(),
    };
    respond(&visit, response)
}

fn site(store: Store) -> impl poem::Endpoint {
    Route::new()
        .at("/", get(home))
        .at("/cookies", get(charte))
        .at("/cookies/preferences", get(preferences))
        .at("/cookies/consent", post(record_consent))
        .data(store)
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
    use poem::test::TestClient;

    #[tokio::test]
    async fn the_journey_through_poem() {
        let store = Store::signed(Key::generate());
        let client = TestClient::new(site(store.clone()));
        journey::walk(&store, async |request: Request| {
            let mut builder = if request.post {
                client.post(request.uri).body(request.body)
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
