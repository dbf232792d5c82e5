use core::fmt;

use percent_encoding::percent_decode_str;

use super::csrf::check_token;
use super::record::Rfc3339;
use super::{
    CategorySet, Consent, ConsentRegistry, CsrfError, CsrfRegistry, FormOrigin, RequestCookies,
};
use crate::Lang;
use crate::lang::texts::{fill as fill_in, texts};
use crate::lang::{position, within};

/// The consent banner of registry `R`, an HTML fragment to place in every
/// page while [`Consent::needs_asking`] is true.
///
/// Generated at compile time from the declaration: a `<form
/// method="post">` that works without JavaScript, with three buttons of the
/// same element and class, "Tout accepter", "Tout refuser" and
/// "Personnaliser" ("Accept all", "Refuse all", "Customise"), so that
/// refusing is as easy as accepting (CNIL deliberation 2020-092); the
/// categories the site asks consent for; the consent-exempt audience
/// cookies by name; links to the charte and the preferences page. Every
/// declared string is escaped. The form posts `csrf_token`, and `consent`
/// = `all`, `none` or `customise`, to the header's `consent_url`
/// (`/cookies/consent` by default): read it with [`ConsentForm::parse`].
///
/// The fragment carries classes (`cookie-banner`,
/// `cookie-consent-button`) and no style: give the three buttons one rule,
/// so that they look alike.
///
/// It is in `lang` if the registry publishes it
/// ([`Registry::LANGS`](crate::Registry::LANGS)),
/// else in the site's first language, and says which in its `lang`
/// attribute; [`VisitorLang`](crate::VisitorLang) gives the visitor's.
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// use cookie_decl::{declare_cookies, Lang};
/// use cookie_decl::consent;
///
/// declare_cookies! {
///     pub struct Cookies { site: "https://example.fr" }
///     necessary {
///         consent { provider: "Example", service: "Consent", purpose: "Remember the choice.",
///                   max_age: 6 months, stores_consent: true }
///     }
///     statistics {
///         visits { provider: "Example", service: "Audience", purpose: "Count visits.", max_age: 13 months }
///     }
/// }
///
/// let html = consent::banner::<Cookies>(Lang::Fr, "t0k3n");
/// assert!(html.contains(r#"<input type="hidden" name="csrf_token" value="t0k3n">"#));
/// for label in ["Tout accepter", "Tout refuser", "Personnaliser"] {
///     assert!(html.contains(&format!(r#"class="cookie-consent-button" name="consent" value="#)));
///     assert!(html.contains(&format!(">{label}</button>")));
/// }
/// ```
pub fn banner<R: ConsentRegistry>(lang: Lang, csrf_token: &str) -> String {
    fill(form::<R>(lang, 0), csrf_token, CategorySet::NONE, None)
}

/// The banner for this visitor: [`banner`], with one sentence more when
/// their browser's Global Privacy Control signal refuses some categories
/// ([`Consent::with_gpc`]): that the signal is honoured, and as what.
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// # use cookie_decl::declare_cookies;
/// use cookie_decl::{Category, Lang};
/// use cookie_decl::consent::{self, ConsentCookie};
/// # declare_cookies! {
/// #     pub struct Cookies { site: "https://example.fr" }
/// #     necessary {
/// #         consent { provider: "Example", service: "Consent", purpose: "Remember the choice.",
/// #                   max_age: 6 months, stores_consent: true }
/// #     }
/// #     statistics {
/// #         visits { provider: "Example", service: "Audience", purpose: "Count visits.", max_age: 13 months }
/// #     }
/// #     marketing {
/// #         ads { provider: "Régie", service: "Publicité", purpose: "Show ads.", max_age: 13 months }
/// #     }
/// # }
/// let consent = ConsentCookie::<Cookies>::unsigned().read_with_gpc("", true);
/// assert_eq!(consent.gpc_refused(), Category::Marketing.into());
/// assert!(consent.needs_asking()); // statistics are still asked
/// let html = consent::banner_for(&consent, Lang::Fr, "t0k3n");
/// assert!(html.contains("Global Privacy Control"));
/// ```
pub fn banner_for<R: ConsentRegistry>(
    consent: &Consent<R>,
    lang: Lang,
    csrf_token: &str,
) -> String {
    let mut html = banner::<R>(lang, csrf_token);
    let refused = consent.gpc_refused();
    if refused.is_empty() {
        return html;
    }
    let texts = texts(within(R::LANGS, lang));
    let names: Vec<&str> = refused
        .iter()
        .map(|category| texts.cookies_of(category))
        .collect();
    let sentence = format!(
        "<p class=\"cookie-banner-gpc\">{}{}{}</p>\n",
        texts.gpc_start,
        names.join(texts.gpc_and),
        texts.gpc_end
    );
    // After the banner's first paragraph.
    let at = html
        .find("</p>\n")
        .map_or(html.len(), |at| at + "</p>\n".len());
    html.insert_str(at, &sentence);
    html
}

