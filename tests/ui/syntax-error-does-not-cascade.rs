use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    necessary {
        sessionid { provider: "Example", service: "Login", purpose: "Keep you signed in." }
        csrftoken ( provider: "Example", service: "Forms", purpose: "Protect your forms." )
        lang { provider "Example", service: "Language", purpose: "Remember the language." }
        theme { provider: "Example", service: "Layout", purpose: "Remember the theme." }
    }
}

fn main() {
    let _ = Cookies::SESSIONID.cookie("v");
    let _ = Cookies::CSRFTOKEN.removal();
    let _ = Cookies::LANG.name();
    let _ = Cookies::THEME.name();
    let _ = Cookies!("csrftoken");
    let _ = Cookies::CHARTE.len();
}
