use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies { site: "https://example.fr" }
    necessary {
        sessionid { provider: "Example", service: "Login" }
        "__Host-sid" {
            provider: "Example",
            service: "Login",
            purpose: "Keep you signed in.",
            path: "/app",
        }
        csrftoken {
            provider: "Example",
            service: "Forms",
            purpose: "Protect your forms.",
            max_age: 2 fortnights,
        }
    }
    statistics {
        visits {
            provider: "Example",
            service: "Audience",
            purpose: "Count visits.",
            max_age: 395 days,
        }
    }
}

fn main() {}