/// The preferences page of registry `R`: an HTML fragment for the page
/// where a visitor changes their mind at any time (GDPR article 7(3)),
/// such as `/cookies/preferences`.
///
/// Generated at compile time: the visitor's recorded choice (when, which
/// record, what was accepted and refused), a `<fieldset>` with one
/// checkbox per category that has cookies needing consent, each labelled,
/// ticked only if the visitor granted it (never by default), described,
/// and listing its cookies with their provider and purpose; `necessary`
/// shown ticked and disabled; consent-exempt cookies named as such; and
/// the buttons "Tout accepter", "Tout refuser" and "Enregistrer mes
/// choix" (`consent` = `all`, `none`, `save`, with a `category` field per
/// ticked box).
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// # use cookie_decl::declare_cookies;
/// use cookie_decl::{Category, Lang};
/// use cookie_decl::consent::{self, CategorySet, ConsentCookie};
/// # declare_cookies! {
/// #     pub struct Cookies { site: "https://example.fr" }
/// #     necessary {
/// #         consent { provider: "Example", service: "Consent", purpose: "Remember the choice.",
/// #                   max_age: 6 months, stores_consent: true }
/// #     }
/// #     statistics {
/// #         visits { provider: "Example", service: "Audience", purpose: "Count visits.", max_age: 13 months }
/// #     }
/// # }
/// let store = ConsentCookie::<Cookies>::unsigned();
/// let fresh = consent::preferences::<Cookies>(Lang::En, "t", &store.read(""));
/// assert!(fresh.contains("You have not made a choice yet."));
/// assert!(fresh.contains(r#"name="category" value="statistics" aria-describedby="cookie-category-statistics-purpose">"#));
///
/// let yes = store.record("", CategorySet::from(Category::Statistics));
/// let page = consent::preferences::<Cookies>(Lang::En, "t", yes.consent());
/// assert!(page.contains(r#"value="statistics" aria-describedby="cookie-category-statistics-purpose" checked>"#));
/// ```
pub fn preferences<R: ConsentRegistry>(
    lang: Lang,
    csrf_token: &str,
    consent: &Consent<R>,
) -> String {
    let choice = ChoiceText {
        lang: within(R::LANGS, lang),
        consent,
        asked: R::ASKED,
    }
    .to_string();
    fill(
        form::<R>(lang, 1),
        csrf_token,
        consent.granted(),
        Some(&choice),
    )
}

/// The template of form `index` (0, the banner; 1, the preferences page)
/// in `lang`, or in the site's first language when it does not publish
/// `lang`.
fn form<R: ConsentRegistry>(lang: Lang, index: usize) -> &'static str {
    let forms = R::FORMS;
    forms
        .get(position(R::LANGS, lang))
        .or(forms.first())
        .map_or("", |pair| pair[index])
}

