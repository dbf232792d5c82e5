//! The texts a registry shows, rendered at expansion time from the checked
//! [`model`](crate::model): the charte, the consent banner and preferences
//! page, the tags' part of them, and the pages `cargo doc` shows. Strings
//! only: the expansion turns them into tokens.
//!
//! Each renderer is a file; the escaping they share is [`escape`]; every
//! fixed word they write is in [`texts`], one table per language. A new
//! feature's text goes in a file of its own here, read by the renderer
//! that shows it (as [`charte`] reads [`tags`]), its words in the tables.

pub mod banner;
pub mod charte;
pub mod docs;
pub mod escape;
pub mod forms;
pub mod preferences;
pub mod tags;
pub mod texts;
