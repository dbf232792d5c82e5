//! Keeping the proof of each choice: a [`ProofStore`] the application
//! holds in its state, the durable [`FileStore`] it can use as it is
//! (feature `file-store`, which each framework feature turns on), and the
//! PostgreSQL store of a site on several servers (feature `postgres`).
//!
//! # In an application
//!
//! Open the store once, at start, in a directory of the site's own (not
//! `/tmp`), and keep the texts each version hash of a record stands for;
//! after each choice, append its record once its cookies are on their way
//! (an error is logged and retried, never a reason to refuse a
//! withdrawal); list, export and prune what a CNIL inquiry and the
//! site's retention ask for.
//!
//! ```
//! # extern crate cookie_decl_core as cookie_decl;
//! # #[cfg(feature = "file-store")]
//! # {
//! # use cookie_decl::declare_cookies;
//! use std::time::{Duration, SystemTime};
//! use cookie_decl::consent::proof::{self, FileStore, ProofStore, VersionText};
//! use cookie_decl::consent::{CategorySet, ConsentCookie};
//! # declare_cookies! {
//! #     pub struct SiteCookies { site: "https://example.fr" }
//! #     necessary {
//! #         consent { provider: "Example", service: "Consent", purpose: "Remember the choice.",
//! #                   max_age: 6 months, stores_consent: true }
//! #     }
//! #     statistics {
//! #         visits { provider: "Example", service: "Audience", purpose: "Count visits.", max_age: 13 months }
//! #     }
//! # }
//! # // The file store answers from its own writer thread: any executor
//! # // does, this one polls.
//! # fn block_on<F: std::future::Future>(future: F) -> F::Output {
//! #     let mut future = std::pin::pin!(future);
//! #     let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
//! #     loop {
//! #         if let std::task::Poll::Ready(output) = future.as_mut().poll(&mut cx) {
//! #             return output;
//! #         }
//! #     }
//! # }
//! # let dir = std::env::temp_dir().join(format!("cookie-decl-doc-proof-{}", std::process::id()));
//! # block_on(async {
//! // Once, at start (`/var/lib/my-site/consent-proofs`, say).
//! let proofs = FileStore::open(&dir)?;
//! proofs.keep_texts(&VersionText::of::<SiteCookies>()).await?;
//!
//! // After each choice, its cookies sent whatever this says.
//! let recorded = ConsentCookie::<SiteCookies>::unsigned().record("", CategorySet::NONE);
//! if let Err(err) = proofs.append(recorded.record()).await { // Ok once on disk (fsync)
//!     eprintln!("CANNOT KEEP THE PROOF of {}: {err}", recorded.record()); // and retry
//! }
//!
//! // What a CNIL inquiry asks for, and retention.
//! let (from, to) = (SystemTime::UNIX_EPOCH, SystemTime::now() + Duration::from_secs(60));
//! assert_eq!(proofs.list(from, to).await?.len(), 1);
//! let mut out = Vec::new(); // a file, or stdout
//! assert_eq!(proof::export(&proofs, from, to, &mut out).await?, 1); // JSON lines
//! let five_years_ago = SystemTime::now() - Duration::from_secs(5 * 365 * 24 * 60 * 60);
//! proofs.prune(five_years_ago).await?;
//! # drop(proofs);
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! # })?;
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Which store: [`FileStore`] (feature `file-store`) needs no server, for
//! a site on one machine; `PgStore` (feature `postgres`) keeps the
//! records in the PostgreSQL a site on several servers already runs, its
//! tables created by `PgStore::migrate`; [`AnyStore::open`] (feature
//! `file-store`) opens the one a deployment names (a `postgres://` URL or
//! libpq's `host=... dbname=...` is PostgreSQL, anything else a
//! directory); [`Retrying`] around either keeps in memory what a failing
//! store refused, so that a choice (a withdrawal above all) is answered
//! all the same. The
//! repository's `axum_site` example keeps its proofs in
//! `Retrying<AnyStore>`: PostgreSQL when `DATABASE_URL` is set, the file
//! store otherwise; its `export_proofs` example exports a period for an
//! auditor (`cargo run --example export_proofs -- consent-proofs
//! 2026-01-01 2027-01-01`): the charte and banner texts, then the records.
//!
//! # What to keep, and for how long
//!
//! The GDPR (article 7(1)) asks the site to be able to *demonstrate* each
//! consent, and the CNIL (deliberation 2020-092, and its recommendation
//! of 17 September 2020, § 4) expects, for each choice, refusals and
//! withdrawals included: when it was made, what was chosen, and on which
//! information the visitor chose. A [`ConsentRecord`] holds exactly that,
//! and no more: its id (the one the visitor's consent cookie carries), the
//! time, the site, the fingerprint of the declaration, the version of the
//! charte and of the banner's wording shown, the categories granted,
//! refused and withdrawn, and how the choice was made. No IP address and
//! no user agent: a record is tied to a visitor through the consent
//! cookie's id alone (data minimisation, GDPR 5(1)(c)). A site that needs
//! more (a logged-in user's account id, say) keeps it beside the record,
//! under its own legal basis.
//!
//! The site decides how long to keep the records: at least as long as
//! the cookies they allowed may be in use and a choice counts (the
//! registry's `consent_retention`, at most 13 months), plus the time in
//! which the site may be asked to prove it (the CNIL names no figure; the
//! limitation period of the claim the site may face is the usual
//! reference: five years in French civil law). [`ProofStore::prune`]
//! removes what is older than the date the site chose.
//!
//! Each version hash in a record stands for a text: call
//! [`ProofStore::keep_texts`] with [`VersionText::of`] when the
//! application starts, so that the store holds the charte and the banner
//! each version shown is, and [`export`] gives an auditor both.
//!
//! # Binding the cookie to its proof
//!
//! A consent cookie is sealed by the application (see
//! [`ConsentCookie`](super::ConsentCookie)): only a server holding the key
//! makes one. [`bind`] goes further: a choice counts only when its record
//! is found in the store, with the same categories, time and declaration.
//! Then the site never acts on a consent it cannot prove: a cookie sealed
//! by a leaked key or by another deployment sharing the key (a staging
//! server), or one whose record was lost or pruned, counts for nothing.
//! It does not tell two visitors apart: a visitor who copies another's
//! consent cookie gets that visitor's choice, recorded and proven, as
//! with any cookie. It costs one lookup per request
//! (see BENCHMARKS.md).
//!
//! # What the stores guarantee when things go wrong
//!
//! - **A location given wrong is an error, not a surprise.**
//!   [`FileStore::open`] creates its own directory but never the ones
//!   above it, and refuses a directory that is a symbolic link or that
//!   its group or others can write; no file of the store is ever opened
//!   through a symbolic link ([`ProofError::Refused`] names the path and
//!   says why, [`Refusal`]). The exact checks, and what they leave to the
//!   operator (the directories above), are in the [`FileStore`] docs.
//! - **A lookup is bounded.** [`FileStore`]'s
//!   [`find`](ProofStore::find) reads at most
//!   [`FileStore::LOOKUP_LIMIT`] bytes (256 KiB) of the day's file, however
//!   many records share the id's second; what that bound costs is in the
//!   [`FileStore`] docs.
//! - **An outage is not the next visitor's to pay.** [`Retrying`] keeps
//!   what a failing store refused; once the store is back, each append
//!   writes its own record and at most
//!   [`Retrying::DRAIN_PER_APPEND`] (4) of the backlog, and
//!   [`Retrying::drain`] writes the rest beside the traffic;
//!   [`Retrying::backlog_len`] and [`Retrying::oldest_pending`] tell how
//!   much waits, and since when.
//! - **Tested against failure.** The repository's `tests/proof_file.rs`
//!   puts [`FileStore`] through a full disk, a process killed with
//!   `SIGKILL`, two processes appending at once and damage mid-file.
//! - **An error says what happened.** A [`ProofError`]'s text holds its
//!   whole cause on one line: the path of a file; the socket or host a
//!   database was looked for at; the server's own message and SQLSTATE
//!   (`FATAL 57P03: the database system is starting up`, where
//!   tokio-postgres says "db error").

