//! The consent form's reader on any body, and the preferences page for a
//! consent read from any `Cookie` header: never a panic; a form read
//! carries the one CSRF token its body holds, is acted on only when that
//! token is the request's `csrf_token` cookie's, and the page escapes what
//! it shows.
#![no_main]

#[path = "oracle.rs"]
mod oracle;

use cookie_decl::Lang;
use cookie_decl::consent::{self, ConsentCookie, ConsentForm, FormOrigin, RequestCookies};
use cookie_decl_fuzz::{Site, expect, now};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let header = format!("consent={text}");
    match ConsentForm::parse(&text) {
        Ok(form) => {
            assert!(!form.csrf_token().is_empty(), "{text:?}");
            assert_eq!(
                expect::form_token(&text).as_deref(),
                Some(form.csrf_token()),
                "{text:?}"
            );
            // The body as the request's cookies too: acted on only when it
            // carries the form's token in the `csrf_token` cookie.
            for cookies in [text.as_ref(), header.as_str()] {
                if form.verify::<Site>(cookies, FormOrigin::new()).is_ok() {
                    assert_eq!(
                        oracle::csrf_cookie(cookies.as_bytes()),
                        Ok(form.csrf_token()),
                        "a form acted on without the cookie's token: {text:?}"
                    );
                }
            }
        }
        Err(error) => assert!(!error.to_string().contains('\n')),
    }
    let consent =
        ConsentCookie::<Site>::unsigned().read_at(&RequestCookies::from(header.as_str()), now());
    for lang in [Lang::Fr, Lang::En] {
        let page = consent::preferences::<Site>(lang, &text, &consent);
        assert!(!page.contains("<script"), "{page}");
    }
});
