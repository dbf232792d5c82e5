//! The flat JSON objects the proof stores write: a writer that escapes,
//! and a strict reader for exactly what the writer makes (strings,
//! unsigned integers, booleans, arrays of strings), so that the default
//! build needs no JSON crate.

use core::fmt::Write as _;

/// One value of a flat object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    String(String),
    Number(u64),
    Bool(bool),
    Strings(Vec<String>),
}

/// Appends `text` to `out` as a JSON string, quotes included.
pub(crate) fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Control characters, and the line and paragraph separators
            // some readers take for line ends.
            c if c < ' ' || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Reads one flat object: `{"key":value,...}` with no space but what a
/// string holds. Any other shape, a repeated key or trailing bytes is
/// `None`.
pub(crate) fn read_object(text: &str) -> Option<Vec<(String, Value)>> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        at: 0,
    };
    reader.expect(b'{')?;
    let mut fields: Vec<(String, Value)> = Vec::new();
    if reader.peek() == Some(b'}') {
        reader.at += 1;
    } else {
        loop {
            let key = reader.string()?;
            if fields.iter().any(|(seen, _)| *seen == key) {
                return None;
            }
            reader.expect(b':')?;
            let value = reader.value()?;
            fields.push((key, value));
            match reader.next()? {
                b',' => continue,
                b'}' => break,
                _ => return None,
            }
        }
    }
    (reader.at == reader.bytes.len()).then_some(fields)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.at += 1;
        Some(byte)
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.next()? == byte).then_some(())
    }

    fn value(&mut self) -> Option<Value> {
        match self.peek()? {
            b'"' => self.string().map(Value::String),
            b't' => self.word(b"true").map(|()| Value::Bool(true)),
            b'f' => self.word(b"false").map(|()| Value::Bool(false)),
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                if self.peek() == Some(b']') {
                    self.at += 1;
                    return Some(Value::Strings(items));
                }
                loop {
                    items.push(self.string()?);
                    match self.next()? {
                        b',' => continue,
                        b']' => return Some(Value::Strings(items)),
                        _ => return None,
                    }
                }
            }
            b'0' => {
                self.at += 1;
                // No leading zero, as JSON says.
                (!self.peek().is_some_and(|b| b.is_ascii_digit())).then_some(Value::Number(0))
            }
            b'1'..=b'9' => {
                let mut number: u64 = 0;
                while let Some(digit @ b'0'..=b'9') = self.peek() {
                    number = number
                        .checked_mul(10)?
                        .checked_add(u64::from(digit - b'0'))?;
                    self.at += 1;
                }
                Some(Value::Number(number))
            }
            _ => None,
        }
    }

    fn word(&mut self, word: &[u8]) -> Option<()> {
        let end = self.at.checked_add(word.len())?;
        (self.bytes.get(self.at..end)? == word).then(|| self.at = end)
    }

    fn string(&mut self) -> Option<String> {
        self.expect(b'"')?;
        let mut out = String::new();
        loop {
            let start = self.at;
            while let Some(byte) = self.peek() {
                if byte == b'"' || byte == b'\\' || byte < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // The input is a `&str`: cut at ASCII bytes, this is UTF-8.
            out.push_str(core::str::from_utf8(&self.bytes[start..self.at]).ok()?);
            match self.next()? {
                b'"' => return Some(out),
                b'\\' => {}
                _ => return None,
            }
            match self.next()? {
                b'"' => out.push('"'),
                b'\\' => out.push('\\'),
                b'/' => out.push('/'),
                b'b' => out.push('\u{8}'),
                b'f' => out.push('\u{c}'),
                b'n' => out.push('\n'),
                b'r' => out.push('\r'),
                b't' => out.push('\t'),
                b'u' => {
                    let high = self.hex4()?;
                    let c = if (0xd800..0xdc00).contains(&high) {
                        self.word(b"\\u")?;
                        let low = self.hex4()?;
                        if !(0xdc00..0xe000).contains(&low) {
                            return None;
                        }
                        char::from_u32(0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00))?
                    } else {
                        char::from_u32(high)?
                    };
                    out.push(c);
                }
                _ => return None,
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let end = self.at.checked_add(4)?;
        let digits = core::str::from_utf8(self.bytes.get(self.at..end)?).ok()?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.at = end;
        u32::from_str_radix(digits, 16).ok()
    }
}

/// The fields of an object, taken by name, each exactly once.
pub(crate) struct Fields(Vec<(String, Value)>);

impl Fields {
    pub(crate) fn read(text: &str) -> Option<Fields> {
        read_object(text).map(Fields)
    }

    fn take(&mut self, key: &str) -> Option<Value> {
        let at = self.0.iter().position(|(name, _)| name == key)?;
        Some(self.0.swap_remove(at).1)
    }

    pub(crate) fn string(&mut self, key: &str) -> Option<String> {
        match self.take(key)? {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    pub(crate) fn number(&mut self, key: &str) -> Option<u64> {
        match self.take(key)? {
            Value::Number(number) => Some(number),
            _ => None,
        }
    }

    pub(crate) fn bool(&mut self, key: &str) -> Option<bool> {
        match self.take(key)? {
            Value::Bool(value) => Some(value),
            _ => None,
        }
    }

    pub(crate) fn strings(&mut self, key: &str) -> Option<Vec<String>> {
        match self.take(key)? {
            Value::Strings(items) => Some(items),
            _ => None,
        }
    }

    /// Whether every field was taken: an unknown field means another
    /// format.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_round_trip() {
        for text in [
            "",
            "plain",
            "quote \" backslash \\ slash /",
            "line\nfeed\r\ttab\u{1}\u{1f}",
            "accents é ü 漢字 🍪",
            "separators \u{2028}\u{2029}",
        ] {
            let mut out = String::from("{\"k\":");
            write_string(&mut out, text);
            out.push('}');
            assert!(!out.contains('\n'), "{out}");
            let fields = read_object(&out).unwrap();
            assert_eq!(fields, [("k".to_owned(), Value::String(text.to_owned()))]);
        }
    }

    #[test]
    fn reads_only_flat_objects_it_writes() {
        assert_eq!(
            read_object(r#"{"a":"x","b":12,"c":true,"d":["p","q"],"e":[],"f":0}"#).unwrap(),
            [
                ("a".to_owned(), Value::String("x".to_owned())),
                ("b".to_owned(), Value::Number(12)),
                ("c".to_owned(), Value::Bool(true)),
                (
                    "d".to_owned(),
                    Value::Strings(vec!["p".to_owned(), "q".to_owned()])
                ),
                ("e".to_owned(), Value::Strings(vec![])),
                ("f".to_owned(), Value::Number(0)),
            ]
        );
        assert_eq!(
            read_object("{\"k\":\"\\ud83c\\udf6a\"}").unwrap()[0].1,
            Value::String("🍪".to_owned())
        );
        for bad in [
            "",
            "{",
            "{}x",
            r#"{"a":1,"a":2}"#,
            r#"{"a":01}"#,
            r#"{"a":-1}"#,
            r#"{"a":18446744073709551616}"#,
            r#"{"a": 1}"#,
            r#"{"a":"x}"#,
            "{\"a\":\"\n\"}",
            r#"{"a":"\x"}"#,
            r#"{"a":"\ud83c"}"#,
            r#"{"a":"\udf6a"}"#,
            r#"{"a":[1]}"#,
            r#"{"a":{"b":1}}"#,
            r#"{"a":tru}"#,
            r#"{"a":1,}"#,
        ] {
            assert_eq!(read_object(bad), None, "{bad:?}");
        }
    }
}
