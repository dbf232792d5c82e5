// A site that uses the consent glue (the banner, the form that records a
// choice) but declares no cookie to hold the form's CSRF token.
use axum::Router;
use axum::response::Html;
use axum::routing::{get, post};
use cookie_decl::axum::{ConsentChoice, ConsentLayer};
use cookie_decl::consent::{self, Consent, ConsentCookie, CsrfToken};
use cookie_decl::{Lang, declare_cookies};

declare_cookies! {
    pub struct Boutique { site: "https://boutique.example.fr" }
    necessary {
        consent {
            provider: "Boutique", service: "Consentement", purpose: "Garder votre choix.",
            max_age: 6 months, stores_consent: true,
        }
    }
    statistics {
        visits { provider: "Boutique", service: "Audience", purpose: "Compter les visites.", max_age: 13 months }
    }
}

async fn home(consent: Consent<Boutique>, csrf: CsrfToken<Boutique>) -> Html<String> {
    Html(consent::banner_for(&consent, Lang::Fr, csrf.as_str()))
}

async fn record(choice: ConsentChoice<Boutique>) -> &'static str {
    let _ = choice;
    "ok"
}

fn main() {
    let store = ConsentCookie::<Boutique>::unsigned();
    let _app: Router = Router::new()
        .route("/", get(home))
        .route("/cookies/consent", post(record))
        .layer(ConsentLayer::enforce(store.clone()))
        .with_state(store);
}
