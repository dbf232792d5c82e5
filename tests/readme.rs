//! What README.md shows is what the repository runs: the minimal site it
//! prints is `examples/axum_minimal.rs` byte for byte (the example itself
//! is built by `cargo test --all-features`), and its first commands are
//! the ones CI runs.

const README: &str = include_str!("../README.md");
const MINIMAL_SITE: &str = include_str!("../examples/axum_minimal.rs");

const BEGIN: &str =
    "<!-- BEGIN examples/axum_minimal.rs: tests/readme.rs keeps this block byte for byte -->\n";
const END: &str = "<!-- END examples/axum_minimal.rs -->\n";

/// The text between `begin` and `end`, each present once.
fn between<'a>(text: &'a str, begin: &str, end: &str) -> &'a str {
    assert_eq!(
        text.matches(begin).count(),
        1,
        "README.md has `{begin}` once"
    );
    assert_eq!(text.matches(end).count(), 1, "README.md has `{end}` once");
    let start = text.find(begin).unwrap() + begin.len();
    let stop = text.find(end).unwrap();
    assert!(start <= stop, "`{end}` comes after `{begin}`");
    &text[start..stop]
}

#[test]
fn the_readme_shows_the_minimal_site_as_it_is() {
    let block = between(README, BEGIN, END);
    let code = block
        .strip_prefix("```rust\n")
        .and_then(|code| code.strip_suffix("```\n"))
        .expect("the markers hold one ```rust block");
    if code != MINIMAL_SITE {
        let same = code
            .lines()
            .zip(MINIMAL_SITE.lines())
            .take_while(|(readme, example)| readme == example)
            .count();
        panic!(
            "README.md's minimal site differs from examples/axum_minimal.rs from line {} of the \
             example: copy the file between the markers",
            same + 1
        );
    }
}

#[test]
fn the_readme_starts_with_the_commands_ci_runs() {
    let start = README.find("```sh\n").expect("README.md has a ```sh block") + "```sh\n".len();
    assert!(
        !README[..start].contains("\n## "),
        "the commands come before the first section"
    );
    let len = README[start..].find("```\n").expect("the ```sh block ends");
    assert_eq!(
        &README[start..start + len],
        "cargo run --example charte\ncargo test --workspace --all-features\n"
    );
    let ci = include_str!("../.ci/run");
    assert!(
        ci.lines()
            .any(|line| line == "cargo test --workspace --all-features"),
        ".ci/run runs the README's test command"
    );
}
