use core::fmt;

/// The purpose class of a cookie, which decides whether it needs consent.
///
/// The four categories are the ones consent managers and the CNIL's
/// recommendations use. Only [`Category::Necessary`] cookies may be set without
/// the visitor's consent (article 82 of the French *loi Informatique et
/// Libertés*, ePrivacy directive article 5(3)).
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// use cookie_decl::Category;
///
/// assert!(!Category::Necessary.needs_consent());
/// assert!(Category::Statistics.needs_consent());
/// assert_eq!(Category::Marketing.to_string(), "marketing");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// Strictly necessary to the service the visitor asked for: session,
    /// CSRF token, load balancing, the consent choice itself.
    Necessary,
    /// Remembers the visitor's choices (language, layout) beyond what the
    /// service strictly needs.
    Preferences,
    /// Audience measurement and analytics.
    Statistics,
    /// Advertising, tracking across sites, social-network integrations.
    Marketing,
}

impl Category {
    /// Every category, in the order the charte lists them.
    pub const ALL: [Category; 4] = [
        Category::Necessary,
        Category::Preferences,
        Category::Statistics,
        Category::Marketing,
    ];

    /// Whether a cookie of this category may only be set after consent.
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// # use cookie_decl::Category;
    /// assert!(Category::Preferences.needs_consent());
    /// ```
    pub const fn needs_consent(self) -> bool {
        !matches!(self, Category::Necessary)
    }

    /// The keyword that introduces this category in `declare_cookies!`.
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// # use cookie_decl::Category;
    /// assert_eq!(Category::Statistics.as_str(), "statistics");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Category::Necessary => "necessary",
            Category::Preferences => "preferences",
            Category::Statistics => "statistics",
            Category::Marketing => "marketing",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
