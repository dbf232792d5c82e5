//! The axum example's binary, started on a free port for the browser
//! tests (`journey.rs`, `scan.rs`), in its own process group, killed when
//! dropped. The browser itself is `cookie_decl_scan::browser`.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use cookie_decl_scan::browser::{free_port, kill_group};

/// The example's binary, which `cargo test` builds beside the tests.
pub fn example_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("the test's path");
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>/deps");
    let binary = profile_dir.join("examples").join("axum_site");
    assert!(
        binary.is_file(),
        "{} is missing: `cargo test` builds it, or run `cargo build --example axum_site`",
        binary.display()
    );
    // `cargo test --test journey` alone does not rebuild the example: a
    // binary older than the example's sources would test another site.
    let modified = |path: &Path| {
        std::fs::metadata(path)
            .and_then(|meta| meta.modified())
            .unwrap_or_else(|err| panic!("{}: {err}", path.display()))
    };
    let built = modified(&binary);
    let sources = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/axum_site");
    for source in [
        "main.rs",
        "cookies.rs",
        "page.rs",
        "template.rs",
        "matomo.js",
        "layout.html",
    ] {
        let source = sources.join(source);
        assert!(
            modified(&source) <= built,
            "{} is older than {}: run `cargo build --all-features --example axum_site`",
            binary.display(),
            source.display()
        );
    }
    binary
}

/// The example, running; killed when dropped.
pub struct Example {
    child: Child,
    /// `http://127.0.0.1:<port>`.
    pub base: String,
}

impl Example {
    /// Starts the example with its proofs in `proofs`, through `sh` after
    /// `shell_prefix` (a limit to set, say), and waits for its
    /// "listening on ..." line.
    pub fn start(proofs: &Path, shell_prefix: &str) -> Example {
        let port = free_port();
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg(format!("{shell_prefix} exec \"$0\""))
            .arg(example_binary())
            .env("PORT", port.to_string())
            .env("CONSENT_PROOFS", proofs)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            // Piped, not inherited: a limit set on the example (a full
            // disk, `ulimit -f`) must not apply to the test's own log file.
            .stderr(Stdio::piped());
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let mut child = command.spawn().expect("start the example");
        // Wait for "listening on ...", from a thread, so a silent example
        // fails the test instead of hanging it.
        let stderr = child.stderr.take().expect("piped stderr");
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                eprintln!("{line}");
            }
        });
        let stdout = child.stdout.take().expect("piped stdout");
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if line.starts_with("listening on ") {
                    let _ = sender.send(line);
                }
            }
        });
        let line = receiver
            .recv_timeout(Duration::from_secs(30))
            .expect("the example prints its address");
        assert_eq!(line, format!("listening on http://127.0.0.1:{port}"));
        Example {
            child,
            base: format!("http://127.0.0.1:{port}"),
        }
    }
}

impl Drop for Example {
    fn drop(&mut self) {
        kill_group(self.child.id());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
