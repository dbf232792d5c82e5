//! cookie-decl with actix-web 4: the visitor's consent read from the
//! request's `Cookie` headers, a statistics cookie set only through the
//! consent gate, the generated banner and preferences page, and the choice
//! recorded with its removals and its proof.
//!
//! ```sh
//! cargo run --example actix_site --features actix    # PORT=8080 by default
//! cargo test --example actix_site --features actix   # the journey, in-process
//! ```
//!
//! What does not depend on actix-web (the pages, the CSRF token, recording
//! a choice) is in `examples/support/site.rs`, shared with the Rocket and
//! poem examples; the registry is the axum example's
//! (`examples/axum_site/cookies.rs`).
//!
//! actix-web 4 is on `cookie` 0.16, not 0.18: its `HttpResponse::cookie`
//! takes another crate's type. This example appends each cookie's own
//! `Set-Cookie` line to the response instead, exactly as the declaration
//! built it. (`actix_web::cookie::Cookie::parse(cookie.to_string())` works
//! too, but `cookie` 0.16 drops the `Partitioned` attribute.)

use actix_web::http::StatusCode;
use actix_web::http::header::{COOKIE, ContentType, HeaderValue, LOCATION, SET_COOKIE};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use cookie_decl::consent::FormOrigin;

#[path = "axum_site/cookies.rs"]
mod cookies;
#[path = "support/site.rs"]
mod site;

use site::{Posted, Store, Visit};

/// The visit of `request`: its `Cookie` headers, read with `store`.
fn visit<'r>(request: &'r HttpRequest, store: &Store) -> Visit<'r> {
    let headers = request.headers().get_all(COOKIE);
    Visit::new(headers, store)
}

/// `response` with a `Set-Cookie` line for each cookie `visit` sets.
fn respond(visit: &Visit, mut response: HttpResponse) -> HttpResponse {
    for cookie in &visit.set {
        // A line cookie-decl built is always a valid header value.
        if let Ok(line) = HeaderValue::from_str(&cookie.to_string()) {
            response.headers_mut().append(SET_COOKIE, line);
        }
    }
    response
}

fn html(page: impl Into<String>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(ContentType::html())
        .body(page.into())
}

async fn home(request: HttpRequest, store: web::Data<Store>) -> HttpResponse {
    let mut visit = visit(&request, &store);
    let page = visit.home();
    respond(&visit, html(page))
}

async fn charte() -> HttpResponse {
    html(site::charte())
}

async fn preferences(request: HttpRequest, store: web::Data<Store>) -> HttpResponse {
    let mut visit = visit(&request, &store);
    let page = visit.preferences();
    respond(&visit, html(page))
}

async fn record_consent(
    request: HttpRequest,
    store: web::Data<Store>,
    body: String,
) -> HttpResponse {
    let mut visit = visit(&request, &store);
    let header = |name| request.headers().get(name).map(HeaderValue::as_bytes);
    let origin = FormOrigin::new()
        .sec_fetch_site(header("sec-fetch-site"))
        .origin(header("origin"))
        .host(header("host"));
    let posted = visit.record(&store, &body, origin);
    let response = match (&posted, posted.location()) {
        (_, Some(location)) => HttpResponse::SeeOther()
            .insert_header((LOCATION, location))
            .finish(),
        (Posted::Forbidden, None) => HttpResponse::new(StatusCode::FORBIDDEN),
        (_, None) => HttpResponse::new(StatusCode::BAD_REQUEST),
    };
    respond(&visit, response)
}

/// The site's routes; the `Store` comes as `web::Data`.
fn routes(config: &mut web::ServiceConfig) {
    config
        .route("/", web::get().to(home))
        .route("/cookies", web::get().to(charte))
        .route("/cookies/preferences", web::get().to(preferences))
        .route("/cookies/consent", web::post().to(record_consent));
}

#[actix_web::main]
async fn main() {
    let port = site::port(8080);
    let store = web::Data::new(Store::signed(cookie_decl::cookie::Key::generate()));
    let server = HttpServer::new(move || App::new().app_data(store.clone()).configure(routes))
        .workers(1)
        .bind(("127.0.0.1", port));
    let served = match server {
        Ok(server) => {
            println!("listening on http://127.0.0.1:{port}");
            server.run().await
        }
        Err(err) => Err(err),
    };
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
    use actix_web::test::{TestRequest, call_service, init_service, read_body};
    use cookie_decl::cookie::Key;
    use journey::{Request, Response};

    #[actix_web::test]
    async fn the_journey_through_actix() {
        let store = Store::signed(Key::generate());
        let app = App::new()
            .app_data(web::Data::new(store.clone()))
            .configure(routes);
        let app = init_service(app).await;
        journey::walk(&store, async |request: Request| {
            let mut builder = if request.post {
                TestRequest::post().set_payload(request.body)
            } else {
                TestRequest::get()
            };
            builder = builder.uri(request.uri);
            if !request.cookie.is_empty() {
                builder = builder.insert_header((COOKIE, request.cookie));
            }
            let response = call_service(&app, builder.to_request()).await;
            let lines = response.headers().get_all(SET_COOKIE);
            let set_cookies = lines
                .map(|l| l.to_str().expect("ASCII").to_owned())
                .collect();
            Response {
                status: response.status().as_u16(),
                set_cookies,
                body: String::from_utf8(read_body(response).await.to_vec()).expect("UTF-8"),
            }
        })
        .await;
    }
}