pub(crate) mod json;

#[cfg(feature = "file-store")]
mod any;
#[cfg(feature = "file-store")]
mod file;
#[cfg(feature = "postgres")]
mod postgres;
mod retrying;

// The file store (feature `file-store`, which every framework feature
// turns on): records and texts in files of one directory.
#[cfg(feature = "file-store")]
pub use self::any::AnyStore;
#[cfg(feature = "file-store")]
pub use self::file::{Damage, FileStore, FileStoreOptions, Refusal};
pub use self::retrying::Retrying;
// The PostgreSQL store (feature `postgres`): records and texts in two
// tables, through a pool of connections, for a site on several servers.
#[cfg(feature = "postgres")]
pub use self::postgres::{PgStore, PgStoreOptions};

use core::fmt;
use core::future::Future;
use std::borrow::Cow;
use std::io;
#[cfg(feature = "file-store")]
use std::path::PathBuf;
use std::time::SystemTime;

use super::{Consent, ConsentRecord, ConsentRegistry, NotAsked, RecordId};
use crate::{Format, Lang};

/// Where an application keeps its [`ConsentRecord`]s.
///
/// Each method returns a future that needs no particular runtime:
/// [`FileStore`] completes it from its own writer thread.
///
/// What an implementation promises:
///
/// - [`append`](ProofStore::append) answers `Ok` only once the record is
///   durable (on disk, or committed): a record acknowledged is never
///   lost. Appending a record again (a retry) keeps one record.
/// - [`find`](ProofStore::find), [`list`](ProofStore::list) and
///   [`texts`](ProofStore::texts) never give a record or a text that is
///   not one appended: damaged data is set aside, never read as a
///   record.
pub trait ProofStore: Send + Sync {
    /// Keeps `record`, durably, before answering `Ok`.
    fn append(&self, record: &ConsentRecord)
    -> impl Future<Output = Result<(), ProofError>> + Send;

