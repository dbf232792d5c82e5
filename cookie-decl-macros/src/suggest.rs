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

/// Edit distance counting a swap of two neighbours as one edit (optimal
/// string alignment), over chars: `titel` is one edit from `title`.
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
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
        assert_eq!(closest("titel", &["title", "intro"]), Some("title"));
    }
}
