//! "Did you mean" for misspelt keywords.

/// The candidate closest to `found`, if it is close enough to be a typo.
pub fn closest<'a>(found: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let found = found.to_ascii_lowercase();
    candidates
        .iter()
        .map(|&c| (distance(&found, c), c))
        .filter(|&(d, c)| d <= (c.len().max(found.len()) / 3).max(1))
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// ", did you mean `x`?"-style suffix for a message, or nothing.
pub fn hint(found: &str, candidates: &[&str]) -> String {
    match closest(found, candidates) {
        Some(c) => format!("; did you mean `{c}`?"),
        None => String::new(),
    }
}

/// Levenshtein distance, over chars.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let next = (row[j + 1] + 1).min(row[j] + 1).min(prev + cost);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggests_typos_only() {
        let fields = ["provider", "service", "purpose", "max_age", "secure"];
        assert_eq!(closest("provder", &fields), Some("provider"));
        assert_eq!(closest("maxage", &fields), Some("max_age"));
        assert_eq!(closest("Secure", &fields), Some("secure"));
        assert_eq!(closest("colour", &fields), None);
    }
}
