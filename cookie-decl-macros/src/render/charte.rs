//! The *charte cookies*, rendered at expansion time from the checked
//! declaration: plain text, Markdown and HTML, in each language the site
//! publishes (its wording in [`texts`](crate::render::texts)).

use std::fmt::Write as _;

use crate::lang::Lang;
use crate::model::{Cookie, Registry};
use crate::render::escape::{Escapes, HTML, escape_into, html};
use crate::render::tags;
use crate::render::texts::{self, Lifetimes, Texts};

/// The output formats, in the order of `cookie_decl::Format`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Text, Format::Markdown, Format::Html];
}

/// One table of the charte: the cookies of one category.
struct Table<'a> {
    /// The language of the service and the purpose.
    lang: Lang,
    heading: &'a str,
    header: Vec<&'a str>,
    cookies: Vec<&'a Cookie>,
    /// The lifetime column's words, when it is shown.
    lifetime: Option<&'a Lifetimes>,
    /// The consent column's words: not required, required.
    consent: Option<&'a [&'a str; 2]>,
}

impl Table<'_> {
    /// Calls `row` with the cells of each cookie's row, borrowed from the
    /// declaration: no row is collected, the table being written six
    /// times per registry, unoptimised in debug builds.
    fn rows(&self, mut row: impl FnMut(&[&str])) {
        for cookie in &self.cookies {
            let lifetime = self.lifetime.map(|words| words.of(cookie.lifetime));
            let mut cells = [
                cookie.provider.as_str(),
                cookie.service_in(self.lang),
                &cookie.name,
                cookie.purpose_in(self.lang),
                "",
                "",
            ];
            let mut len = 4;
            if let Some(lifetime) = &lifetime {
                cells[len] = lifetime;
                len += 1;
            }
            if let Some(consent) = self.consent {
                cells[len] = consent[usize::from(cookie.needs_consent())];
                len += 1;
            }
            row(&cells[..len]);
        }
    }
}

/// The chartes of `registry`, by language (in the order of `langs`) and
/// format (in [`Format::ALL`] order).
///
/// A category's table body (its rows) is the same in every language when
/// it has no lifetime nor consent column: it is then written once per
/// format and copied into the other languages' chartes. The rows are
/// nearly all the text of a large registry's chartes, escaped cell by
/// cell, unoptimised in a debug build.
pub fn render_all(registry: &Registry, langs: &[Lang]) -> Vec<[String; 3]> {
    let mut bodies: [Bodies; 3] = Default::default();
    langs
        .iter()
        .map(|&lang| {
            let texts = texts::texts(lang);
            let mut formats = Format::ALL.into_iter().zip(bodies.iter_mut());
            [(); 3].map(|()| {
                let (format, bodies) = formats.next().expect("three formats");
                render(registry, lang, texts, format, bodies)
            })
        })
        .collect()
}

/// The table bodies of one format, by category, kept from the first
/// language rendered for the next one (see [`render_all`]).
type Bodies = [Option<String>; 4];

/// Renders the charte of `registry` in `lang` (whose words are `all`) and
/// `format`, taking from `bodies` or keeping there the rows that do not
/// depend on the language.
fn render(
    registry: &Registry,
    lang: Lang,
    all: &Texts,
    format: Format,
    bodies: &mut Bodies,
) -> String {
    let options = &registry.charte;
    let texts = &all.charte;
    let title = options.title.get(lang).unwrap_or(texts.title);
    let intro = options.intro.get(lang).unwrap_or(texts.intro);
    let contact = options.contact.get(lang);

    let mut out = Writer::new(format, lang.code());
    out.heading(2, title);
    out.paragraph(intro);
    out.heading(3, texts.what_heading);
    out.paragraph(texts.what);
    out.paragraph(texts.kinds);
    for kind in texts.kinds_list {
        out.paragraph(kind);
    }
    out.site_heading(texts.usage_heading, &registry.site);
    for (category, cookies) in registry.by_category() {
        let heading = texts.categories[category as usize];
        let mut header = texts.columns[..4].to_vec();
        if options.show_lifetime {
            header.push(texts.columns[4]);
        }
        if options.show_consent {
            header.push(texts.columns[5]);
        }
        // Rows the same in every language are written once.
        let shared = !options.show_lifetime
            && !options.show_consent
            && cookies.iter().all(|cookie| cookie.written_once());
        let table = Table {
            lang,
            heading,
            header,
            cookies,
            lifetime: options.show_lifetime.then_some(&all.lifetime),
            consent: options.show_consent.then_some(&texts.consent),
        };
        out.table(&table, shared.then(|| &mut bodies[category as usize]));
    }
    if registry.tags.in_charte() {
        tags_section(&mut out, registry, lang, &all.tags);
    }
    if let Some(contact) = contact {
        out.paragraph(&format!("{}{contact}", texts.contact));
    }
    out.finish()
}

/// After the category tables: each tag and embed with its provider,
/// service and the cookies it sets, then the `extern` cookies that say
/// what else deposits them. Only for a registry that declares some, so
/// that other chartes keep their bytes.
fn tags_section(out: &mut Writer, registry: &Registry, lang: Lang, texts: &texts::Tags) {
    let rows = tags::charte_rows(registry, lang, texts);
    if !rows.is_empty() {
        out.table_with(
            texts.heading,
            &texts.columns,
            |row| {
                for cells in &rows {
                    row(&cells.each_ref().map(String::as_str));
                }
            },
            None,
        );
    }
    if !registry.tags.set_by.is_empty() {
        out.table_with(
            texts.other_heading,
            &texts.other_columns,
            |row| {
                for (index, set_by, _) in &registry.tags.set_by {
                    let set_by = set_by.get(lang).unwrap_or_default();
                    row(&[registry.cookies[*index].name.as_str(), set_by]);
                }
            },
            None,
        );
    }
}

