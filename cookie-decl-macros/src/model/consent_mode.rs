//! The header's `consent_mode`, checked: which category's consent grants
//! each Google Consent Mode v2 signal, where the declaration departs from
//! the documented mapping.

use crate::ast::Category;

/// Google's seven consent types, in the order of the runtime's
/// `ConsentSignal::ALL`, with their variant and their documented
/// category.
pub const SIGNALS: [(&str, &str, Category); 7] = [
    ("ad_storage", "AdStorage", Category::Marketing),
    ("ad_user_data", "AdUserData", Category::Marketing),
    (
        "ad_personalization",
        "AdPersonalization",
        Category::Marketing,
    ),
    (
        "analytics_storage",
        "AnalyticsStorage",
        Category::Statistics,
    ),
    (
        "functionality_storage",
        "FunctionalityStorage",
        Category::Preferences,
    ),
    (
        "personalization_storage",
        "PersonalizationStorage",
        Category::Preferences,
    ),
    ("security_storage", "SecurityStorage", Category::Necessary),
];

/// One entry of `consent_mode`, checked.
pub struct Mapping {
    /// Its index in [`SIGNALS`].
    pub signal: usize,
    /// `None` for `denied`: never granted.
    pub category: Option<Category>,
}

impl Mapping {
    pub fn key(&self) -> &'static str {
        SIGNALS[self.signal].0
    }
}
