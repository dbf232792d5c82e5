//! The site's cookies, declared once. The browser test of the example
//! reads this file too, to check that every cookie Chromium stores is
//! declared here, with these attributes.

use cookie_decl::declare_cookies;

declare_cookies! {
    /// The cookies of the Example open-data portal.
    pub struct SiteCookies {
        site: "https://data.example.fr",
        consent_retention: 6 months,
    }

    necessary {
        /// The signed-in visitor's session. `__Host-` makes the browser
        /// refuse it unless it is `Secure`, host-only and on `Path=/`, so a
        /// sibling subdomain cannot plant or overwrite it.
        "__Host-sid" as SESSION {
            provider: "Example",
            service: "Authentification (espace contributeur)",
            purpose: "Garder l'utilisateur connecté d'une page à une autre.",
            max_age: 12 hours,
        }
        /// The token every form repeats, so that another site cannot post
        /// them in the visitor's name.
        "__Host-csrf" as CSRF {
            provider: "Example",
            service: "Formulaires (protection CSRF)",
            purpose: "Protéger les formulaires contre la falsification de requêtes.",
            same_site: Strict,
            csrf_token: true,
        }
        /// The visitor's choice about the other cookies. Remembering that
        /// choice is strictly necessary, so it needs no consent itself.
        cookies_preferences as CONSENT {
            provider: "Example",
            service: "Choix concernant vos préférences sur les cookies",
            purpose: "Se souvenir du choix opéré par le visiteur concernant les cookies.",
            max_age: 6 months,
            stores_consent: true,
        }
    }

    preferences {
        /// The interface language, readable by the page's scripts.
        lang {
            provider: "Example",
            service: "Sélection de la langue",
            purpose: "Se souvenir de la langue du visiteur.",
            max_age: 1 year,
            http_only: false,
        }
    }

    statistics {
        /// A first-party visit counter, set only through the consent gate.
        visits {
            provider: "Example",
            service: "Mesure d'audience",
            purpose: "Compter les visites d'un même navigateur.",
            max_age: 13 months,
        }
        /// Set by the Google Analytics script, never by this server: it is
        /// declared so that the charte lists it, and so that a withdrawal
        /// deletes it where the script puts it.
        extern "_ga_*" as GA_STREAM {
            provider: "Google",
            service: "Google Analytics",
            purpose: "Conserver l'état de la session de mesure d'audience.",
            max_age: 13 months,
            domain: ".data.example.fr",
            set_by: "le script Google Analytics du portail de réutilisations",
        }
        /// Matomo's visitor id for this site (site 1), set from the page
        /// by the `matomo` tag below, never by this server. The tag keeps
        /// it under `/stats`, so no request to `/cookies/consent` carries
        /// it: it is declared by its exact name, at that path, so that the
        /// charte lists it and a withdrawal deletes it there all the same.
        extern "_pk_id.1.4c2f" as MATOMO_ID {
            provider: "Matomo",
            service: "Mesure d'audience (tableau de bord statistique)",
            purpose: "Distinguer les visiteurs d'une visite à l'autre.",
            max_age: 13 months,
            path: "/stats",
        }
        /// The site's own Matomo, served from `/stats/matomo.js`: in the
        /// page only once statistics are accepted.
        tag matomo {
            provider: "Matomo",
            service: "Mesure d'audience (tableau de bord statistique)",
            src: "/stats/matomo.js",
            sets: ["_pk_id.1.4c2f"],
            loading: defer,
        }
    }

    marketing {
        /// The Meta pixel's browser id, set from the page by the pixel.
        extern _fbp {
            provider: "Meta",
            service: "Pixel Meta (mesure des campagnes)",
            purpose: "Mesurer l'efficacité des campagnes publicitaires du portail.",
            max_age: 3 months,
        }
        /// What the Meta pixel does first: keep its browser id in `_fbp`
        /// (`fb.1.`, the time, a random number), for 90 days.
        tag meta_pixel {
            provider: "Meta",
            service: "Pixel Meta (mesure des campagnes)",
            inline: "document.cookie = '_fbp=fb.1.' + Date.now() + '.' + Math.floor(Math.random() * 1e10) + '; path=/; max-age=7776000; secure; samesite=lax';",
            sets: [_fbp],
        }
    }
}
