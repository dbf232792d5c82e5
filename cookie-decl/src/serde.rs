//! `serde::Serialize` for registries and their cookies (feature `serde`).

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::{Category, CookieSpec, Registry};

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

/// The registry `R` as `{ "site": ..., "cookies": [...] }`.
pub fn serialize_registry<R: Registry, S: Serializer>(serializer: S) -> Result<S::Ok, S::Error> {
    let mut s = serializer.serialize_struct("Registry", 2)?;
    s.serialize_field("site", R::SITE)?;
    s.serialize_field("cookies", R::COOKIES)?;
    s.end()
}
