//! The site's layout (`layout.html`), and what every page of it reads
//! from the request before its handler runs.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};
use cookie_decl::Lang;
use cookie_decl::axum::{WithCookies, request_cookies};
use cookie_decl::consent::{self, Consent, CsrfToken};
use cookie_decl::cookie::Cookie;

use crate::App;
use crate::cookies::SiteCookies;
use crate::template::fill;

/// What every page starts from: the visitor's consent and CSRF token
/// (taking them makes the response the visitor's own: `ConsentLayer`
/// adds `Vary: Cookie` and `Cache-Control: private`), the language
/// (`?lang=en`, else the `lang` cookie), and the cookies the page sets,
/// each only with the consent its category needs: the visit count, a
/// statistics cookie, and the language asked for, a preference.
pub struct Page {
    pub consent: Consent<SiteCookies>,
    pub csrf: CsrfToken<SiteCookies>,
    pub lang: Lang,
    pub visits: Option<u32>,
    set: Vec<Cookie<'static>>,
}

impl FromRequestParts<App> for Page {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Page, Response> {
        let Ok(consent) = Consent::from_request_parts(parts, app).await;
        let csrf = CsrfToken::from_request_parts(parts, app).await;
        let csrf = csrf.map_err(IntoResponse::into_response)?;
        let cookies = request_cookies(&parts.headers);
        // Only a language the site has: a link cannot plant anything else.
        let asked = parts.uri.query().and_then(|q| q.strip_prefix("lang="));
        let asked = asked.filter(|code| ["en", "fr"].contains(code));
        let kept = cookies.value(&SiteCookies::LANG);
        let lang = match asked.or(kept.as_deref()) {
            Some("en") => Lang::En,
            _ => Lang::Fr,
        };
        // A forged count reads as zero; the count saturates.
        let count = cookies
            .value(&SiteCookies::VISITS)
            .and_then(|v| v.parse::<u32>().ok());
        let count = count.unwrap_or(0).saturating_add(1);
        let visit = consent.cookie(SiteCookies::VISITS, count.to_string());
        let visits = visit.is_some().then_some(count);
        let remember = asked.and_then(|code| consent.cookie(SiteCookies::LANG, code.to_owned()));
        let set = visit.into_iter().chain(remember).collect();
        Ok(Page {
            consent,
            csrf,
            lang,
            visits,
            set,
        })
    }
}

impl Page {
    /// A form that posts the CSRF token to `action` with one button.
    pub fn form(&self, action: &str, label: &str) -> String {
        let token = self.csrf.as_str();
        format!(
            "<form method=\"post\" action=\"{action}\"><input type=\"hidden\" name=\"csrf_token\" \
             value=\"{token}\"><button type=\"submit\">{label}</button></form>"
        )
    }

    /// The page in `layout.html`, with its cookies: in its `<head>`, the
    /// Consent Mode defaults and the tags of the visitor's consent (none
    /// before a yes); in every page, the link to the preferences page, so
    /// that consent can be withdrawn from anywhere.
    pub fn respond(self, title: &str, body: &str) -> Response {
        let (code, q, other) = match self.lang {
            Lang::En => ("en", "?lang=en", "fr"),
            _ => ("fr", "", "en"),
        };
        let mode = consent::consent_mode(&self.consent);
        let head = format!("{mode}\n{}", consent::tags(&self.consent));
        let html = fill(
            include_str!("layout.html"),
            &[
                ("lang", code),
                ("title", title),
                ("head", &head),
                ("q", q),
                ("other", other),
                ("body", body),
            ],
        );
        let page = WithCookies::new(Html(html)).csrf(&self.csrf);
        page.cookies_from(self.set).into_response()
    }
}
