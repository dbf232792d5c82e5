//! The `key: value` fields of one `{ ... }` (the header, a cookie, a tag),
//! read once for every rule, and the rules every field obeys wherever it
//! is written.

use syn::{Ident, LitBool};

use crate::ast::{self, Fields, Str, Value};
use crate::ctxt::Ctxt;

/// The fields of one `{ ... }`, by key, after reporting what the parser
/// recovered from and duplicate keys.
///
/// A list searched from the start: a cookie has a handful of fields, and
/// each lookup compares a few lengths, where a map's search ran its
/// comparisons through more code, unoptimised in a debug build, some
/// fifteen times per cookie.
pub(crate) struct Attributes<'a> {
    fields: Vec<&'a ast::Field>,
}

impl<'a> Attributes<'a> {
    pub(crate) fn collect(fields: &'a Fields, cx: &Ctxt) -> Self {
        for error in &fields.errors {
            cx.syn_error(error.clone());
        }
        let mut unique: Vec<&ast::Field> = Vec::with_capacity(fields.entries.len());
        for field in &fields.entries {
            if unique.iter().any(|seen| seen.name == field.name) {
                no_duplicate_field(&field.key, cx);
            } else {
                unique.push(field);
            }
        }
        Attributes { fields: unique }
    }

    fn field(&self, key: &str) -> Option<&'a ast::Field> {
        let mut index = 0;
        while index < self.fields.len() {
            if self.fields[index].name == key {
                return Some(self.fields[index]);
            }
            index += 1;
        }
        None
    }

    pub(crate) fn get(&self, key: &str) -> Option<&'a Value> {
        self.field(key).map(|field| &field.value)
    }

    pub(crate) fn key(&self, key: &str) -> Option<&'a Ident> {
        self.field(key).map(|field| &field.key)
    }

    pub(crate) fn text(&self, key: &str) -> Option<&'a Str> {
        match self.get(key) {
            Some(Value::Str(lit)) => Some(lit),
            _ => None,
        }
    }

    pub(crate) fn value(&self, key: &str) -> Option<String> {
        self.text(key).map(Str::value)
    }

    pub(crate) fn flag(&self, key: &str) -> Option<bool> {
        match self.get(key) {
            Some(Value::Bool(LitBool { value, .. })) => Some(*value),
            _ => None,
        }
    }
}

/// A key given twice would leave the reader guessing which one holds.
fn no_duplicate_field(key: &Ident, cx: &Ctxt) {
    cx.error_spanned_by(key, format!("duplicate field `{key}`: remove one of them"));
}

/// Charte text fills one table cell or paragraph: it must say something and
/// fit on one line.
pub(crate) fn charte_text(key: &str, lit: &Str, value: &str, cx: &Ctxt) {
    if value.trim().is_empty() {
        cx.error_spanned_by(
            lit,
            format!("`{key}` is empty: write what the charte should say"),
        );
    } else if has_control(value) {
        cx.error_spanned_by(
            lit,
            format!("`{key}` must fit on one line of the charte: remove the line breaks and tabs"),
        );
    }
}

/// Whether `text` holds a control character (`char::is_control`: C0, DEL
/// or C1), looked for byte by byte: decoding every character costs several
/// times more in a debug build, where this runs on every declared text.
fn has_control(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        // C1 controls, U+0080 to U+009F, are `C2 80` to `C2 9F` in UTF-8.
        if byte < 0x20 || byte == 0x7F || (byte == 0xC2 && bytes[at + 1] < 0xA0) {
            return true;
        }
        at += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::has_control;

    #[test]
    fn has_control_agrees_with_char_is_control_on_every_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for text in [
                c.to_string(),
                format!("é{c}"),
                format!("{c}a"),
                format!("ab{c}é"),
            ] {
                assert_eq!(
                    has_control(&text),
                    text.chars().any(char::is_control),
                    "{text:?}"
                );
            }
        }
    }
}
