//! The language of a request in each framework: `VisitorLang` read from
//! real browsers' `Accept-Language` headers, through axum's extractor,
//! Rocket's request guard, actix-web's and poem's extractors (each behind
//! its feature), and the banner rendered in it.

use cookie_decl::{Lang, VisitorLang, declare_cookies};

declare_cookies! {
    pub struct Site {
        site: "https://shop.example.eu",
        languages: [fr, en, de, es, it, pl],
    }
    necessary {
        sid {
            provider: "Shop",
            service: "Login",
            purpose: {
                fr: "Garder la session.",
                en: "Keep the session.",
                de: "Die Sitzung halten.",
                es: "Mantener la sesión.",
                it: "Mantenere la sessione.",
                pl: "Utrzymać sesję.",
            },
        }
    }
}

/// What browsers send, as their settings write it, and the language the
/// site then shows.
const BROWSERS: &[(&str, Option<&str>, Lang)] = &[
    (
        "Chrome, German",
        Some("de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7"),
        Lang::De,
    ),
    (
        "Chrome, Austrian German",
        Some("de-AT,de-DE;q=0.9,de;q=0.8,en-US;q=0.7,en;q=0.6"),
        Lang::De,
    ),
    (
        "Firefox, French",
        Some("fr-FR,fr;q=0.8,en-US;q=0.5,en;q=0.3"),
        Lang::Fr,
    ),
    ("Safari, Polish", Some("pl-PL,pl;q=0.9"), Lang::Pl),
    (
        "Edge, Spanish",
        Some("es-ES,es;q=0.9,en;q=0.8,en-GB;q=0.7,en-US;q=0.6"),
        Lang::Es,
    ),
    (
        "Chrome, Italian",
        Some("it-IT,it;q=0.9,en-US;q=0.8,en;q=0.7"),
        Lang::It,
    ),
    ("Firefox, English (US)", Some("en-US,en;q=0.5"), Lang::En),
    // Portuguese is not published: the next the visitor reads.
    (
        "Firefox, Portuguese",
        Some("pt-PT,pt;q=0.8,en;q=0.5,en-US;q=0.3"),
        Lang::En,
    ),
    // Nothing published: the site's first language.
    ("Safari, Dutch", Some("nl-NL,nl;q=0.9"), Lang::Fr),
    ("no header (a crawler, curl)", None, Lang::Fr),
];

#[test]
fn each_browser_reads_the_language_it_asks_for() {
    for &(browser, header, lang) in BROWSERS {
        let headers = header.map(str::as_bytes);
        assert_eq!(
            VisitorLang::<Site>::from_headers(headers).lang(),
            lang,
            "{browser}"
        );
        assert_eq!(Lang::for_visitor::<Site>(None, header), lang, "{browser}");
        // The site's own choice for the visitor comes first, if published.
        assert_eq!(Lang::for_visitor::<Site>(Some(Lang::Pl), header), Lang::Pl);
        assert_eq!(Lang::for_visitor::<Site>(Some(Lang::Sv), header), lang);
    }
}

#[cfg(feature = "axum")]
mod axum {
    use axum::Router;
    use axum::body::Body;
    use axum::http::Request;
    use axum::routing::get;
    use cookie_decl::VisitorLang;
    use tower::ServiceExt;

    use super::{BROWSERS, Site};

    async fn page(lang: VisitorLang<Site>) -> String {
        lang.lang().to_string()
    }

    #[tokio::test]
    async fn the_extractor_negotiates_the_language() {
        for &(browser, header, lang) in BROWSERS {
            let mut request = Request::get("/");
            if let Some(header) = header {
                request = request.header("accept-language", header);
            }
            let response = Router::new()
                .route("/", get(page))
                .oneshot(request.body(Body::empty()).unwrap())
                .await
                .unwrap();
            let body = axum::body::to_bytes(response.into_body(), 1024)
                .await
                .unwrap();
            assert_eq!(body, lang.to_string(), "{browser}");
        }
    }
}

#[cfg(feature = "rocket")]
mod rocket {
    use cookie_decl::VisitorLang;
    use rocket::http::Header;
    use rocket::local::asynchronous::Client;

