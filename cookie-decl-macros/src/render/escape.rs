//! The escaping every renderer shares: declared text made safe for HTML,
//! Markdown or rustdoc by a table of byte escapes, in one pass.

/// Escapes text for HTML content and quoted attribute values.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    escape_into(&mut out, text, &HTML);
    out
}

/// The escapes of HTML text and quoted attributes.
pub static HTML: Escapes = Escapes::new(&[
    (b'&', "&amp;"),
    (b'<', "&lt;"),
    (b'>', "&gt;"),
    (b'"', "&quot;"),
    (b'\'', "&#39;"),
]);

/// Which ASCII bytes an escaping replaces, and by what: a table indexed by
/// the byte, so that the loop of [`escape_into`] makes no call per byte (it
/// runs unoptimised in a debug build, on hundreds of kilobytes of text for
/// a large registry).
pub struct Escapes {
    /// `0` for a byte kept as is, else 1 + its index in `escapes`.
    table: [u8; 256],
    escapes: [&'static str; 16],
}

impl Escapes {
    /// From `(byte, escape)` pairs: at most 16, of ASCII bytes.
    pub const fn new(pairs: &[(u8, &'static str)]) -> Escapes {
        assert!(pairs.len() <= 16);
        let mut table = [0; 256];
        let mut escapes = [""; 16];
        let mut index = 0;
        while index < pairs.len() {
            let (byte, escape) = pairs[index];
            assert!(byte.is_ascii());
            table[byte as usize] = index as u8 + 1;
            escapes[index] = escape;
            index += 1;
        }
        Escapes { table, escapes }
    }
}

/// Appends `text` to `out` with each byte that `escapes` maps replaced by
/// its escape; only ASCII bytes are mapped, so the runs between them are
/// whole characters.
///
/// The runs are copied whole: in a debug build this crate runs
/// unoptimised, where pushing characters one by one costs several times
/// more, on every build of a crate that declares a large registry.
pub fn escape_into(out: &mut String, text: &str, escapes: &Escapes) {
    let bytes = text.as_bytes();
    let mut run = 0;
    let mut at = 0;
    while at < bytes.len() {
        let code = escapes.table[bytes[at] as usize];
        if code != 0 {
            out.push_str(&text[run..at]);
            out.push_str(escapes.escapes[usize::from(code - 1)]);
            run = at + 1;
        }
        at += 1;
    }
    out.push_str(&text[run..]);
}

#[cfg(test)]
mod tests {
    use super::{HTML, escape_into, html};

    #[test]
    fn escapes_replace_exactly_their_bytes() {
        assert_eq!(
            html(r#"<a href="x">'Zoé' & co</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;Zoé&#39; &amp; co&lt;/a&gt;"
        );
        for byte in 0..=0x7F_u8 {
            let text = format!("é{}é", char::from(byte));
            let mut out = String::new();
            escape_into(&mut out, &text, &HTML);
            let expected = match byte {
                b'&' => "é&amp;é".to_owned(),
                b'<' => "é&lt;é".to_owned(),
                b'>' => "é&gt;é".to_owned(),
                b'"' => "é&quot;é".to_owned(),
                b'\'' => "é&#39;é".to_owned(),
                _ => text.clone(),
            };
            assert_eq!(out, expected, "{byte:#x}");
        }
    }
}
