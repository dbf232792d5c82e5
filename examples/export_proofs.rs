//! Exports the proofs of consent a `FileStore` keeps, for an auditor: every
//! text a version hash stands for (the charte, the banner, the preferences
//! page, in French and English), then every record of the period, one JSON
//! object a line, on standard output.
//!
//! ```text
//! cargo run --example export_proofs -- consent-proofs                        # everything
//! cargo run --example export_proofs -- consent-proofs 2026-01-01 2027-01-01  # one year
//! ```
//!
//! The period runs from the first date (included) to the second (excluded),
//! in UTC. Damaged lines the store set aside are reported on standard
//! error, never exported as records.

use std::io::Write as _;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cookie_decl::consent::proof::{self, FileStore};

/// `YYYY-MM-DD` as the time of its midnight, UTC.
fn date(text: &str) -> Option<SystemTime> {
    let mut parts = text.splitn(3, '-').map(|part| part.parse::<i64>().ok());
    let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || year < 1970 {
        return None;
    }
    // Howard Hinnant's `days_from_civil`.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let m = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * m + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = era * 146_097 + day_of_era - 719_468;
    Some(UNIX_EPOCH + Duration::from_secs(u64::try_from(days).ok()? * 86_400))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: export_proofs DIR [FROM-DATE [TO-DATE]]  (dates as YYYY-MM-DD, UTC)";
    let Some(dir) = args.first() else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let bound = |at: usize, default: SystemTime| match args.get(at) {
        None => default,
        Some(text) => date(text).unwrap_or_else(|| {
            eprintln!("not a date: `{text}`\n{usage}");
            std::process::exit(2);
        }),
    };
    let from = bound(1, UNIX_EPOCH);
    let to = bound(2, SystemTime::now() + Duration::from_secs(86_400));
    let store = FileStore::open(dir).unwrap_or_else(|err| {
        eprintln!("cannot open the proof store {dir}: {err}");
        std::process::exit(1);
    });
    match store.verify() {
        Ok(damage) => damage.iter().for_each(|damage| eprintln!("{damage}")),
        Err(err) => eprintln!("cannot check the store: {err}"),
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    let mut out = std::io::stdout().lock();
    match runtime.block_on(proof::export(&store, from, to, &mut out)) {
        Ok(count) => {
            let _ = out.flush();
            eprintln!("{count} records exported");
        }
        Err(err) => {
            eprintln!("export failed: {err}");
            std::process::exit(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_dates() {
        assert_eq!(date("1970-01-01"), Some(UNIX_EPOCH));
        assert_eq!(
            date("2025-11-25"),
            Some(UNIX_EPOCH + Duration::from_secs(1_764_028_800))
        );
        assert_eq!(
            date("2000-03-01"),
            Some(UNIX_EPOCH + Duration::from_secs(951_868_800))
        );
        for bad in [
            "",
            "2025",
            "2025-13-01",
            "2025-00-10",
            "1969-12-31",
            "x-1-1",
        ] {
            assert_eq!(date(bad), None, "{bad}");
        }
    }
}
