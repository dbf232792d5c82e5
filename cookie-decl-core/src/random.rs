//! The operating system's random bytes, without a crate on Unix: see
//! [`RandomError`].

use core::fmt;

/// Fills `bytes` with the operating system's random bytes.
pub(crate) fn fill(bytes: &mut [u8]) -> Result<(), RandomError> {
    #[cfg(unix)]
    return unix::fill_from(std::path::Path::new("/dev/urandom"), bytes);
    #[cfg(not(unix))]
    return getrandom::fill(bytes).map_err(|error| RandomError {
        step: Step::Read,
        code: error.raw_os_error(),
    });
}

#[cfg(unix)]
mod unix {
    use std::fs::File;
    use std::io::{self, Read};
    use std::os::unix::fs::FileTypeExt;
    use std::path::Path;

    use super::{RandomError, Step};

    /// Fills `bytes` from the character device `path`.
    pub(super) fn fill_from(path: &Path, bytes: &mut [u8]) -> Result<(), RandomError> {
        let failed = |step| move |error: io::Error| RandomError::new(step, &error);
        let mut file = File::open(path).map_err(failed(Step::Open))?;
        let metadata = file.metadata().map_err(failed(Step::Open))?;
        if !metadata.file_type().is_char_device() {
            return Err(RandomError {
                step: Step::NotADevice,
                code: None,
            });
        }
        // `read_exact` reads again after a short read or an interruption.
        file.read_exact(bytes).map_err(failed(Step::Read))?;
        // A device that gives one byte over and over (`/dev/zero` mounted
        // in its place) would make every token the same: 8 equal bytes
        // or more from a real generator come once in 2^56 reads.
        if bytes.len() >= 8 && bytes.iter().all(|byte| *byte == bytes[0]) {
            return Err(RandomError {
                step: Step::Constant,
                code: None,
            });
        }
        Ok(())
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn two_reads_differ() {
            let (mut a, mut b) = ([0_u8; 32], [0_u8; 32]);
            fill_from(Path::new("/dev/urandom"), &mut a).unwrap();
            fill_from(Path::new("/dev/urandom"), &mut b).unwrap();
            assert_ne!(a, b);
            assert_ne!(a, [0; 32]);
        }

        #[test]
        fn a_missing_device_is_an_error_not_zeros() {
            let mut bytes = [7_u8; 16];
            let error = fill_from(Path::new("/nonexistent/urandom"), &mut bytes).unwrap_err();
            assert_eq!(error.step, Step::Open);
            assert_eq!(error.code, Some(2), "ENOENT");
            assert!(
                error.to_string().starts_with(
                    "the operating system gave no random bytes: /dev/urandom could not be opened: "
                ),
                "{error}"
            );
        }

        /// A regular file put where the device should be (a container or
        /// chroot built by hand) would give the same bytes to every
        /// process: it is refused.
        #[test]
        fn a_regular_file_in_place_of_the_device_is_refused() {
            let path =
                std::env::temp_dir().join(format!("cookie-decl-urandom-{}", std::process::id()));
            std::fs::write(&path, [0x41; 64]).unwrap();
            let mut bytes = [0_u8; 16];
            let error = fill_from(&path, &mut bytes).unwrap_err();
            std::fs::remove_file(&path).unwrap();
            assert_eq!(error.step, Step::NotADevice);
            assert_eq!(bytes, [0; 16], "nothing read");
            assert_eq!(
                error.to_string(),
                "the operating system gave no random bytes: /dev/urandom is not a character device"
            );
        }

        /// `/dev/zero` where `/dev/urandom` should be: a character device
        /// too, whose bytes would make every token the same.
        #[test]
        fn a_device_of_one_repeated_byte_is_refused() {
            let mut bytes = [0_u8; 16];
            let error = fill_from(Path::new("/dev/zero"), &mut bytes).unwrap_err();
            assert_eq!(error.step, Step::Constant);
            assert_eq!(
                error.to_string(),
                "the operating system gave no random bytes: /dev/urandom gave one byte over and over"
            );
        }

        /// A device that ends (`/dev/null`) gives fewer bytes than asked:
        /// an error, never a token shorter or partly zero.
        #[test]
        fn a_device_that_ends_early_is_an_error() {
            let mut bytes = [0_u8; 16];
            let error = fill_from(Path::new("/dev/null"), &mut bytes).unwrap_err();
            assert_eq!(error.step, Step::Read);
            assert_eq!(
                error.to_string(),
                "the operating system gave no random bytes: reading /dev/urandom failed: it ended early"
            );
        }
    }
}

/// The operating system gave no random bytes.
///
/// CSRF tokens ([`CsrfToken`](crate::consent::CsrfToken)) and the random
/// part of record ids ([`RecordId`](crate::consent::RecordId)) come from
/// the operating system. On Unix they are read from `/dev/urandom`,
/// opened for each read (no descriptor is kept that other code of the
/// process could close and reuse) and refused unless it is a character
/// device; elsewhere (Windows, WASI) they come from the `getrandom` crate.
/// This is the error when that fails: `/dev/urandom` missing (a chroot
/// without `/dev`), not a device, ending early, or giving one byte over
/// and over (`/dev/zero` mounted in its place).
///
/// What the bytes are worth is the kernel's to say: Linux 5.18 and later,
/// macOS and the BSDs block a read of `/dev/urandom` until their generator
/// is seeded; an older Linux answers at once, so a process started in the
/// first seconds of a boot, before the kernel seeded it, could read
/// predictable bytes (a server the init system starts once the saved
/// random seed is loaded, as systemd does, reads them seeded).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RandomError {
    step: Step,
    /// The operating system's error number, where it gave one.
    code: Option<i32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(not(unix), allow(dead_code))] // getrandom has one step
enum Step {
    Open,
    NotADevice,
    Read,
    Constant,
}

impl RandomError {
    #[cfg(unix)]
    fn new(step: Step, error: &std::io::Error) -> RandomError {
        RandomError {
            step,
            code: error.raw_os_error(),
        }
    }
}

impl fmt::Display for RandomError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the operating system gave no random bytes: ")?;
        f.write_str(match (cfg!(unix), self.step) {
            (true, Step::Open) => "/dev/urandom could not be opened",
            (true, Step::NotADevice) => "/dev/urandom is not a character device",
            (true, Step::Read) => "reading /dev/urandom failed",
            (true, Step::Constant) => "/dev/urandom gave one byte over and over",
            (false, _) => "getrandom failed",
        })?;
        match (self.code, self.step) {
            (Some(code), _) => write!(f, ": {}", std::io::Error::from_raw_os_error(code)),
            // A read of the device without an error number: `read_exact`
            // found its end (getrandom's own errors say nothing more).
            (None, Step::Read) if cfg!(unix) => f.write_str(": it ended early"),
            (None, _) => Ok(()),
        }
    }
}

impl std::error::Error for RandomError {}
