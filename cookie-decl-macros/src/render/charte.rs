//! The *charte cookies*, rendered at expansion time from the checked
//! declaration: plain text, Markdown and HTML, in French and English.

use std::fmt::Write as _;

use crate::model::{Cookie, Registry};
use crate::render::escape::{Escapes, HTML, escape_into, html};
use crate::render::tags;

/// The fixed wording of a charte in one language.
pub struct Texts {
    lang: &'static str,
    title: &'static str,
    intro: &'static str,
    what_heading: &'static str,
    what: &'static str,
    kinds: &'static str,
    kinds_list: [&'static str; 4],
    /// Followed by the site, as a link.
    usage_heading: &'static str,
    /// One heading per category, in [`Category::ALL`](crate::ast::Category::ALL) order.
    categories: [&'static str; 4],
    /// The four columns of the samples, then lifetime and consent.
    columns: [&'static str; 6],
    /// Not required, required.
    consent: [&'static str; 2],
    /// Followed by the contact.
    contact: &'static str,
}

/// The wording of the published French chartes, kept byte for byte.
pub const FR: Texts = Texts {
    lang: "fr",
    title: "Charte cookies",
    intro: "Afin de vous proposer le meilleur service possible nous utilisons des cookies pour assurer son bon fonctionnement.",
    what_heading: "Qu'est ce qu'un cookie ?",
    what: "Un \"cookie\" est une suite d'informations, généralement de petite taille et identifié par un nom, qui peut être transmis à votre navigateur par un site web sur lequel vous vous connectez. Votre navigateur web le conservera pendant une certaine durée, et le renverra au serveur web chaque fois que vous vous y re-connecterez. Les cookies ont de multiples usages : ils peuvent servir à mémoriser votre identifiant client auprès d'un site marchand, le contenu courant de votre panier d'achat, un identifiant permettant de tracer votre navigation pour des finalités statistiques ou publicitaires, etc.",
    kinds: "Il existe plusieurs types de cookies :",
    kinds_list: [
        "Les cookies « nécessaires », internes, permettent d'enregistrer des informations entre deux consultations d'un même site web sur un même appareil. Ils permettent d'enregistrer un panier d'achat, des identifiants de connexion ou encore des éléments de personnalisation de l'interface. Ils ne requièrent pas de consentement de la part de l'utilisateur.",
        "Les cookies « statistiques » permettent de suivre les actions d'un internaute sur un site web. Lorsque les statistiques sont anonymes (c'est-à-dire ne permettent pas de retrouver une personne), le consentement de l'utilisateur n'est pas nécessaire.",
        "Les cookies « internes » ou « first-party » sont déposés par le site consulté. Ils peuvent être déposés en plus des cookies nécessaires et peuvent être utilisés pour collecter des données personnelles, suivre le comportement de l'utilisateur et servir à des finalités publicitaires.",
        "Les cookies dits « tiers », « tierce partie » ou « third party » sont des cookies déposés par (ou pour) un site B (souvent une régie publicitaire) sur un site A : cela permet au site B de voir quelles pages ont été visitées sur le site A par un utilisateur et de collecter des informations sur lui.",
    ],
    usage_heading: "A quoi servent les cookies sur la plateforme ",
    categories: [
        "Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels",
        "Cookies de préférences pour personnaliser la plateforme / cookies de personnalisation",
        "Cookies de mesure d'audience de la plateforme / cookies statistiques",
        "Cookies publicitaires et de suivi sur la plateforme / cookies marketing",
    ],
    columns: [
        "Nom du prestataire",
        "Service et emplacement",
        "Nom du cookies",
        "Finalités",
        "Durée de conservation",
        "Consentement requis",
    ],
    consent: ["Non (exempté)", "Oui"],
    contact: "Pour toute question sur cette charte : ",
};

/// A faithful English translation, with the same structure.
pub const EN: Texts = Texts {
    lang: "en",
    title: "Cookie policy",
    intro: "To offer you the best possible service, we use cookies to ensure that it works properly.",
    what_heading: "What is a cookie?",
    what: "A \"cookie\" is a piece of information, usually small and identified by a name, that a website you connect to may send to your browser. Your web browser keeps it for a certain time and sends it back to the web server each time you reconnect to it. Cookies have many uses: they can remember your customer ID on a shopping site, the current content of your shopping cart, an identifier used to trace your browsing for statistical or advertising purposes, etc.",
    kinds: "There are several types of cookies:",
    kinds_list: [
        "\u{201c}Necessary\u{201d}, first-party cookies store information between two visits to the same website on the same device. They store a shopping cart, login credentials or interface customisation settings. They do not require the user's consent.",
        "\u{201c}Statistics\u{201d} cookies track a visitor's actions on a website. When the statistics are anonymous (that is, they cannot identify a person), the user's consent is not required.",
        "\u{201c}Internal\u{201d} or \u{201c}first-party\u{201d} cookies are set by the site visited. They may be set in addition to necessary cookies and may be used to collect personal data, track the user's behaviour and serve advertising purposes.",
        "So-called \u{201c}third-party\u{201d} cookies are set by (or for) a site B (often an advertising network) on a site A: this lets site B see which pages of site A a user visited and collect information about them.",
    ],
    usage_heading: "What cookies are used for on the platform ",
    categories: [
        "Cookies necessary for the platform to work / functional cookies",
        "Preference cookies that personalise the platform / personalisation cookies",
        "Audience measurement cookies on the platform / statistics cookies",
        "Advertising and tracking cookies on the platform / marketing cookies",
    ],
    columns: [
        "Provider",
        "Service and location",
        "Cookie name",
        "Purposes",
        "Retention period",
        "Consent required",
    ],
    consent: ["No (exempt)", "Yes"],
    contact: "For any question about this policy: ",
};

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
    heading: &'a str,
    header: Vec<&'a str>,
    cookies: Vec<&'a Cookie>,
    /// The lifetime column, in English (`true`) or French.
    lifetime: Option<bool>,
    /// The consent column's words: not required, required.
    consent: Option<&'a [&'a str; 2]>,
}

impl Table<'_> {
    /// Calls `row` with the cells of each cookie's row, borrowed from the
    /// declaration: no row is collected, the table being written six
    /// times per registry, unoptimised in debug builds.
    fn rows(&self, mut row: impl FnMut(&[&str])) {
        for cookie in &self.cookies {
            let lifetime = self.lifetime.map(|english| {
                if english {
                    capitalize(&cookie.lifetime.english())
                } else {
                    cookie.lifetime.french()
                }
            });
            let mut cells = [
                cookie.provider.as_str(),
                &cookie.service,
                &cookie.name,
                &cookie.purpose,
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

/// The six chartes of `registry`, by language (French, English) and
/// format (in [`Format::ALL`] order).
///
/// A category's table body (its rows) is the same in both languages when
/// it has no lifetime nor consent column: it is then written once per
/// format and copied into the English charte. The rows are nearly all the
/// text of a large registry's chartes, escaped cell by cell, unoptimised
/// in a debug build.
pub fn render_all(registry: &Registry) -> [[String; 3]; 2] {
    let mut bodies: [Bodies; 3] = Default::default();
    [&FR, &EN].map(|texts| {
        let mut formats = Format::ALL.into_iter().zip(bodies.iter_mut());
        [(); 3].map(|()| {
            let (format, bodies) = formats.next().expect("three formats");
            render(registry, texts, format, bodies)
        })
    })
}

/// The table bodies of one format, by category, kept from the first
/// language rendered for the next one (see [`render_all`]).
type Bodies = [Option<String>; 4];

/// Renders the charte of `registry` in `texts`' language and `format`,
/// taking from `bodies` or keeping there the rows that do not depend on
/// the language.
fn render(registry: &Registry, texts: &Texts, format: Format, bodies: &mut Bodies) -> String {
    let options = &registry.charte;
    let english = texts.lang == "en";
    let pick = |custom: &Option<String>, default: &'static str| -> String {
        custom.clone().unwrap_or_else(|| default.to_owned())
    };
    let (title, intro, contact) = if english {
        (
            pick(&options.title_en, texts.title),
            pick(&options.intro_en, texts.intro),
            options
                .contact_en
                .clone()
                .or_else(|| options.contact.clone()),
        )
    } else {
        (
            pick(&options.title, texts.title),
            pick(&options.intro, texts.intro),
            options.contact.clone(),
        )
    };

    let mut out = Writer::new(format, texts.lang);
    out.heading(2, &title);
    out.paragraph(&intro);
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
        let table = Table {
            heading,
            header,
            cookies,
            lifetime: options.show_lifetime.then_some(english),
            consent: options.show_consent.then_some(&texts.consent),
        };
        let shared = table.lifetime.is_none() && table.consent.is_none();
        out.table(&table, shared.then(|| &mut bodies[category as usize]));
    }
    if registry.tags.in_charte() {
        tags_section(
            &mut out,
            registry,
            if english { &tags::EN } else { &tags::FR },
        );
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
fn tags_section(out: &mut Writer, registry: &Registry, texts: &tags::Texts) {
    let rows = tags::charte_rows(registry, texts);
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
                    row(&[registry.cookies[*index].name.as_str(), set_by]);
                }
            },
            None,
        );
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
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
