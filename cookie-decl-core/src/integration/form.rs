//! The consent form and the site's own forms: the posted head's checks,
//! the body's fields, the rejection a forged form gets.

use core::fmt;
use core::marker::PhantomData;

use crate::Lang;
use crate::consent::{
    ConsentCookie, ConsentForm, ConsentRegistry, CsrfError, CsrfRegistry, FormAction, FormError,
    FormFields, FormOrigin, Recorded, RequestCookies, SiteForm, gpc_signal,
};

/// The headers of a posted consent form that decide, before its body is
/// read, whether it may be the visitor's.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct FormHead<'a> {
    pub(crate) content_type: Option<&'a [u8]>,
    pub(crate) sec_fetch_site: Option<&'a [u8]>,
    pub(crate) origin: Option<&'a [u8]>,
    pub(crate) host: Option<&'a [u8]>,
}

impl FormHead<'_> {
    /// `415` for a body that is not a urlencoded form, `403` for a form
    /// posted from another site: checked before the body is read, so that
    /// a cross-site post costs nothing.
    pub(crate) fn check(&self) -> Result<(), FormRejection> {
        let urlencoded = self
            .content_type
            .and_then(|value| core::str::from_utf8(value).ok())
            .and_then(|value| value.split(';').next())
            .is_some_and(|mime| {
                mime.trim()
                    .eq_ignore_ascii_case("application/x-www-form-urlencoded")
            });
        if !urlencoded {
            return Err(FormRejection::ContentType);
        }
        FormOrigin::new()
            .sec_fetch_site(self.sec_fetch_site)
            .origin(self.origin)
            .host(self.host)
            .check()
            .map_err(FormRejection::Csrf)
    }
}

/// The choice in a consent form's `body`, once its token is shown to be
/// the one of the visitor's CSRF cookie (among `cookies`, every `Cookie`
/// header joined), posted with the `Sec-GPC` header `sec_gpc`. Call
/// [`FormHead::check`] first.
pub(crate) fn consent_choice<R: CsrfRegistry>(
    cookies: Vec<u8>,
    body: &[u8],
    sec_gpc: Option<&[u8]>,
) -> Result<ConsentChoice<R>, FormRejection> {
    let body = core::str::from_utf8(body).map_err(|_| FormRejection::Body)?;
    let form = ConsentForm::parse(body).map_err(FormRejection::Form)?;
    let action = form
        .verify::<R>(cookies.as_slice(), FormOrigin::new())
        .map_err(FormRejection::Csrf)?;
    Ok(ConsentChoice {
        action,
        cookies,
        gpc: gpc_signal(sec_gpc),
        registry: PhantomData,
    })
}

/// The choice a visitor posted with the consent form, once the form is
/// shown to be theirs ([`ConsentForm::verify`]: posted from the site's own
/// pages, with the token of the visitor's `csrf_token` cookie). A forged
/// form never reaches the handler: it is answered `403`, and nothing is
/// recorded.
///
/// Refused with `415` for a body that is not
/// `application/x-www-form-urlencoded`, `400` for one that is not a
/// consent form, and `403` for a form that is not the visitor's: posted
/// from elsewhere, or with a token missing, repeated or wrong (see
/// [`FormRejection`]).
pub struct ConsentChoice<R> {
    action: FormAction,
    cookies: Vec<u8>,
    gpc: bool,
    registry: PhantomData<fn() -> R>,
}

impl<R> ConsentChoice<R> {
    /// What the visitor asked for.
    pub fn action(&self) -> FormAction {
        self.action
    }

    /// The cookies the request carried, for
    /// [`ConsentCookie::record`](crate::consent::ConsentCookie::record).
    pub fn cookies(&self) -> RequestCookies<'_> {
        RequestCookies::from(self.cookies.as_slice())
    }

    /// Whether the form came with a Global Privacy Control signal
    /// (`Sec-GPC: 1`), which the proof notes.
    pub fn gpc_signal(&self) -> bool {
        self.gpc
    }
}

impl<R: ConsentRegistry> ConsentChoice<R> {
    /// The choice recorded with `store`: the consent cookie and the
    /// removals to send, and the proof to keep
    /// ([`ConsentCookie::record`], the Global Privacy Control signal
    /// noted); `None` when the visitor asked to customise, for whom the
    /// answer is the preferences page.
    pub fn record(&self, store: &ConsentCookie<R>) -> Option<Recorded<R>> {
        match self.action {
            FormAction::Customise => None,
            FormAction::Record(granted) => {
                Some(store.record(self.cookies(), granted).noting_gpc(self.gpc))
            }
        }
    }
}

impl<R> fmt::Debug for ConsentChoice<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConsentChoice")
            .field("action", &self.action)
            .finish_non_exhaustive()
    }
}

