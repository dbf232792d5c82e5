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
//! The glue is the library's (`cookie_decl::actix`, feature `actix`):
//! `Consent` and `CsrfToken` as extractors, `ConsentChoice` as the
//! CSRF-checked consent form, `WithCookies` to send the declared cookies
//! as raw `Set-Cookie` lines (actix-web 4 is on `cookie` 0.16, which drops
//! `Partitioned`), and one line, `.wrap(ConsentMiddleware::enforce(..))`,
//! that audits every request and checks every response's `Set-Cookie`.
//! The pages are in `examples/support/site.rs`, shared with the Rocket
//! and poem examples; the registry is the axum example's
//! (`examples/axum_site/cookies.rs`).

use actix_web::http::header::{ContentType, LOCATION};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use cookie_decl::actix::{ConsentChoice, ConsentMiddleware, WithCookies};
use cookie_decl::consent::{Consent, CsrfToken};

#[path = "axum_site/cookies.rs"]
mod cookies;
#[path = "support/site.rs"]
mod site;

use cookies::SiteCookies;
use site::Store;

fn html(page: impl Into<String>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(ContentType::html())
        .body(page.into())
}

async fn home(
    request: HttpRequest,
    consent: Consent<SiteCookies>,
    csrf: CsrfToken<SiteCookies>,
) -> WithCookies<HttpResponse> {
    let visits = request.cookie(SiteCookies::VISITS.name());
    let (page, visits) = site::home(&consent, &csrf, visits.as_ref().map(|c| c.value()));
    WithCookies::new(html(page)).csrf(&csrf).cookie(visits)
}

async fn charte() -> HttpResponse {
    html(site::charte())
}

async fn preferences(
    consent: Consent<SiteCookies>,
    csrf: CsrfToken<SiteCookies>,
) -> WithCookies<HttpResponse> {
    WithCookies::new(html(site::preferences(&consent, &csrf))).csrf(&csrf)
}

/// A forged form never gets here: `ConsentChoice` answers it `403`.
async fn record_consent(
    store: web::Data<Store>,
    choice: ConsentChoice<SiteCookies>,
) -> WithCookies<HttpResponse> {
    let (location, set) = site::record(choice.record(&store));
    let see_other = HttpResponse::SeeOther()
        .insert_header((LOCATION, location))
        .finish();
    WithCookies::new(see_other).cookies_from(set)
}

/// The site's routes; the `Store` comes as `web::Data`.
fn routes(config: &mut web::ServiceConfig) {
    config
        .route("/", web::get().to(home))
        .route("/cookies", web::get().to(charte))
        .route("/cookies/preferences", web::get().to(preferences))
        .route("/cookies/consent", web::post().to(record_consent));
}

/// The application: its store, its routes, and the consent middleware.
fn app(
    store: Store,
) -> App<
    impl actix_web::dev::ServiceFactory<
        actix_web::dev::ServiceRequest,
        Config = (),
        Response = actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    App::new()
        .app_data(web::Data::new(store.clone()))
        .configure(routes)
        .wrap(ConsentMiddleware::enforce(store))
}

#[actix_web::main]
async fn main() {
    let port = site::port(8080);
    let store = Store::signed(cookie_decl::cookie::Key::generate());
    let server = HttpServer::new(move || app(store.clone()))
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
    use actix_web::http::header::{COOKIE, SET_COOKIE};
    use actix_web::test::{TestRequest, call_service, init_service, read_body};
    use cookie_decl::cookie::Key;
    use journey::{Request, Response};

    #[actix_web::test]
    async fn the_journey_through_actix() {
        let store = Store::signed(Key::generate());
        let app = init_service(app(store.clone())).await;
        journey::walk(&store, async |request: Request| {
            let mut builder = if request.post {
                TestRequest::post()
                    .insert_header(ContentType::form_url_encoded())
                    .set_payload(request.body)
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
