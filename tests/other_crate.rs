//! A registry declared in another crate of the application: its constants,
//! its lookup by real name and its charte work from here, through the
//! paths a user writes.

use app_cookies::AppCookies;

#[test]
fn the_lookup_macro_comes_with_the_type() {
    assert_eq!(AppCookies!("__Host-sid"), AppCookies::SESSION);
    assert_eq!(AppCookies!("lang").name(), "lang");
    assert_eq!(
        AppCookies!("lang").cookie("fr").to_string(),
        "lang=fr; HttpOnly; SameSite=Lax; Secure; Path=/; Max-Age=15552000"
    );
}

#[test]
fn the_lookup_macro_works_by_full_path() {
    assert_eq!(app_cookies::AppCookies!("lang"), AppCookies::LANG);
    assert_eq!(
        app_cookies::cookies::AppCookies!("__Host-sid"),
        AppCookies::SESSION
    );
}

#[test]
fn the_registry_is_usable_as_declared() {
    assert_eq!(AppCookies::get("lang"), Some(AppCookies::LANG.spec()));
    assert!(AppCookies::CHARTE.contains("<https://app.example.fr>"));
}
