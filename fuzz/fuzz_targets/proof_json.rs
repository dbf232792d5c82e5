//! The readers of the proof stores' JSON (`ConsentRecord::from_json`,
//! `VersionText::from_json`), on any text: never a panic, and what they
//! accept is what their writers write back, the same.
#![no_main]

use cookie_decl::consent::ConsentRecord;
use cookie_decl::consent::proof::VersionText;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(record) = ConsentRecord::from_json(text) {
        let written = record.to_json();
        assert!(!written.contains('\n'), "a record on two lines: {written:?}");
        assert_eq!(ConsentRecord::from_json(&written), Some(record));
    }
    if let Some(version) = VersionText::from_json(text) {
        let written = version.to_json();
        assert!(!written.contains('\n'), "a text on two lines: {written:?}");
        assert_eq!(VersionText::from_json(&written), Some(version));
    }
});