/// Any other form of the site's own pages (signing in or out, a language
/// switch), once it is shown to be the visitor's as a consent form is
/// ([`SiteForm::verify`]: posted from the site's own pages, with the token
/// of the visitor's `csrf_token` cookie): its fields. A forged form never
/// reaches the handler: it is answered `403`.
///
/// Put the visitor's [`CsrfToken`](crate::consent::CsrfToken) in the page's form as a hidden
/// `csrf_token` field. Refused as [`ConsentChoice`] is (see
/// [`FormRejection`]).
pub struct CsrfForm<R> {
    fields: FormFields,
    cookies: Vec<u8>,
    registry: PhantomData<fn() -> R>,
}

impl<R> CsrfForm<R> {
    /// The value of the field `name`, when the form has it exactly once.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields.get(name)
    }

    /// Every field, the token left out.
    pub fn fields(&self) -> &FormFields {
        &self.fields
    }

    /// The cookies the request carried.
    pub fn cookies(&self) -> RequestCookies<'_> {
        RequestCookies::from(self.cookies.as_slice())
    }
}

impl<R> fmt::Debug for CsrfForm<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CsrfForm")
            .field("fields", &self.fields)
            .finish_non_exhaustive()
    }
}

/// A form the framework extractors read the same way: [`FormHead::check`]
/// on its headers, then its body checked against the visitor's cookies.
pub(crate) trait PostedForm: Sized {
    /// The form in `body`, posted with `cookies` (every `Cookie` header
    /// joined) and the `Sec-GPC` header `sec_gpc`.
    fn from_body(
        cookies: Vec<u8>,
        body: &[u8],
        sec_gpc: Option<&[u8]>,
    ) -> Result<Self, FormRejection>;
}

impl<R: CsrfRegistry> PostedForm for ConsentChoice<R> {
    fn from_body(
        cookies: Vec<u8>,
        body: &[u8],
        sec_gpc: Option<&[u8]>,
    ) -> Result<Self, FormRejection> {
        consent_choice(cookies, body, sec_gpc)
    }
}

impl<R: CsrfRegistry> PostedForm for CsrfForm<R> {
    fn from_body(cookies: Vec<u8>, body: &[u8], _: Option<&[u8]>) -> Result<Self, FormRejection> {
        let body = core::str::from_utf8(body).map_err(|_| FormRejection::Body)?;
        let form = SiteForm::parse(body).map_err(FormRejection::Form)?;
        let fields = form
            .verify::<R>(cookies.as_slice(), FormOrigin::new())
            .map_err(FormRejection::Csrf)?;
        Ok(CsrfForm {
            fields,
            cookies,
            registry: PhantomData,
        })
    }
}

/// Why a [`ConsentChoice`] or a [`CsrfForm`] was refused;
/// [`status`](FormRejection::status)
/// is the answer's status code.
#[derive(Debug)]
#[non_exhaustive]
pub enum FormRejection {
    /// Not `application/x-www-form-urlencoded`: `415`.
    ContentType,
    /// The body could not be read as text: `400`.
    Body,
    /// Not a consent form (or a form that does not decode): `400`; `403`
    /// for [`FormError::Csrf`], a form without exactly one CSRF token.
    Form(FormError),
    /// Not the visitor's own form: `403`.
    Csrf(CsrfError),
}

impl FormRejection {
    /// What to tell the visitor, in `lang`: that the form could not be
    /// read (`400`, `415`), or that it was not sent from a page of the
    /// site or the page is too old (`403`, a token missing, forged or
    /// expired), and what to do. The response the framework sends by
    /// default says the reason to the developer, in English
    /// ([`Display`](fmt::Display)); a site that answers the visitor itself
    /// takes the rejection (`Result<ConsentChoice<R>, FormRejection>` in
    /// axum, say) and shows this in the visitor's language
    /// ([`VisitorLang`](crate::VisitorLang)).
    ///
    /// ```
    /// # extern crate cookie_decl_core as cookie_decl;
    /// # #[cfg(feature = "axum")]
    /// # {
    /// use cookie_decl::Lang;
    /// use cookie_decl::axum::FormRejection;
    ///
    /// let refused = FormRejection::ContentType;
    /// assert_eq!(refused.status(), 415);
    /// assert!(refused.message(Lang::De).starts_with("Dieses Formular"));
    /// # }
    /// ```
    pub fn message(&self, lang: Lang) -> &'static str {
        let [unreadable, not_theirs] = crate::lang::texts::texts(lang).form_refused;
        if self.status() == 403 {
            not_theirs
        } else {
            unreadable
        }
    }

    /// `415`, `400` or `403`.
    pub fn status(&self) -> u16 {
        match self {
            FormRejection::ContentType => 415,
            // A form without exactly one token is refused as a wrong one.
            FormRejection::Csrf(_) | FormRejection::Form(FormError::Csrf) => 403,
            FormRejection::Body | FormRejection::Form(_) => 400,
        }
    }
}

impl fmt::Display for FormRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormRejection::ContentType => {
                f.write_str("a form is sent as `application/x-www-form-urlencoded`")
            }
            FormRejection::Body => f.write_str("the form's body is not text"),
            FormRejection::Form(error) => error.fmt(f),
            FormRejection::Csrf(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for FormRejection {}
