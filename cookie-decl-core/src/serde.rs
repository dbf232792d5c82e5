//! `serde::Serialize` for registries, their cookies and their tags
//! (feature `serde`).

use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

use crate::consent::ConsentSignal;
use crate::{Category, CookieSpec, Loading, Registry, TagKind, TagSpec};

impl Serialize for Category {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Serialize for CookieSpec {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("CookieSpec", 17)?;
        s.serialize_field("name", self.name())?;
        s.serialize_field("provider", self.provider())?;
        s.serialize_field("service", self.service())?;
        s.serialize_field("purpose", self.purpose())?;
        s.serialize_field("category", &self.category())?;
        s.serialize_field("needs_consent", &self.needs_consent())?;
        s.serialize_field("consent_exempt", &self.is_consent_exempt())?;
        s.serialize_field("lifetime", self.lifetime())?;
        s.serialize_field("max_age", &self.max_age().map(|d| d.whole_seconds()))?;
        s.serialize_field("external", &self.is_external())?;
        s.serialize_field(
            "pattern",
            &(self.is_external() && self.name().contains('*')),
        )?;
        s.serialize_field("secure", &self.secure())?;
        s.serialize_field("http_only", &self.http_only())?;
        s.serialize_field("same_site", &self.same_site().to_string())?;
        s.serialize_field("path", self.path())?;
        s.serialize_field("domain", &self.domain())?;
        s.serialize_field("partitioned", &self.partitioned())?;
        s.end()
    }
}

/// A tag as `{ "kind": "script" | "embed", "name", "provider", "service",
/// "category", "needs_consent", "src", "inline", "loading": "blocking" |
/// "async" | "defer", "sets": [cookie names] }`.
impl Serialize for TagSpec {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("TagSpec", 10)?;
        s.serialize_field(
            "kind",
            match self.kind() {
                TagKind::Script => "script",
                TagKind::Embed => "embed",
            },
        )?;
        s.serialize_field("name", self.name())?;
        s.serialize_field("provider", self.provider())?;
        s.serialize_field("service", self.service())?;
        s.serialize_field("category", &self.category())?;
        s.serialize_field("needs_consent", &self.needs_consent())?;
        s.serialize_field("src", &self.src())?;
        s.serialize_field("inline", &self.inline())?;
        s.serialize_field(
            "loading",
            match self.loading() {
                Loading::Blocking => "blocking",
                Loading::Async => "async",
                Loading::Defer => "defer",
            },
        )?;
        s.serialize_field("sets", &Names(self))?;
        s.end()
    }
}

/// The names of the cookies a tag sets, as a sequence.
struct Names<'a>(&'a TagSpec);

impl Serialize for Names<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.cookies().map(CookieSpec::name))
    }
}

/// Each Consent Mode signal's key, with the category whose consent grants
/// it in `R` (`null`: never granted).
struct ConsentMode<R>(core::marker::PhantomData<R>);

impl<R: Registry> Serialize for ConsentMode<R> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(ConsentSignal::ALL.len()))?;
        for signal in ConsentSignal::ALL {
            map.serialize_entry(signal.key(), &signal.category_in::<R>())?;
        }
        map.end()
    }
}

/// The registry `R` as `{ "site": ..., "consent_cookie": name | null,
/// "cookies": [...], "tags": [...], "consent_mode": { signal: category, ...
/// } }`: what a front-end consent manager needs to gate the tags and tell
/// Google's what was chosen, and `cookie-decl-scan` to know which cookie
/// keeps the choice. `consent_cookie` is the cookie marked
/// `stores_consent: true`.
pub fn serialize_registry<R: Registry, S: Serializer>(
    serializer: S,
    consent_cookie: Option<&'static str>,
) -> Result<S::Ok, S::Error> {
    let mut s = serializer.serialize_struct("Registry", 5)?;
    s.serialize_field("site", R::SITE)?;
    s.serialize_field("consent_cookie", &consent_cookie)?;
    s.serialize_field("cookies", R::COOKIES)?;
    s.serialize_field("tags", R::TAGS)?;
    s.serialize_field("consent_mode", &ConsentMode::<R>(core::marker::PhantomData))?;
    s.end()
}