/// Fills the slots `\0name\0` of a generated template.
fn fill(template: &str, csrf_token: &str, granted: CategorySet, choice: Option<&str>) -> String {
    let mut out = String::with_capacity(template.len() + csrf_token.len());
    for (index, part) in template.split('\0').enumerate() {
        if index % 2 == 0 {
            out.push_str(part);
            continue;
        }
        match part {
            "csrf" => escape_into(&mut out, csrf_token),
            "choice" => out.push_str(choice.unwrap_or("")),
            slot => {
                let bits = slot
                    .strip_prefix("checked:")
                    .and_then(|bits| bits.parse::<u8>().ok())
                    .and_then(CategorySet::from_bits);
                if bits.is_some_and(|bits| !bits.is_empty() && granted.intersection(bits) == bits) {
                    out.push_str(" checked");
                }
            }
        }
    }
    out
}

/// Escapes text for an HTML attribute value or content.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// The visitor's recorded choice, in a sentence.
struct ChoiceText<'a, R> {
    lang: Lang,
    consent: &'a Consent<R>,
    /// The categories the site asks consent for.
    asked: CategorySet,
}

impl<R: ConsentRegistry> fmt::Display for ChoiceText<'_, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let texts = texts(self.lang);
        let (Some(id), Some(at)) = (self.consent.record_id(), self.consent.unix_time()) else {
            return f.write_str(texts.choice_none);
        };
        let granted = self.consent.granted().intersection(self.asked);
        let refused = self.asked.difference(granted);
        let names = |f: &mut fmt::Formatter<'_>, set: CategorySet| -> fmt::Result {
            if set.is_empty() {
                return f.write_str(texts.choice_nothing);
            }
            for (at, category) in set.iter().enumerate() {
                if at > 0 {
                    f.write_str(", ")?;
                }
                f.write_str(texts.choice_category(category))?;
            }
            Ok(())
        };
        let time = Rfc3339(at).to_string();
        let (date, hour) = (&time[..10], &time[11..16]);
        fill_in(f, texts.choice, |f: &mut fmt::Formatter<'_>, name: &str| {
            Some(match name {
                "date" => fill_in(f, texts.date, |f: &mut fmt::Formatter<'_>, part: &str| {
                    Some(f.write_str(match part {
                        "d" => &date[8..10],
                        "m" => &date[5..7],
                        "y" => &date[..4],
                        _ => return None,
                    }))
                }),
                "time" => f.write_str(hour),
                "id" => write!(f, "{id}"),
                "accepted" => names(f, granted),
                "refused" => names(f, refused),
                _ => return None,
            })
        })
    }
}

/// A submission of the banner's or the preferences page's form, read from
/// its `application/x-www-form-urlencoded` body, not yet shown to be the
/// visitor's.
///
/// What it asks for is only given by [`verify`](ConsentForm::verify),
/// which checks its CSRF token against the visitor's `csrf_token` cookie:
/// a form another site made the browser post cannot be acted on. (The
/// axum extractor `cookie_decl::axum::ConsentChoice` does both.)
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// use cookie_decl::consent::ConsentForm;
///
/// let form = ConsentForm::parse("csrf_token=a%2Bb&consent=none").unwrap();
/// assert_eq!(form.csrf_token(), "a+b");
/// assert!(ConsentForm::parse("csrf_token=t&consent=maybe").is_err());
/// assert!(ConsentForm::parse("consent=all").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsentForm {
    csrf_token: String,
    action: FormAction,
}

/// What a consent form asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormAction {
    /// Record this choice: "Tout accepter" (every category), "Tout refuser"
    /// (none) or "Enregistrer mes choix" (the ticked boxes).
    Record(CategorySet),
    /// "Personnaliser": show the preferences page, record nothing.
    Customise,
}