/// Writes blocks in one format, separated by a blank line in text and
/// Markdown.
struct Writer {
    format: Format,
    out: String,
}

impl Writer {
    fn new(format: Format, lang: &str) -> Self {
        let mut out = String::new();
        if format == Format::Html {
            let _ = writeln!(out, "<section class=\"charte-cookies\" lang=\"{lang}\">");
        }
        Writer { format, out }
    }

    fn block_separator(&mut self) {
        if self.format != Format::Html && !self.out.is_empty() {
            self.out.push('\n');
        }
    }

    fn heading(&mut self, level: usize, text: &str) {
        self.block_separator();
        match self.format {
            Format::Text => self.out.push_str(text),
            Format::Markdown => {
                self.out.push_str(&"#".repeat(level));
                self.out.push(' ');
                self.out.push_str(text);
            }
            Format::Html => {
                let _ = write!(self.out, "<h{level}>{}</h{level}>", html(text));
            }
        }
        self.out.push('\n');
    }

    fn paragraph(&mut self, text: &str) {
        self.block_separator();
        match self.format {
            Format::Text | Format::Markdown => self.out.push_str(text),
            Format::Html => {
                let _ = write!(self.out, "<p>{}</p>", html(text));
            }
        }
        self.out.push('\n');
    }

    /// "A quoi servent les cookies sur la plateforme <https://...>"
    fn site_heading(&mut self, text: &str, site: &str) {
        self.block_separator();
        match self.format {
            Format::Text => {
                let _ = write!(self.out, "{text}<{site}>");
            }
            Format::Markdown => {
                let _ = write!(self.out, "### {text}<{site}>");
            }
            Format::Html => {
                let site = html(site);
                let _ = write!(
                    self.out,
                    "<h3>{}<a href=\"{site}\">{site}</a></h3>",
                    html(text)
                );
            }
        }
        self.out.push('\n');
    }

    /// A category's heading and its table. In HTML the heading is the
    /// table's caption, so that it names the table for a screen reader and
    /// still appears in the page's outline, once. `kept`: where its body
    /// is, or is to be kept, when it does not depend on the language.
    fn table(&mut self, table: &Table, kept: Option<&mut Option<String>>) {
        self.table_with(table.heading, &table.header, |row| table.rows(row), kept);
    }

    /// A heading and its table, whose rows `rows` gives one by one to the
    /// function it is passed; or, when `kept` holds it, the body written
    /// before.
    fn table_with(
        &mut self,
        heading: &str,
        header: &[&str],
        rows: impl FnOnce(&mut dyn FnMut(&[&str])),
        kept: Option<&mut Option<String>>,
    ) {
        if self.format != Format::Html {
            self.heading(4, heading);
        }
        self.block_separator();
        match self.format {
            Format::Text => {
                let line = |out: &mut String, cells: &[&str]| {
                    for (index, cell) in cells.iter().enumerate() {
                        if index > 0 {
                            out.push('\t');
                        }
                        out.push_str(cell);
                    }
                    out.push('\n');
                };
                line(&mut self.out, header);
                self.body(kept, |out| rows(&mut |cells| line(out, cells)));
            }
            Format::Markdown => {
                // `| a | b |`, cells pushed in place (see `escape_into`).
                let line = |out: &mut String, cells: &[&str]| {
                    out.push('|');
                    for cell in cells {
                        out.push(' ');
                        escape_into(out, cell, &MARKDOWN_CELL);
                        out.push_str(" |");
                    }
                    out.push('\n');
                };
                line(&mut self.out, header);
                line(&mut self.out, &vec!["---"; header.len()]);
                self.body(kept, |out| rows(&mut |cells| line(out, cells)));
            }
            Format::Html => {
                let _ = writeln!(self.out, "<table>");
                let _ = writeln!(self.out, "<caption><h4>{}</h4></caption>", html(heading));
                self.out.push_str("<thead>\n<tr>");
                for cell in header {
                    let _ = write!(self.out, "<th scope=\"col\">{}</th>", html(cell));
                }
                self.out.push_str("</tr>\n</thead>\n<tbody>\n");
                self.body(kept, |out| {
                    rows(&mut |cells| {
                        out.push_str("<tr>");
                        for cell in cells {
                            out.push_str("<td>");
                            escape_into(out, cell, &HTML);
                            out.push_str("</td>");
                        }
                        out.push_str("</tr>\n");
                    });
                });
                self.out.push_str("</tbody>\n</table>\n");
            }
        }
    }

    /// A table's rows: copied from `kept` if it holds them, else written
    /// by `write` (and kept, if asked).
    fn body(&mut self, kept: Option<&mut Option<String>>, write: impl FnOnce(&mut String)) {
        match kept {
            Some(Some(body)) => self.out.push_str(body),
            Some(slot) => {
                let start = self.out.len();
                write(&mut self.out);
                *slot = Some(self.out[start..].to_owned());
            }
            None => write(&mut self.out),
        }
    }

    fn finish(mut self) -> String {
        if self.format == Format::Html {
            self.out.push_str("</section>\n");
        }
        self.out
    }
}

/// A Markdown table cell's one escape.
static MARKDOWN_CELL: Escapes = Escapes::new(&[(b'|', "\\|")]);
