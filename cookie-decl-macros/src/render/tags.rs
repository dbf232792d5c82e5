//! What third-party tags and embeds render: their table in the charte, in
//! each language the site publishes (its words in
//! [`texts`](crate::render::texts)), and their constants' pages in `cargo
//! doc`.
//!
//! A registry that declares none renders nothing of them: its charte is
//! what it was before tags existed.

use std::fmt::Write as _;

use crate::lang::Lang;
use crate::model::tags::Tag;
use crate::model::{Cookie, Registry};
use crate::render::escape::{self, Escapes};
use crate::render::texts::Tags;

/// A tag constant's page: what it is, who operates it, when it loads and
/// what it deposits.
pub fn constant_doc(tag: &Tag, cookies: &[Cookie]) -> String {
    static CODE: Escapes = Escapes::new(&[(b'`', "")]);
    static TEXT: Escapes = Escapes::new(&[
        (b'&', "&amp;"),
        (b'<', "&lt;"),
        (b'>', "&gt;"),
        (b'\\', "\\\\"),
        (b'`', "\\`"),
        (b'*', "\\*"),
        (b'_', "\\_"),
        (b'[', "\\["),
        (b']', "\\]"),
    ]);
    let mut doc = String::new();
    if !tag.attrs.is_empty() {
        doc.push_str("\n\n");
    }
    let _ = write!(
        doc,
        " {} `{}`, in `{}`.\n\n - **Provider:** ",
        if tag.embed { "Embed" } else { "Tag" },
        tag.name,
        tag.category.keyword()
    );
    escape::escape_into(&mut doc, &tag.provider, &TEXT);
    doc.push_str("\n - **Service:** ");
    escape::escape_into(&mut doc, &tag.service, &TEXT);
    doc.push_str("\n - **Sets:** ");
    if tag.cookies.is_empty() {
        doc.push_str("no declared cookie");
    }
    for (at, &index) in tag.cookies.iter().enumerate() {
        if at > 0 {
            doc.push_str(", ");
        }
        doc.push('`');
        escape::escape_into(&mut doc, &cookies[index].name, &CODE);
        doc.push('`');
    }
    doc.push_str(if tag.embed {
        "\n\n Shown through `consent::embed`: the page's HTML when the visitor allows its \
         category, a placeholder otherwise.\n"
    } else {
        "\n\n Rendered by `consent::tags` when the visitor allows its category.\n"
    });
    doc
}

/// The rows of the charte's tag table: provider, service, type, category
/// and the names of the cookies it sets.
pub fn charte_rows(registry: &Registry, lang: Lang, texts: &Tags) -> Vec<[String; 5]> {
    registry
        .tags
        .list
        .iter()
        .map(|tag| {
            let names: Vec<&str> = tag
                .cookies
                .iter()
                .map(|&index| registry.cookies[index].name.as_str())
                .collect();
            [
                tag.provider.clone(),
                tag.service_in(lang).to_owned(),
                texts.kinds[usize::from(tag.embed)].to_owned(),
                texts.categories[tag.category as usize].to_owned(),
                if names.is_empty() {
                    texts.none.to_owned()
                } else {
                    names.join(", ")
                },
            ]
        })
        .collect()
}
