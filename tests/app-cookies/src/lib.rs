//! The cookies of an application, declared in a crate of their own, as an
//! application split into several crates (a web crate, a worker, an admin)
//! would share them. `tests/other_crate.rs` uses them from outside.

pub mod cookies {
    cookie_decl::declare_cookies! {
        /// The cookies of the application, shared by its crates.
        pub struct AppCookies {
            site: "https://app.example.fr",
        }
        necessary {
            "__Host-sid" as SESSION {
                provider: "Example",
                service: "Login",
                purpose: "Keep you signed in.",
            }
        }
        preferences {
            lang {
                provider: "Example",
                service: "Language",
                purpose: "Remember the language.",
                max_age: 6 months,
            }
        }
    }
}

pub use cookies::AppCookies;
