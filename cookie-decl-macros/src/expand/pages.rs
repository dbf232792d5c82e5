//! The two expansions of a declaration: the build's, and rustdoc's with
//! the pages `cargo doc` shows.

/// Whether an expansion carries the pages `cargo doc` shows.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pages {
    /// rustdoc's: every item documented.
    Written,
    /// The build's: every item `#[cfg(not(doc))]`, and no page but what
    /// the user wrote (`missing_docs` is allowed on the generated items:
    /// it is checked where they are documented, by rustdoc).
    Omitted,
}