    /// The record of id `id`, if the store holds it.
    fn find(
        &self,
        id: RecordId,
    ) -> impl Future<Output = Result<Option<ConsentRecord>, ProofError>> + Send;

    /// Every record made at or after `from` and before `to`, oldest
    /// first: what a CNIL inquiry about a period asks for.
    fn list(
        &self,
        from: SystemTime,
        to: SystemTime,
    ) -> impl Future<Output = Result<Vec<ConsentRecord>, ProofError>> + Send;

    /// Removes the records made before `before` (the retention the site
    /// set), and answers how many it removed. A store may keep some
    /// records a little longer than asked, never remove a later one:
    /// [`FileStore`] removes whole days.
    fn prune(&self, before: SystemTime) -> impl Future<Output = Result<u64, ProofError>> + Send;

    /// Keeps the texts that version hashes stand for, each once.
    fn keep_texts(
        &self,
        texts: &[VersionText],
    ) -> impl Future<Output = Result<(), ProofError>> + Send;

    /// Every text kept, in the order first kept.
    fn texts(&self) -> impl Future<Output = Result<Vec<VersionText>, ProofError>> + Send;
}

/// Why a [`ProofStore`] could not answer.
///
/// Its `Display` is the whole story on one line: what failed, then each
/// cause underneath, each said once (the path of a file, the socket or
/// host the database was looked for at, the server's own message and
/// SQLSTATE code), so that a log line written with `{error}` needs
/// nothing else. Since the causes are in that text,
/// [`source`](std::error::Error::source) is `None`, and a reporter that
/// walks the chain does not print them twice; match the variant to reach
/// the underlying error (`ProofError::Database(error)` holds the
/// `tokio_postgres::Error`, whose `code()` is the SQLSTATE).
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// # #[cfg(feature = "file-store")]
/// # {
/// use cookie_decl::consent::proof::{FileStore, ProofError, Refusal};
///
/// let dir = std::env::temp_dir().join(format!("cookie-decl-doc-typo-{}", std::process::id()));
/// let error = FileStore::open(dir.join("proofs")).unwrap_err();
/// assert!(matches!(&error, ProofError::Refused { path, reason: Refusal::MissingParent } if *path == dir));
/// assert!(error.to_string().contains(&*dir.to_string_lossy()), "{error}");
/// # }
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum ProofError {
    /// Reading or writing the store's files failed (a full disk, a
    /// permission); its text names the file or directory.
    Io(io::Error),
    /// The database refused or could not be reached.
    Database(Box<dyn std::error::Error + Send + Sync>),
    /// A record of this id is already kept, with other contents: ids are
    /// unique, one of the two is not what it claims.
    Conflict(RecordId),
    /// The store was shut down (its writer thread is gone).
    Closed,
    /// The [`FileStore`] would not use `path`, for `reason`: nothing was
    /// read from it, written to it or created in it.
    #[cfg(feature = "file-store")]
    Refused {
        /// The file or directory refused (for
        /// [`Refusal::MissingParent`], the directory that does not exist).
        path: PathBuf,
        /// Why.
        reason: Refusal,
    },
}