impl ConsentForm {
    /// Reads a form body. Unknown fields are ignored; an unknown category
    /// grants nothing; a missing, unknown or repeated `consent`, a missing
    /// or repeated `csrf_token`, or a body that does not decode is a
    /// [`FormError`], never a grant.
    ///
    /// Time linear in the body's length (each field decoded once, into
    /// one buffer reused for every field); memory: that buffer and the
    /// token and answer kept, at most the body's length.
    pub fn parse(body: &str) -> Result<ConsentForm, FormError> {
        let mut csrf_token = None;
        let mut consent = None;
        let mut ticked = CategorySet::NONE;
        let (mut key, mut value, mut bytes) = (String::new(), String::new(), Vec::new());
        for pair in body.split('&').filter(|pair| !pair.is_empty()) {
            let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
            value.clear();
            decode_into(raw_value, &mut bytes, &mut value)?;
            key.clear();
            decode_into(raw_key, &mut bytes, &mut key)?;
            match key.as_str() {
                "csrf_token" => {
                    let repeated = csrf_token.replace(value.clone()).is_some();
                    if repeated {
                        return Err(FormError::Csrf);
                    }
                }
                "consent" => {
                    // Two answers are none: never the more generous one.
                    let repeated = consent.replace(value.clone()).is_some();
                    if repeated {
                        return Err(FormError::Action);
                    }
                }
                "category" => {
                    if let Some(category) = CategorySet::CHOOSABLE
                        .into_iter()
                        .find(|category| category.as_str() == value)
                    {
                        ticked = ticked.with(category);
                    }
                }
                _ => {}
            }
        }
        let action = match consent.as_deref() {
            Some("all") => FormAction::Record(CategorySet::ALL),
            Some("none") => FormAction::Record(CategorySet::NONE),
            Some("save") => FormAction::Record(ticked),
            Some("customise") => FormAction::Customise,
            _ => return Err(FormError::Action),
        };
        let csrf_token = csrf_token
            .filter(|t| !t.is_empty())
            .ok_or(FormError::Csrf)?;
        Ok(ConsentForm { csrf_token, action })
    }

    /// The CSRF token the form carried. [`verify`](ConsentForm::verify)
    /// checks it, and gives the form's action only then.
    pub fn csrf_token(&self) -> &str {
        &self.csrf_token
    }

    /// What the visitor asked for, whoever sent it: for
    /// [`verify`](ConsentForm::verify) only.
    pub(crate) fn unchecked_action(&self) -> FormAction {
        self.action
    }
}

/// Any other form of the site's own pages (signing in or out, a language
/// switch), read from its `application/x-www-form-urlencoded` body, not
/// yet shown to be the visitor's: its fields are only given by
/// [`verify`](SiteForm::verify), which checks its `csrf_token` field as
/// [`ConsentForm::verify`] does. (The framework extractors
/// `CsrfForm` do both.)
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// # use cookie_decl::declare_cookies;
/// use cookie_decl::consent::{CsrfError, CsrfToken, FormOrigin, SiteForm};
/// # declare_cookies! {
/// #     pub struct Cookies { site: "https://example.fr" }
/// #     necessary {
/// #         "__Host-csrf" as CSRF { provider: "Example", service: "Forms",
/// #                                 purpose: "Protect the forms.", same_site: Strict,
/// #                                 csrf_token: true }
/// #     }
/// # }
/// let token = CsrfToken::<Cookies>::issue().unwrap();
/// let cookies = format!("__Host-csrf={}", token.as_str());
/// let same_origin = FormOrigin::new().sec_fetch_site(Some(b"same-origin"));
///
/// let form = SiteForm::parse(&format!("csrf_token={}&lang=en", token.as_str())).unwrap();
/// let fields = form.verify::<Cookies>(cookies.as_str(), same_origin).unwrap();
/// assert_eq!(fields.get("lang"), Some("en"));
///
/// let forged = SiteForm::parse("csrf_token=0123&lang=en").unwrap();
/// assert_eq!(forged.verify::<Cookies>(cookies.as_str(), same_origin).err(), Some(CsrfError::Mismatch));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteForm {
    csrf_token: String,
    fields: FormFields,
}

