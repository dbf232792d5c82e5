//! The framework-agnostic core of the axum, Rocket, actix-web and poem
//! integrations: everything they do, over header values as bytes, the
//! form's body as bytes and a response's `Set-Cookie` lines, so that each
//! framework's module is only the translation to its own request, response
//! and trait shapes.
//!
//! The public types here ([`ConsentCheck`], [`ConsentChoice`],
//! [`FormRejection`], [`WithCookies`], [`Mode`], [`Action`], [`Report`],
//! [`Caching`]) are re-exported by each framework's module, under that
//! framework's word for them where it has one (`ConsentLayer` for axum,
//! `ConsentFairing` for Rocket, `ConsentMiddleware` for actix-web and
//! poem): one type, one behaviour, whichever framework serves it.

//!
//! One file per concern: `request` reads the visitor's cookies,
//! `form` the posted forms, `sending` writes the declaration's
//! `Set-Cookie` lines, `check` holds every response to the declaration,
//! `report` says what it found within bounds, `caching` keeps a page
//! made for one visitor out of shared caches. The framework modules only
//! translate their request and response types to these.

mod caching;
mod check;
mod form;
mod report;
mod request;
mod sending;

pub use caching::Caching;
pub use check::{ConsentCheck, Mode};
pub use form::{ConsentChoice, CsrfForm, FormRejection};
pub use report::{Action, Report};
pub use sending::WithCookies;

#[cfg(any(feature = "axum", feature = "poem"))]
pub(crate) use caching::PerVisitor;
#[cfg(any(feature = "rocket", feature = "actix"))]
pub(crate) use check::Line;
pub(crate) use form::{FormHead, PostedForm};
pub(crate) use request::{csrf_token, joined_cookie_headers, read_consent};
#[cfg(feature = "axum")]
pub(crate) use sending::csrf_line;
#[cfg(feature = "axum")]
pub(crate) use sending::set_cookie_lines;