impl fmt::Display for ProofError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProofError::Io(error) => write!(f, "the proof store's files: {}", Causes(error)),
            ProofError::Database(error) => {
                write!(f, "the proof store's database: {}", Causes(&**error))
            }
            ProofError::Conflict(id) => write!(
                f,
                "the proof store already holds a different record of id {id}"
            ),
            ProofError::Closed => f.write_str("the proof store is shut down"),
            #[cfg(feature = "file-store")]
            ProofError::Refused { path, reason } => {
                write!(f, "the proof store refuses {}: {reason}", path.display())
            }
        }
    }
}

impl std::error::Error for ProofError {
    /// `None`: the causes are in the `Display` text (see [`ProofError`]).
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        None
    }
}

impl From<io::Error> for ProofError {
    fn from(error: io::Error) -> Self {
        ProofError::Io(error)
    }
}

#[cfg(feature = "file-store")]
impl ProofError {
    /// The same error, for a second waiter of one failed write: its kind
    /// and text, since the underlying errors cannot be cloned.
    pub(crate) fn duplicate(&self) -> ProofError {
        match self {
            ProofError::Io(error) => {
                ProofError::Io(io::Error::new(error.kind(), Causes(error).to_string()))
            }
            ProofError::Database(error) => {
                ProofError::Database(Causes(&**error).to_string().into())
            }
            ProofError::Conflict(id) => ProofError::Conflict(*id),
            ProofError::Closed => ProofError::Closed,
            ProofError::Refused { path, reason } => ProofError::Refused {
                path: path.clone(),
                reason: *reason,
            },
        }
    }
}

/// An error and the errors under it, `: ` between them, each text said
/// once (a wrapper that already quotes its cause does not get it twice),
/// on one line.
struct Causes<'a>(&'a (dyn std::error::Error + 'static));

impl fmt::Display for Causes<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut said = String::new();
        let mut next = Some(self.0);
        // A bound against a chain that loops back on itself.
        for _ in 0..16 {
            let Some(error) = next else { break };
            let text = describe(error).replace('\n', "; ");
            if !text.is_empty() && !said.contains(text.as_str()) {
                if !said.is_empty() {
                    said.push_str(": ");
                }
                said.push_str(&text);
            }
            next = error.source();
        }
        f.write_str(&said)
    }
}

/// One error's own text: a PostgreSQL server's error with its severity,
/// SQLSTATE code, detail and hint.
fn describe(error: &(dyn std::error::Error + 'static)) -> String {
    #[cfg(feature = "postgres")]
    if let Some(text) = postgres::describe(error) {
        return text;
    }
    error.to_string()
}

/// What a version hash of a record is a hash of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TextKind {
    /// The charte, as plain text: [`ConsentRecord::charte_version`].
    Charte,
    /// The banner's HTML template: [`ConsentRecord::banner_version`].
    Banner,
    /// The preferences page's HTML template, also under
    /// [`ConsentRecord::banner_version`].
    Preferences,
}

impl TextKind {
    /// `charte`, `banner` or `preferences`.
    pub const fn as_str(self) -> &'static str {
        match self {
            TextKind::Charte => "charte",
            TextKind::Banner => "banner",
            TextKind::Preferences => "preferences",
        }
    }

    fn from_name(name: &str) -> Option<TextKind> {
        [TextKind::Charte, TextKind::Banner, TextKind::Preferences]
            .into_iter()
            .find(|kind| kind.as_str() == name)
    }
}

/// One text a version hash stands for: so that "charte 9c1a0e4b7d2f3a61"
/// in a record can be shown, years later, to mean these words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionText {
    kind: TextKind,
    version: u64,
    lang: Lang,
    text: Cow<'static, str>,
}

