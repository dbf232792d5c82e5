//! The audit of a request's `Cookie` header and a response's `Set-Cookie`
//! headers, on any bytes: never a panic, every finding is one line (a
//! hostile header cannot forge log lines), and each audit lists at most
//! `MAX_FINDINGS` findings, then one `Omitted` counting the rest.
#![no_main]

use cookie_decl::consent::{self, Consent, Finding, MAX_FINDINGS, SeenIn};
use cookie_decl_fuzz::Site;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let consent = Consent::<Site>::not_asked();
    for (findings, seen_in) in [
        (consent::audit_request(text.as_bytes(), &consent), SeenIn::Request),
        (consent::audit_request(data, &consent), SeenIn::Request),
        (consent::audit_response(text.split('\n'), &consent), SeenIn::Response),
    ] {
        assert!(findings.len() <= MAX_FINDINGS + 1, "{} findings", findings.len());
        for (at, finding) in findings.iter().enumerate() {
            let line = finding.to_string();
            assert!(
                !line.contains(['\n', '\r']),
                "a finding on two lines: {line:?}"
            );
            // `Omitted` comes last, after a full list, and counts some.
            if let Finding::Omitted { seen_in: seen, count } = finding {
                assert_eq!(at, MAX_FINDINGS);
                assert_eq!(*seen, seen_in);
                assert!(*count > 0);
            }
        }
    }
});