/// The fields of a [`SiteForm`] whose token was checked, decoded, in the
/// body's order (the `csrf_token` left out).
///
/// Held as one string of the decoded fields (at most the body's length)
/// and two offsets a field, whatever the number of fields.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct FormFields {
    /// Every field's name then value, decoded, one after the other.
    text: String,
    /// Where each field's name ends and its value ends in `text` (its
    /// name starts where the field before ends).
    ends: Vec<(usize, usize)>,
}

impl SiteForm {
    /// Reads a form body: every field decoded, exactly one non-empty
    /// `csrf_token`. A body that does not decode, or with no token or two,
    /// is a [`FormError`].
    ///
    /// Time linear in the body's length; memory: the decoded fields in one
    /// string, at most the body's length, and two offsets a field.
    pub fn parse(body: &str) -> Result<SiteForm, FormError> {
        let mut csrf_token = None;
        let mut fields = FormFields {
            text: String::with_capacity(body.len()),
            ends: Vec::new(),
        };
        let mut bytes = Vec::new();
        for pair in body.split('&').filter(|pair| !pair.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let start = fields.text.len();
            decode_into(key, &mut bytes, &mut fields.text)?;
            let key_end = fields.text.len();
            decode_into(value, &mut bytes, &mut fields.text)?;
            if &fields.text[start..key_end] == "csrf_token" {
                let token = fields.text[key_end..].to_owned();
                fields.text.truncate(start);
                if csrf_token.replace(token).is_some() {
                    return Err(FormError::Csrf);
                }
            } else {
                fields.ends.push((key_end, fields.text.len()));
            }
        }
        let csrf_token = csrf_token
            .filter(|t| !t.is_empty())
            .ok_or(FormError::Csrf)?;
        Ok(SiteForm { csrf_token, fields })
    }

    /// The CSRF token the form carried.
    pub fn csrf_token(&self) -> &str {
        &self.csrf_token
    }

    /// The form's fields, once it is shown to be the visitor's: posted
    /// from `origin` (see [`FormOrigin`]), with the token of the
    /// `csrf_token` cookie among `cookies`.
    ///
    /// # Errors
    ///
    /// A [`CsrfError`] saying why the form is refused: answer `403`.
    pub fn verify<'a, R: CsrfRegistry>(
        self,
        cookies: impl Into<RequestCookies<'a>>,
        origin: FormOrigin<'_>,
    ) -> Result<FormFields, CsrfError> {
        check_token::<R>(cookies.into(), &self.csrf_token, origin)?;
        Ok(self.fields)
    }
}

impl FormFields {
    /// The value of the field `name`, when the form has it exactly once: a
    /// field repeated (`lang=fr&lang=en`) reads as absent, never as
    /// whichever came first. Time linear in the number of fields, at most
    /// up to the second `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        let mut values = self
            .iter()
            .filter(|&(key, _)| key == name)
            .map(|(_, value)| value);
        match (values.next(), values.next()) {
            (Some(value), None) => Some(value),
            _ => None,
        }
    }

    /// Every field, in the body's order, repeated ones each time.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.ends.iter().scan(0, |start, &(key_end, end)| {
            let field = (&self.text[*start..key_end], &self.text[key_end..end]);
            *start = end;
            Some(field)
        })
    }
}

impl fmt::Debug for FormFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("FormFields").field(&Fields(self)).finish()
    }
}

/// The fields of a [`FormFields`], for its `Debug`: a list of pairs.
struct Fields<'a>(&'a FormFields);

impl fmt::Debug for Fields<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.iter()).finish()
    }
}

