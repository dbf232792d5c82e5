use cookie_decl::declare_cookies;

macro_rules! session_registry {
    ($site:literal, $name:ident, $purpose:expr) => {
        declare_cookies! {
            pub struct Cookies { site: $site }
            necessary {
                $name { provider: "Example", service: "Login", purpose: $purpose }
            }
        }
    };
}

session_registry!("https://example.fr", sessionid, "");

fn main() {}
