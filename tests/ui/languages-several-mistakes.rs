use cookie_decl::declare_cookies;

// Every mistake of a declaration in one build: two cookies without a
// language each, and a title written once.
declare_cookies! {
    pub struct Cookies {
        site: "https://example.eu",
        languages: [pl, de],
        title: "Pliki cookie",
    }
    necessary {
        sessionid {
            provider: "Example",
            service: "Login",
            purpose: { pl: "Utrzymuje zalogowanie." },
        }
    }
    statistics {
        visits {
            provider: "Example",
            service: "Audience",
            purpose: { de: "Zählt die Besuche." },
            max_age: 13 months,
        }
    }
}

fn main() {}