    use super::{BROWSERS, Site};

    #[rocket::get("/")]
    fn page(lang: VisitorLang<Site>) -> String {
        lang.lang().to_string()
    }

    #[rocket::async_test]
    async fn the_guard_negotiates_the_language() {
        let config = rocket::Config {
            log_level: rocket::config::LogLevel::Off,
            ..rocket::Config::debug_default()
        };
        let rocket = rocket::custom(config).mount("/", rocket::routes![page]);
        let client = Client::untracked(rocket).await.unwrap();
        for &(browser, header, lang) in BROWSERS {
            let mut request = client.get("/");
            if let Some(header) = header {
                request = request.header(Header::new("Accept-Language", header));
            }
            let body = request.dispatch().await.into_string().await.unwrap();
            assert_eq!(body, lang.to_string(), "{browser}");
        }
    }
}

#[cfg(feature = "actix")]
mod actix {
    use actix_web::test::{TestRequest, call_and_read_body, init_service};
    use actix_web::{App, web};
    use cookie_decl::VisitorLang;

    use super::{BROWSERS, Site};

    async fn page(lang: VisitorLang<Site>) -> String {
        lang.lang().to_string()
    }

    #[actix_web::test]
    async fn the_extractor_negotiates_the_language() {
        let app = init_service(App::new().route("/", web::get().to(page))).await;
        for &(browser, header, lang) in BROWSERS {
            let mut request = TestRequest::get().uri("/");
            if let Some(header) = header {
                request = request.insert_header(("accept-language", header));
            }
            let body = call_and_read_body(&app, request.to_request()).await;
            assert_eq!(body, lang.to_string(), "{browser}");
        }
    }
}

#[cfg(feature = "poem")]
mod poem {
    use cookie_decl::VisitorLang;
    use poem::test::TestClient;
    use poem::{Route, get, handler};

    use super::{BROWSERS, Site};

    #[handler]
    fn page(lang: VisitorLang<Site>) -> String {
        lang.lang().to_string()
    }

    #[tokio::test]
    async fn the_extractor_negotiates_the_language() {
        let client = TestClient::new(Route::new().at("/", get(page)));
        for &(browser, header, lang) in BROWSERS {
            let mut request = client.get("/");
            if let Some(header) = header {
                request = request.header("accept-language", header);
            }
            let response = request.send().await;
            response.assert_text(lang.to_string()).await;
            let _ = browser;
        }
    }
}

#[cfg(any(feature = "axum", feature = "rocket"))]
declare_cookies! {
    /// The site of the refused-form tests: a French and German site with
    /// its CSRF and consent cookies.
    pub struct Forms {
        site: "https://shop.example.eu",
        languages: [fr, de],
    }
    necessary {
        "__Host-csrf" as CSRF {
            provider: "Shop", service: { fr: "Formulaires", de: "Formulare" },
            purpose: { fr: "Protéger les formulaires.", de: "Schützt die Formulare." },
            same_site: Strict, csrf_token: true,
        }
        consent {
            provider: "Shop", service: { fr: "Consentement", de: "Einwilligung" },
            purpose: { fr: "Garder le choix.", de: "Speichert die Wahl." },
            max_age: 6 months, stores_consent: true,
        }
    }
}

/// A refused form answered in the visitor's language: the site takes the
/// rejection and shows `FormRejection::message` in the language
/// `VisitorLang` negotiated.
#[cfg(feature = "axum")]
mod refused_form {
    use axum::Router;
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use axum::routing::post;
    use cookie_decl::axum::{CsrfForm, FormRejection};
    use cookie_decl::{Lang, VisitorLang};
    use tower::ServiceExt;

    use super::Forms;

    async fn send(
        lang: VisitorLang<Forms>,
        form: Result<CsrfForm<Forms>, FormRejection>,
    ) -> (StatusCode, String) {
        match form {
            Ok(_) => (StatusCode::OK, String::new()),
            Err(refused) => (
                StatusCode::from_u16(refused.status()).unwrap(),
                refused.message(lang.lang()).to_owned(),
            ),
        }
    }