impl VersionText {
    /// The texts registry `R` shows today: its charte, banner and
    /// preferences page, in each language it publishes, with their
    /// versions.
    pub fn of<R: ConsentRegistry>() -> Vec<VersionText> {
        let mut texts = Vec::with_capacity(3 * R::LANGS.len());
        for (index, &lang) in R::LANGS.iter().enumerate() {
            texts.push(VersionText {
                kind: TextKind::Charte,
                version: R::CHARTE_VERSION,
                lang,
                text: Cow::Borrowed(R::charte(lang, Format::Text)),
            });
            for (kind, form) in [(TextKind::Banner, 0), (TextKind::Preferences, 1)] {
                texts.push(VersionText {
                    kind,
                    version: R::BANNER_VERSION,
                    lang,
                    text: Cow::Borrowed(R::FORMS[index][form]),
                });
            }
        }
        texts
    }

    /// What the text is.
    pub fn kind(&self) -> TextKind {
        self.kind
    }

    /// The version hash it stands for.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Its language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The text itself.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text as one JSON object on one line: `kind`, `version` (16 hex
    /// digits), `lang` (its code: `fr`, `en`, `de`, ...) and `text`.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + 80);
        out.push_str("{\"kind\":\"");
        out.push_str(self.kind.as_str());
        out.push_str("\",\"version\":\"");
        out.push_str(&format!("{:016x}", self.version));
        out.push_str("\",\"lang\":\"");
        out.push_str(lang_code(self.lang));
        out.push_str("\",\"text\":");
        json::write_string(&mut out, &self.text);
        out.push('}');
        out
    }

    /// Reads what [`to_json`](VersionText::to_json) wrote, and nothing
    /// else.
    pub fn from_json(text: &str) -> Option<VersionText> {
        let mut fields = json::Fields::read(text)?;
        let kind = TextKind::from_name(&fields.string("kind")?)?;
        let version = fields.string("version")?;
        let valid = version.len() == 16 && version.bytes().all(|b| b.is_ascii_hexdigit());
        let version = u64::from_str_radix(&version, 16).ok().filter(|_| valid)?;
        // Any of the 24 codes, lowercase as `to_json` writes them.
        let lang = fields.string("lang")?;
        let lang = Lang::from_code(&lang).filter(|known| known.code() == lang)?;
        let body = fields.string("text")?;
        fields.is_empty().then_some(VersionText {
            kind,
            version,
            lang,
            text: Cow::Owned(body),
        })
    }

    #[cfg(feature = "file-store")]
    fn same_as(&self, other: &VersionText) -> bool {
        self.kind == other.kind && self.version == other.version && self.lang == other.lang
    }
}

fn lang_code(lang: Lang) -> &'static str {
    lang.code()
}

/// The visitor's consent, if its record is in `store`; otherwise not
/// asked ([`NotAsked::Unproven`]). See [binding the cookie to its
/// proof](self#binding-the-cookie-to-its-proof).
///
/// A choice counts when the store holds a record of its id with the same
/// categories granted, the same time and the same declaration. A consent
/// that is not a choice (not asked yet) is returned as it is, without a
/// lookup. When the store cannot answer, the error is returned: treat the
/// visitor as not asked, or as the application's policy says.
pub async fn bind<R: ConsentRegistry, S: ProofStore>(
    consent: Consent<R>,
    store: &S,
) -> Result<Consent<R>, ProofError> {
    let (Some(id), Some(at)) = (consent.record_id(), consent.unix_time()) else {
        return Ok(consent);
    };
    let proven = store.find(id).await?.is_some_and(|record| {
        record.granted == consent.granted()
            && record.at == at
            && record.fingerprint == R::FINGERPRINT
            && record.site == R::SITE
    });
    Ok(if proven {
        consent
    } else {
        Consent::not_asked_because(NotAsked::Unproven)
    })
}

