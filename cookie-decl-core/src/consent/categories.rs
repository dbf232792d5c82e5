use core::fmt;

use crate::Category;

/// A set of [`Category`]s: what a visitor granted, or refused.
///
/// [`Category::Necessary`] is never stored: those cookies need no consent,
/// so [`contains`](CategorySet::contains) always answers `true` for it.
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// use cookie_decl::Category;
/// use cookie_decl::consent::CategorySet;
///
/// let granted = CategorySet::NONE.with(Category::Statistics);
/// assert!(granted.contains(Category::Statistics));
/// assert!(!granted.contains(Category::Marketing));
/// assert!(granted.contains(Category::Necessary));
/// assert_eq!(granted.to_string(), "statistics");
/// assert_eq!(CategorySet::ALL.to_string(), "preferences, statistics, marketing");
/// assert_eq!(CategorySet::NONE.to_string(), "none");
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct CategorySet(u8);

impl CategorySet {
    /// No category that needs consent: what "Tout refuser" grants.
    pub const NONE: CategorySet = CategorySet(0);

    /// Every category that needs consent: what "Tout accepter" grants.
    pub const ALL: CategorySet = CategorySet(0b111);

    /// The categories a visitor chooses among, in charte order.
    pub const CHOOSABLE: [Category; 3] = [
        Category::Preferences,
        Category::Statistics,
        Category::Marketing,
    ];

    const fn bit(category: Category) -> u8 {
        match category {
            Category::Necessary => 0,
            Category::Preferences => 1,
            Category::Statistics => 1 << 1,
            Category::Marketing => 1 << 2,
        }
    }

    /// The set with `category` added. Adding [`Category::Necessary`] changes
    /// nothing: it is always allowed.
    #[must_use]
    pub const fn with(self, category: Category) -> CategorySet {
        CategorySet(self.0 | Self::bit(category))
    }

    /// The set with `category` removed. Removing [`Category::Necessary`]
    /// changes nothing: it cannot be refused.
    #[must_use]
    pub const fn without(self, category: Category) -> CategorySet {
        CategorySet(self.0 & !Self::bit(category))
    }

    /// Whether `category` is in the set; always for
    /// [`Category::Necessary`].
    pub const fn contains(self, category: Category) -> bool {
        matches!(category, Category::Necessary) || self.0 & Self::bit(category) != 0
    }

    /// Whether no category that needs consent is in the set.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The categories that need consent and are not in the set.
    #[must_use]
    pub const fn complement(self) -> CategorySet {
        CategorySet(!self.0 & Self::ALL.0)
    }

    /// The categories in either set.
    #[must_use]
    pub const fn union(self, other: CategorySet) -> CategorySet {
        CategorySet(self.0 | other.0)
    }

    /// The categories in both sets.
    #[must_use]
    pub const fn intersection(self, other: CategorySet) -> CategorySet {
        CategorySet(self.0 & other.0)
    }

    /// The categories in `self` and not in `other`.
    #[must_use]
    pub const fn difference(self, other: CategorySet) -> CategorySet {
        CategorySet(self.0 & !other.0)
    }

    /// The categories that need consent in the set, in charte order.
    pub fn iter(self) -> impl Iterator<Item = Category> {
        Self::CHOOSABLE
            .into_iter()
            .filter(move |&category| self.contains(category))
    }

    /// The set as the one digit the consent cookie stores (`0` to `7`).
    pub(crate) const fn bits(self) -> u8 {
        self.0
    }

    /// The set from [`bits`](CategorySet::bits), or `None` for a value no
    /// set has.
    pub(crate) const fn from_bits(bits: u8) -> Option<CategorySet> {
        if bits & !Self::ALL.0 == 0 {
            Some(CategorySet(bits))
        } else {
            None
        }
    }
}

impl FromIterator<Category> for CategorySet {
    fn from_iter<I: IntoIterator<Item = Category>>(iter: I) -> Self {
        iter.into_iter().fold(CategorySet::NONE, CategorySet::with)
    }
}

impl From<Category> for CategorySet {
    fn from(category: Category) -> Self {
        CategorySet::NONE.with(category)
    }
}

impl fmt::Display for CategorySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return f.write_str("none");
        }
        for (index, category) in self.iter().enumerate() {
            if index > 0 {
                f.write_str(", ")?;
            }
            f.write_str(category.as_str())?;
        }
        Ok(())
    }
}

impl fmt::Debug for CategorySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}
