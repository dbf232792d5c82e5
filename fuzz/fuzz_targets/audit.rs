//! The audit of a request's `Cookie` header and a response's `Set-Cookie`
//! headers, on any bytes: never a panic, and every finding is one line (a
//! hostile header cannot forge log lines).
#![no_main]

use cookie_decl::consent::{self, Consent};
use cookie_decl_fuzz::Site;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let consent = Consent::<Site>::not_asked();
    let mut findings = consent::audit_request(text.as_bytes(), &consent);
    findings.extend(consent::audit_request(data, &consent));
    findings.extend(consent::audit_response(text.split('\n'), &consent));
    for finding in findings {
        let line = finding.to_string();
        assert!(
            !line.contains(['\n', '\r']),
            "a finding on two lines: {line:?}"
        );
    }
});
