use cookie_decl::declare_cookies;

declare_cookies! {
    pub struct Cookies {
        site: "https://example.fr",
        consent_mode: { analytics_storage: },
    }
    statistics {
        extern "_ga_*" as GA {
            provider: "Google", service: "Google Analytics",
            purpose: "Distinguer les visiteurs.", max_age: 13 months,
        }
    }
    marketing {
        extern "_gcl_au" as GCL {
            provider: "Google", service: "Google Ads",
            purpose: "Mesurer les conversions.", max_age: 3 months,
        }
    }
}

fn main() {}