/// `application/x-www-form-urlencoded` decoding of `text` (`+` a space,
/// `%XX` a byte, a `%` without two hex digits kept as is), appended to
/// `out`; `bytes` is a buffer for the decoded bytes, reused from one field
/// to the next so that a body of many fields allocates nothing a field.
/// Time linear in `text`.
fn decode_into(text: &str, bytes: &mut Vec<u8>, out: &mut String) -> Result<(), FormError> {
    if !text.bytes().any(|b| b == b'+' || b == b'%') {
        out.push_str(text);
        return Ok(());
    }
    bytes.clear();
    // `+` first, so that an escaped `%2B` stays a `+`; no escape spans a
    // `+`, so each piece decodes alone.
    for (i, piece) in text.split('+').enumerate() {
        if i > 0 {
            bytes.push(b' ');
        }
        bytes.extend(percent_decode_str(piece));
    }
    out.push_str(core::str::from_utf8(bytes).map_err(|_| FormError::Encoding)?);
    Ok(())
}

/// Why a form body ([`ConsentForm`], [`SiteForm`]) is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FormError {
    /// No `consent` field, two, or one that is not `all`, `none`, `save`
    /// or `customise`.
    Action,
    /// No CSRF token, an empty one, or two.
    Csrf,
    /// A field that is not percent-encoded UTF-8.
    Encoding,
}

impl fmt::Display for FormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FormError::Action => {
                "the consent form does not have exactly one `consent` field of `all`, `none`, \
                 `save` or `customise`"
            }
            FormError::Csrf => "the form does not carry exactly one CSRF token",
            FormError::Encoding => "the form's body is not percent-encoded UTF-8",
        })
    }
}

impl std::error::Error for FormError {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every string of the pieces that decide how a field decodes, up to
    /// four of them: decoded into the shared buffer as the plain way
    /// (`+` replaced, then percent-decoded whole) decodes it.
    #[test]
    fn decode_into_is_the_plain_decoding() {
        const PIECES: [&str; 10] = ["a", "+", "%", "%2B", "%2b", "%C3", "%A9", "%zz", "é", "%4"];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|text| PIECES.iter().map(move |piece| format!("{text}{piece}")))
                .collect();
            texts.extend(longer);
        }
        let (mut bytes, mut out) = (Vec::new(), String::from("before|"));
        for text in &texts {
            let plain = percent_decode_str(&text.replace('+', " "))
                .decode_utf8()
                .map(|decoded| decoded.into_owned());
            out.truncate("before|".len());
            let found =
                decode_into(text, &mut bytes, &mut out).map(|()| out["before|".len()..].to_owned());
            assert_eq!(found.ok(), plain.ok(), "{text:?}");
        }
    }

    #[test]
    fn site_form_fields_keep_their_order_and_repeats() {
        let form = SiteForm::parse("a=1&csrf_token=t&b=%C3%A9+x&a=2&&c&csrf=").unwrap();
        assert_eq!(form.csrf_token(), "t");
        let fields: Vec<(&str, &str)> = form.fields.iter().collect();
        assert_eq!(
            fields,
            [
                ("a", "1"),
                ("b", "é x"),
                ("a", "2"),
                ("c", ""),
                ("csrf", "")
            ]
        );
        assert_eq!(form.fields.get("a"), None);
        assert_eq!(form.fields.get("b"), Some("é x"));
        assert_eq!(form.fields.get("c"), Some(""));
        assert_eq!(
            format!("{:?}", form.fields),
            r#"FormFields([("a", "1"), ("b", "é x"), ("a", "2"), ("c", ""), ("csrf", "")])"#
        );
        assert_eq!(
            SiteForm::parse("csrf_token=t&csrf_token=t"),
            Err(FormError::Csrf)
        );
        assert_eq!(
            SiteForm::parse("csrf_token=t&a=%FF"),
            Err(FormError::Encoding)
        );
        assert_eq!(FormFields::default().iter().count(), 0);
    }
}
