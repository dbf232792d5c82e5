//! What `declare_cookies!` generates, for an example portal.
//!
//! This module exists in the documentation only: it shows the pages a
//! registry gets. [`SiteCookies`] was declared with:
//!
//! ```
//! cookie_decl::declare_cookies! {
//!     /// The cookies of an example open-data portal.
//!     pub struct SiteCookies {
//!         site: "https://data.example.fr",
//!     }
//!
//!     necessary {
//!         /// The session of a signed-in user.
//!         sessionid {
//!             provider: "Opendatasoft",
//!             service: "Authentification (front et back office)",
//!             purpose: "Se souvenir de l'utilisateur d'une page à une autre.",
//!             max_age: 2 weeks,
//!         }
//!         "__Host-csrf" as CSRF {
//!             provider: "Opendatasoft",
//!             service: "API (CSRF) (front et back office)",
//!             purpose: "Récupérer des données via des appels API",
//!             same_site: Strict,
//!         }
//!     }
//!
//!     preferences {
//!         django_language {
//!             provider: "Opendatasoft",
//!             service: "Sélection de la langue (front et back office)",
//!             purpose: "Se souvenir de la langue du visiteur",
//!             max_age: 1 year,
//!             http_only: false,
//!         }
//!     }
//!
//!     statistics {
//!         extern "_pk_id.*" as MATOMO_ID {
//!             provider: "Matomo",
//!             service: "Mesure d'audience",
//!             purpose: "Distinguer les visiteurs d'une visite à l'autre.",
//!             max_age: 13 months,
//!         }
//!     }
//! }
//! ```

crate::declare_cookies! {
    /// The cookies of an example open-data portal.
    pub struct SiteCookies {
        site: "https://data.example.fr",
    }

    necessary {
        /// The session of a signed-in user.
        sessionid {
            provider: "Opendatasoft",
            service: "Authentification (front et back office)",
            purpose: "Se souvenir de l'utilisateur d'une page à une autre.",
            max_age: 2 weeks,
        }
        "__Host-csrf" as CSRF {
            provider: "Opendatasoft",
            service: "API (CSRF) (front et back office)",
            purpose: "Récupérer des données via des appels API",
            same_site: Strict,
        }
    }

    preferences {
        django_language {
            provider: "Opendatasoft",
            service: "Sélection de la langue (front et back office)",
            purpose: "Se souvenir de la langue du visiteur",
            max_age: 1 year,
            http_only: false,
        }
    }

    statistics {
        extern "_pk_id.*" as MATOMO_ID {
            provider: "Matomo",
            service: "Mesure d'audience",
            purpose: "Distinguer les visiteurs d'une visite à l'autre.",
            max_age: 13 months,
        }
    }
}
