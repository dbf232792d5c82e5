//! The page template's one pass: `{name}` placeholders filled from a
//! list, what is put in never read again as the template.

/// `template` with each `{name}` of `values` replaced, in one pass: what is
/// put in (a tag's inline script, a page's text) is never read again as
/// the template, whatever braces it holds.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut html = String::with_capacity(template.len() + 4096);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, from) = rest.split_at(open);
        html.push_str(before);
        let value = from[1..].split_once('}').and_then(|(name, after)| {
            let (_, value) = values.iter().find(|(key, _)| *key == name)?;
            Some((*value, after))
        });
        match value {
            Some((value, after)) => {
                html.push_str(value);
                rest = after;
            }
            // A brace of the template itself (its CSS).
            None => {
                html.push('{');
                rest = &from[1..];
            }
        }
    }
    html.push_str(rest);
    html
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn what_is_filled_in_is_not_read_as_the_template() {
        let html = fill(
            "<p>{head}</p>{q}<style>a{color:red}</style>{missing}",
            &[("head", "var q = '{q}';"), ("q", "?lang=en")],
        );
        assert_eq!(
            html,
            "<p>var q = '{q}';</p>?lang=en<style>a{color:red}</style>{missing}"
        );
    }
}
