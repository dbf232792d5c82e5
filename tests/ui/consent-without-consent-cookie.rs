use cookie_decl::consent::ConsentCookie;
use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    statistics {
        visits { provider: "Example", service: "Audience", purpose: "Count visits.", max_age: 13 months }
    }
}

fn main() {
    let store = ConsentCookie::<Cookies>::unsigned();
    let _ = store.read("visits=1");
}