    async fn answer(content_type: &str, accept_language: &str) -> (StatusCode, String) {
        let request = Request::post("/send")
            .header("content-type", content_type)
            .header("accept-language", accept_language)
            .header("cookie", "__Host-csrf=0123456789abcdef0123456789abcdef")
            .body(Body::from("csrf_token=forged"))
            .unwrap();
        let response = Router::new()
            .route("/send", post(send))
            .oneshot(request)
            .await
            .unwrap();
        let status = response.status();
        let body = axum::body::to_bytes(response.into_body(), 4096)
            .await
            .unwrap();
        (status, String::from_utf8(body.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn a_refused_form_is_explained_in_the_visitors_language() {
        let form = "application/x-www-form-urlencoded";
        let forged = FormRejection::Csrf(cookie_decl::consent::CsrfError::Mismatch);
        let unreadable = FormRejection::ContentType;
        for (content_type, refused, status) in [
            (form, &forged, StatusCode::FORBIDDEN),
            (
                "text/plain",
                &unreadable,
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ),
        ] {
            let german = answer(content_type, "de-DE,de;q=0.9").await;
            assert_eq!(german, (status, refused.message(Lang::De).to_owned()));
            let french = answer(content_type, "fr-FR,fr;q=0.9").await;
            assert_eq!(french, (status, refused.message(Lang::Fr).to_owned()));
            assert_ne!(german.1, french.1);
        }
        assert!(forged.message(Lang::De).contains("Seite neu"));
        assert!(unreadable.message(Lang::Fr).starts_with("Ce formulaire"));
    }
}

/// The same in Rocket, as the README shows it: the data guard taken as a
/// `Result`, so that the handler answers a refused form itself rather
/// than Rocket's 403 page.
#[cfg(feature = "rocket")]
mod refused_form_rocket {
    use cookie_decl::rocket::{ConsentChoice, FormRejection};
    use cookie_decl::{Lang, VisitorLang};
    use rocket::http::{ContentType, Header, Status};
    use rocket::local::asynchronous::Client;

    use super::Forms;

    #[rocket::post("/cookies/consent", data = "<choice>")]
    fn record(
        lang: VisitorLang<Forms>,
        choice: Result<ConsentChoice<Forms>, FormRejection>,
    ) -> (Status, String) {
        match choice {
            Ok(_) => (Status::Ok, String::new()),
            Err(refused) => (
                Status::new(refused.status()),
                refused.message(lang.lang()).to_owned(),
            ),
        }
    }

    async fn answer(client: &Client, content_type: ContentType, lang: &str) -> (Status, String) {
        let response = client
            .post("/cookies/consent")
            .header(content_type)
            .header(Header::new("Accept-Language", lang.to_owned()))
            .header(Header::new(
                "Cookie",
                "__Host-csrf=0123456789abcdef0123456789abcdef",
            ))
            .body("csrf_token=forged&consent=all")
            .dispatch()
            .await;
        (response.status(), response.into_string().await.unwrap())
    }

    #[rocket::async_test]
    async fn a_refused_form_is_explained_in_the_visitors_language() {
        let config = rocket::Config {
            log_level: rocket::config::LogLevel::Off,
            ..rocket::Config::debug_default()
        };
        let rocket = rocket::custom(config).mount("/", rocket::routes![record]);
        let client = Client::untracked(rocket).await.unwrap();
        let forged = FormRejection::Csrf(cookie_decl::consent::CsrfError::Mismatch);
        let unreadable = FormRejection::ContentType;
        for (content_type, refused, status) in [
            (ContentType::Form, &forged, Status::Forbidden),
            (
                ContentType::Plain,
                &unreadable,
                Status::UnsupportedMediaType,
            ),
        ] {
            let german = answer(&client, content_type.clone(), "de-DE,de;q=0.9").await;
            assert_eq!(german, (status, refused.message(Lang::De).to_owned()));
            let french = answer(&client, content_type, "fr-FR,fr;q=0.9").await;
            assert_eq!(french, (status, refused.message(Lang::Fr).to_owned()));
            assert_ne!(german.1, french.1);
        }
    }
}
