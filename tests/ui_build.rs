//! The mistakes rustc reports only when code is built, not checked: a
//! constant of the declaration that code asks for and the declaration
//! cannot give. `cargo build` (trybuild builds every case once one passes).

#[test]
fn ui_build() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui-build/consent-glue-with-csrf-cookie.rs");
    t.compile_fail("tests/ui-build/consent-glue-without-csrf-cookie.rs");
}
