//! The `cookie-decl-scan` command, built once per test binary by `cargo
//! build -p cookie-decl-scan` (a package's test can only name its own
//! package's binaries), in the profile of the tests, and run.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use serde_json::Value;

/// The command's executable.
pub fn command() -> &'static Path {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT.get_or_init(|| {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let exe = std::env::current_exe().expect("the test's path");
        let release = exe
            .parent()
            .and_then(Path::parent)
            .and_then(Path::file_name)
            .is_some_and(|profile| profile == "release");
        let mut build = Command::new(cargo);
        build
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["build", "--quiet", "--message-format=json"])
            .args(["-p", "cookie-decl-scan", "--bin", "cookie-decl-scan"])
            .stderr(Stdio::inherit());
        if release {
            build.arg("--release");
        }
        let output = build.output().expect("run cargo build");
        assert!(
            output.status.success(),
            "cargo build -p cookie-decl-scan failed"
        );
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| serde_json::from_str::<Value>(line).ok())
            .find_map(|message| Some(PathBuf::from(message["executable"].as_str()?)))
            .expect("cargo reports the command's executable")
    })
}

/// Runs the command with `args`: its exit code, standard output and
/// standard error (which is also printed, for a failing test's log).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(command())
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run cookie-decl-scan");
    let stderr = String::from_utf8_lossy(&stderr).into_owned();
    eprintln!("{stderr}");
    (
        status.code().expect("an exit code, not a signal"),
        String::from_utf8_lossy(&stdout).into_owned(),
        stderr,
    )
}
