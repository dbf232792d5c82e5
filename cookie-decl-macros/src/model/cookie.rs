//! One cookie, every attribute resolved, and what every layer asks of it:
//! its lifetime in seconds and in words, whether it needs consent, its
//! `Set-Cookie` line.

use proc_macro2::{Span, TokenStream};
use syn::Ident;

use crate::ast::{Category, SameSite, Unit};
use crate::lang::Lang;

/// A cookie's associated constant: its name as an identifier, with the
/// span it is declared at, and as text, made once: inside a proc macro,
/// each `Ident::to_string` is a call through the compiler bridge.
pub struct Constant {
    pub ident: Ident,
    pub text: String,
}

/// One cookie, every attribute resolved.
pub struct Cookie {
    pub attrs: Vec<TokenStream>,
    pub name: String,
    pub name_span: Span,
    /// `None` when no constant can be made for it (already reported).
    pub constant: Option<Constant>,
    pub category: Category,
    /// An audience-measurement cookie exempt from consent under the CNIL's
    /// conditions.
    pub consent_exempt: bool,
    /// Marked `stores_consent: true`: it keeps the visitor's choice.
    pub stores_consent: bool,
    /// Marked `csrf_token: true`: it holds the consent forms' CSRF token.
    pub csrf_token: bool,
    pub external: bool,
    pub provider: String,
    /// The service, in the site's first language (or as written once).
    pub service: String,
    /// The purpose, in the site's first language (or as written once):
    /// what `.purpose()` gives, `cargo doc` shows and the fingerprint
    /// hashes.
    pub purpose: String,
    /// The service and the purpose in each published language, when
    /// written per language; empty when written once.
    pub services: Vec<(Lang, String)>,
    pub purposes: Vec<(Lang, String)>,
    pub lifetime: Lifetime,
    /// The `max_age` value as written (in the cookie or the header), to
    /// point at.
    pub max_age_tokens: Option<TokenStream>,
    pub secure: bool,
    pub http_only: bool,
    pub same_site: SameSite,
    pub path: String,
    pub domain: Option<String>,
    pub partitioned: bool,
}

/// `max_age` as declared.
#[derive(Clone, Copy)]
pub enum Lifetime {
    Session,
    Duration { amount: u64, unit: Unit },
}

impl Lifetime {
    pub fn seconds(self) -> Option<u64> {
        match self {
            Lifetime::Session => None,
            Lifetime::Duration { amount, unit } => Some(amount.saturating_mul(unit.seconds())),
        }
    }

    /// In English: `session`, `1 day`, `13 months`.
    pub fn english(self) -> String {
        match self {
            Lifetime::Session => "session".to_owned(),
            Lifetime::Duration { amount, unit } => {
                let word = match unit {
                    Unit::Seconds => "second",
                    Unit::Minutes => "minute",
                    Unit::Hours => "hour",
                    Unit::Days => "day",
                    Unit::Weeks => "week",
                    Unit::Months => "month",
                    Unit::Years => "year",
                };
                let plural = if amount == 1 { "" } else { "s" };
                format!("{amount} {word}{plural}")
            }
        }
    }
}

impl Cookie {
    /// The service in `lang`.
    pub fn service_in(&self, lang: Lang) -> &str {
        in_lang(&self.services, lang).unwrap_or(&self.service)
    }

    /// The purpose in `lang`.
    pub fn purpose_in(&self, lang: Lang) -> &str {
        in_lang(&self.purposes, lang).unwrap_or(&self.purpose)
    }

    /// Whether its charte row reads the same in every language.
    pub fn written_once(&self) -> bool {
        self.services.is_empty() && self.purposes.is_empty()
    }

    pub fn needs_consent(&self) -> bool {
        self.category.needs_consent() && !self.consent_exempt
    }

    /// The attributes of the `Set-Cookie` line `.cookie(value)` sends,
    /// from `; HttpOnly` to before `; Max-Age`, in the attribute order of
    /// the `cookie` crate's `Display`, appended to `out`.
    pub fn attributes_into(&self, out: &mut String) {
        if self.http_only {
            out.push_str("; HttpOnly");
        }
        out.push_str("; SameSite=");
        out.push_str(self.same_site.as_str());
        if self.partitioned {
            out.push_str("; Partitioned");
        }
        if self.secure || self.partitioned {
            out.push_str("; Secure");
        }
        out.push_str("; Path=");
        out.push_str(&self.path);
        if let Some(domain) = &self.domain {
            // As the `cookie` crate sends it: without a leading dot.
            out.push_str("; Domain=");
            out.push_str(domain.strip_prefix('.').unwrap_or(domain));
        }
    }

    /// Everything the `Set-Cookie` line of `.cookie(value)` holds after
    /// `name=value`, byte for byte what `cookie::Cookie`'s `Display`
    /// writes: the attributes, then `; Max-Age=` where declared. Empty for
    /// an `extern` cookie, which this application never sets.
    pub fn set_cookie_suffix(&self) -> String {
        let mut out = String::new();
        if self.external {
            return out;
        }
        self.attributes_into(&mut out);
        if let Some(seconds) = self.lifetime.seconds() {
            out.push_str("; Max-Age=");
            out.push_str(&seconds.to_string());
        }
        out
    }
}

fn in_lang(texts: &[(Lang, String)], lang: Lang) -> Option<&str> {
    texts
        .iter()
        .find(|(given, _)| *given == lang)
        .map(|(_, text)| text.as_str())
}
