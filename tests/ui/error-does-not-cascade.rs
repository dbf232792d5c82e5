use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    necessary {
        sessionid { provider: "Example", service: "Login" }
    }
}

fn main() {
    let _ = Cookies::SESSIONID.cookie("v");
    let _ = Cookies::SESSIONID.removal();
    for spec in Cookies::COOKIES {
        let _ = spec.name();
    }
    let _ = Cookies::CHARTE.len();
    let _ = Cookies!("sessionid").name();
}
