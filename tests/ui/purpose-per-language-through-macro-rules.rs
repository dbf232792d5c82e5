use cookie_decl::declare_cookies;

// A `macro_rules!` fragment reaches the per-language texts as written
// ones do: the missing language is still named.
macro_rules! site {
    ($lang:ident, $purpose:expr) => {
        declare_cookies! {
            pub struct Cookies { site: "https://example.eu", languages: [$lang, it] }
            necessary {
                sessionid { provider: "Example", service: "Login", purpose: { $lang: $purpose } }
            }
        }
    };
}

site!(es, "Mantiene la sesión.");

fn main() {}
