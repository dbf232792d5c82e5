//! Declare a site's cookies once; get typed constants, correct `Set-Cookie`
//! headers, compile-time rules and the *charte cookies*.
#![deny(missing_docs)]

mod category;
mod charte;
mod registry;
#[cfg(feature = "serde")]
mod serde;
mod spec;
mod value;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use cookie;
pub use cookie_decl_macros::declare_cookies;

pub use crate::category::Category;
pub use crate::charte::{Format, Lang};
pub use crate::registry::Registry;
pub use crate::spec::{CookieSpec, DeclaredCookie, ExternalCookie};
pub use crate::value::{DecodeError, ValueError, decode_value, encode_value};