/// [`bind`] with a memory of the choices already proven: a visitor sends
/// the same consent cookie with every request, and only its first request
/// (per server, per `capacity` choices) pays the store's lookup.
///
/// Only proofs found are remembered, never their absence: a choice whose
/// record is appended later (a proof that waited for a full disk to be
/// freed) counts from then on. At `capacity` choices the memory is emptied
/// and fills again, so that it never grows without bound.
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// # #[cfg(feature = "file-store")]
/// # {
/// # use cookie_decl::declare_cookies;
/// use cookie_decl::consent::proof::{FileStore, ProofBinding};
/// use cookie_decl::consent::{CategorySet, ConsentCookie, NotAsked};
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
/// # let dir = std::env::temp_dir().join(format!("cookie-decl-doc-bind-{}", std::process::id()));
/// let cookies = ConsentCookie::<Cookies>::unsigned();
/// let proofs = ProofBinding::new(FileStore::open(&dir)?);
/// let kept = cookies.record("", CategorySet::ALL);
/// proofs.store().append_blocking(kept.record())?;
/// let lost = cookies.record("", CategorySet::ALL); // never kept
/// # // The file store's lookups are ready at once: polled once, no runtime.
/// # fn block_on<F: std::future::Future>(future: F) -> F::Output {
/// #     let mut future = std::pin::pin!(future);
/// #     let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
/// #     loop {
/// #         if let std::task::Poll::Ready(output) = future.as_mut().poll(&mut cx) {
/// #             return output;
/// #         }
/// #     }
/// # }
/// let header = |c: &cookie_decl::cookie::Cookie| c.stripped().to_string();
/// let proven = block_on(proofs.bind(cookies.read(header(&kept.set_cookies()[0]).as_str())))?;
/// assert!(proven.is_given());
/// let unproven = block_on(proofs.bind(cookies.read(header(&lost.set_cookies()[0]).as_str())))?;
/// assert_eq!(unproven.not_asked_reason(), Some(NotAsked::Unproven));
/// # drop(proofs); std::fs::remove_dir_all(&dir)?;
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct ProofBinding<S> {
    store: S,
    proven: std::sync::Mutex<std::collections::HashSet<Proven>>,
    capacity: usize,
}

/// A choice whose record was found: what `bind` compares.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Proven {
    id: RecordId,
    at: u64,
    granted: super::CategorySet,
    fingerprint: u64,
}

impl<S> fmt::Debug for ProofBinding<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProofBinding")
            .field("capacity", &self.capacity)
            .finish_non_exhaustive()
    }
}

impl<S: ProofStore> ProofBinding<S> {
    /// Binds to the proofs of `store`, remembering up to 65,536 proven
    /// choices.
    pub fn new(store: S) -> Self {
        ProofBinding::with_capacity(store, 65_536)
    }

    /// Binds to the proofs of `store`, remembering up to `capacity`
    /// proven choices (about 48 bytes each).
    pub fn with_capacity(store: S, capacity: usize) -> Self {
        ProofBinding {
            store,
            proven: std::sync::Mutex::default(),
            capacity,
        }
    }

    /// The store.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// [`bind`], remembering what it proved.
    pub async fn bind<R: ConsentRegistry>(
        &self,
        consent: Consent<R>,
    ) -> Result<Consent<R>, ProofError> {
        let (Some(id), Some(at)) = (consent.record_id(), consent.unix_time()) else {
            return Ok(consent);
        };
        let proven = Proven {
            id,
            at,
            granted: consent.granted(),
            fingerprint: R::FINGERPRINT,
        };
        let lock = || {
            self.proven
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        if lock().contains(&proven) {
            return Ok(consent);
        }
        let bound = bind(consent, &self.store).await?;
        if bound.is_given() {
            let mut memory = lock();
            if memory.len() >= self.capacity {
                memory.clear();
            }
            memory.insert(proven);
        }
        Ok(bound)
    }
}

/// Writes what an auditor asks for: every text the store keeps, then every
/// record made at or after `from` and before `to`, one JSON object a line
/// ([`VersionText::to_json`], then [`ConsentRecord::to_json`]). Answers
/// how many records it wrote.
///
/// The `export_proofs` example is this function as a command.
pub async fn export<S: ProofStore>(
    store: &S,
    from: SystemTime,
    to: SystemTime,
    out: &mut impl io::Write,
) -> Result<u64, ProofError> {
    for text in store.texts().await? {
        writeln!(out, "{}", text.to_json())?;
    }
    let records = store.list(from, to).await?;
    for record in &records {
        writeln!(out, "{}", record.to_json())?;
    }
    out.flush()?;
    Ok(records.len() as u64)
}
