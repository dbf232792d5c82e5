//! The embedded proof store: append-only JSON lines, one file a day.

use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, Waker};
use std::collections::{HashMap, HashSet};
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::{ProofError, ProofStore, VersionText};
use crate::consent::record::Rfc3339;
use crate::consent::{ConsentRecord, RecordId};

/// The start of every line the store writes: what a reader looks for to
/// find a record glued after a torn line.
const MARK: &str = "{\"v\":1,\"check\":\"";

/// The file of the texts version hashes stand for.
const TEXTS: &str = "texts.jsonl";

/// How far before its time a lookup by id looks for a record: a record
/// is written after its id is made, so a line this much older than the
/// id, before the place of the id's time, ends the search backwards.
const DISORDER: Duration = Duration::from_secs(10);

/// How late a record may be appended and still be looked for past the
/// records made after it: a line of an id this much later than the one
/// looked for ends the search forwards (so that looking for an id the
/// store does not hold reads little).
const LATE: Duration = Duration::from_secs(60);

/// The durable, server-free [`ProofStore`]: a directory of
/// append-only JSON-lines files, one per day (UTC) of the records' time,
/// `consent-2026-12-02.jsonl`, and `texts.jsonl` for the texts.
///
/// Feature `file-store`, which each framework feature turns on; on Unix
/// it uses `libc` (`openat`, `O_NOFOLLOW`), which a build without it does
/// not compile.
///
/// - **Durable before `Ok`.** A record is written, then the file's data
///   synced to the disk (`sync_data`), and only then is its `append`
///   answered. Appends from many tasks are written and synced together
///   (group commit): one `fsync` for all the records waiting, so that a
///   busy site pays one disk flush for many visitors
///   ([`FileStoreOptions::group_commit`] turns it off). The futures of
///   [`append`](ProofStore::append) are completed by the store's writer
///   thread, so that no task blocks on the disk;
///   [`append_blocking`](FileStore::append_blocking) writes on the calling
///   thread when no one else is writing.
/// - **Safe with several processes.** Files are opened with `O_APPEND`
///   and each batch of lines goes out in one `write`, so that two
///   processes (two servers on one machine, a worker restarted while the
///   old one drains) never interleave bytes of their records.
/// - **Damage is set aside, never read as a record.** Each line carries a
///   checksum of its record. A line cut short (a full disk, a crash
///   mid-write) is reported ([`FileStore::recovered`],
///   [`FileStore::verify`]) and skipped; the store ends it with a newline
///   before it appends again, so that it never glues itself to the next
///   record, and a reader that finds a record glued to damage all the same
///   (written by another process before it noticed) still reads the
///   record.
/// - **A directory nobody else can touch** (on Unix). A proof names no
///   one, but it is the site's evidence: whoever can write its directory
///   can plant a link or a file among the proofs. So
///   [`open`](FileStore::open):
///   - creates the directory, `0700`, but never a directory above it: a
///     location whose parent does not exist (a typo) is refused,
///     [`Refusal::MissingParent`] naming the highest missing directory,
///     rather than proofs kept where nobody looks;
///   - refuses a directory that is a symbolic link
///     ([`Refusal::SymbolicLink`]) or not a directory;
///   - refuses a directory that its group or others can write (mode
///     `& 0o022`, as `/tmp` or a `0777` directory:
///     [`Refusal::WritableByOthers`], with its mode). It does not change
///     the mode of a directory it did not create, even its own user's:
///     what may have been planted while it was open would stay. Readable
///     by others is accepted: the files are `0600`;
///   - refuses a directory whose owner is not the process's effective
///     user (`geteuid()`): its owner can change its mode and plant files
///     whatever the mode is ([`Refusal::OwnedByAnotherUser`], with both
///     uids). Root is no exception: a store run as root needs a directory
///     root owns, or the directory's owner could have root append proofs
///     to a file of their choosing (a hard link, which `O_NOFOLLOW` does
///     not refuse).
///
///   The store then opens the directory itself (`O_DIRECTORY |
///   O_NOFOLLOW`), makes those checks on what it opened, and keeps that
///   handle while it is open: every file of the store is opened, created
///   and removed relative to it (`openat`, `unlinkat`), so that whatever
///   the directory's path names later, no file is read, written or
///   removed elsewhere than in the directory checked. Before it opens a
///   file, the store also checks the path again: a directory moved or
///   replaced since ([`Refusal::Replaced`]: its device and inode differ),
///   turned into a link, made writable by others or given to another
///   user is refused, rather than written to out of the operator's sight.
///   Only the listing of the day files reads the directory by its path,
///   after that check; each name listed is opened in the directory
///   checked. The directories above it are not checked, and its path is
///   resolved through them when the store is opened: keep them writable
///   by the site's user and root alone (as `/var/lib` is), since a user
///   who can rename entries in them can move the store's directory away,
///   or put another directory of the site's user in its place, before
///   the store is opened.
/// - **Never through a symbolic link.** Every file is opened with
///   `O_NOFOLLOW`, the C library's flag: a day file or `texts.jsonl` that
///   is a link (in a shared directory, so that the site appends its
///   proofs to a file of someone else's choice) is refused,
///   [`Refusal::SymbolicLink`] naming it, by an append as by a lookup, a
///   listing or [`open`](FileStore::open), and nothing is read or written
///   through it. A file that is not a regular file is refused too
///   ([`Refusal::NotAFile`]). Files are created `0600`.
///
///   Not on every system: on Windows and the other systems that are not
///   Unix, and on the Unix targets whose C library lacks `openat` or
///   `O_NOFOLLOW` (ESP-IDF, Horizon, L4Re, VxWorks), the store keeps no
///   handle of its directory and opens its files by path, after the
///   check, and it looks for a link just before each open: neither is
///   atomic, a directory or a link put in place in between is followed.
///   The mode and owner checks are Unix's alone.
/// - **Lookups read a bounded amount.** The ids [`RecordId::random`]
///   makes carry their time (UUIDv7), and each group of records is
///   written in the order of their ids (time, then the random part), so
///   a day's file is in that order give or take what was appended late:
///   [`find`](ProofStore::find) opens the day's file, bisects it to the
///   place of the id, then reads outwards from there (a little back, more
///   forward) until it finds the record, reaches lines 10 s older than
///   the id going back and lines a minute later (or the file's end) going
///   forward, or has read [`FileStore::LOOKUP_LIMIT`] bytes (256 KiB, the
///   bisection's reads included): the same bound however many records
///   share the id's second and however large the day. The price of the
///   bound: `find` does not find a record that sits far from the place of
///   its id in that order, more than about 240 KiB (some 600 records) of
///   the file away, or behind a record made more than a minute after it.
///   That is a record appended more than a minute after it was made while
///   others were written (a [`Retrying`](super::Retrying) backlog after an
///   outage of more than a minute), or one of more than some 600 records
///   sharing one millisecond and written in different groups.
///   [`bind`](super::bind) then counts that choice as unproven (the
///   visitor is asked again), and [`list`](ProofStore::list) and
///   [`export`](super::export) still give the record. An id made
///   otherwise (not UUIDv7) is looked for in every file, without a bound.
/// - **Retention by whole days.** [`prune`](ProofStore::prune) removes the
///   files of the days before the one `before` falls in.
///
/// A record appended twice (a retry) is read once.
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// # use cookie_decl::declare_cookies;
/// use cookie_decl::consent::proof::{FileStore, ProofStore};
/// use cookie_decl::consent::{CategorySet, ConsentCookie};
/// # declare_cookies! {
/// #     pub struct Cookies { site: "https://example.fr" }
/// #     necessary {
/// #         consent { provider: "Example", service: "Consent", purpose: "Remember the choice.",
/// #                   max_age: 6 months, stores_consent: true }
/// #     }
/// #     statistics {
/// #         visits { provider: "Example", service: "Audience", purpose: "Count visits.", max_age: 13 months }
/// #     }
/// # }
/// # let dir = std::env::temp_dir().join(format!("cookie-decl-doc-{}", std::process::id()));
/// let proofs = FileStore::open(&dir)?;
/// let recorded = ConsentCookie::<Cookies>::unsigned().record("", CategorySet::ALL);
/// // In a handler, `proofs.append(recorded.record()).await`: its error
/// // logged and retried, the choice's cookies sent all the same.
/// proofs.append_blocking(recorded.record())?;
/// assert_eq!(proofs.find_blocking(recorded.record().id())?.as_ref(), Some(recorded.record()));
/// # drop(proofs); std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct FileStore {
    shared: Arc<Shared>,
    _writer: Arc<Writer>,
}

/// How to open a [`FileStore`].
#[derive(Clone, Copy, Debug)]
pub struct FileStoreOptions {
    group_commit: bool,
}

impl Default for FileStoreOptions {
    fn default() -> Self {
        FileStoreOptions { group_commit: true }
    }
}

impl FileStoreOptions {
    /// Whether the writer thread writes and syncs every record waiting
    /// at once (the default), or one record per `fsync`.
    #[must_use]
    pub fn group_commit(mut self, on: bool) -> Self {
        self.group_commit = on;
        self
    }

    /// Opens (or creates) the store in `dir`: see [`FileStore::open`].
    pub fn open(self, dir: impl AsRef<Path>) -> Result<FileStore, ProofError> {
        FileStore::open_with(dir.as_ref(), self)
    }
}

/// Damage found in a store's files: a line that is not a record the store
/// wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Damage {
    /// The file.
    pub file: PathBuf,
    /// Where the damaged line starts, in bytes from the file's start.
    pub offset: u64,
    /// How long the damaged bytes are.
    pub len: u64,
}

/// Why the [`FileStore`] refused a path
/// ([`ProofError::Refused`](super::ProofError::Refused)).
///
/// ```
/// # extern crate cookie_decl_core as cookie_decl;
/// # #[cfg(unix)] {
/// use std::os::unix::fs::PermissionsExt;
/// use cookie_decl::consent::proof::{FileStore, ProofError, Refusal};
///
/// let shared = std::env::temp_dir().join(format!("cookie-decl-doc-shared-{}", std::process::id()));
/// std::fs::create_dir(&shared)?;
/// std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o777))?;
/// let refused = FileStore::open(&shared).unwrap_err();
/// assert!(matches!(refused, ProofError::Refused { reason: Refusal::WritableByOthers { mode: 0o777 }, .. }));
/// assert!(refused.to_string().contains("mode 0777"), "{refused}");
/// # std::fs::remove_dir(&shared)?;
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// The path is a symbolic link, which the store never follows: for
    /// a file, nothing was read or written through it.
    SymbolicLink,
    /// The store's directory can be written by its group or others (the
    /// bits `0o022` of `mode`): anyone who can could plant a link or a
    /// file among the proofs.
    WritableByOthers {
        /// The directory's mode, `0o7777` bits.
        mode: u32,
    },
    /// The store's directory belongs to another user than the one the
    /// process runs as (its effective uid, root included), who can change
    /// its mode and plant a link or a file among the proofs whatever its
    /// mode is.
    OwnedByAnotherUser {
        /// The directory's owner.
        owner: u32,
        /// The process's effective uid.
        user: u32,
    },
    /// The path, above the store's directory, does not exist: the store
    /// creates its own directory, never the ones above it.
    MissingParent,
    /// The store's directory is not a directory.
    NotADirectory,
    /// A file of the store is not a regular file (a directory, a FIFO, a
    /// device).
    NotAFile,
    /// The store's directory is no longer the one it checked when it was
    /// opened (moved, or replaced, while the store was open).
    Replaced,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::SymbolicLink => f.write_str(
                "it is a symbolic link, which the store never follows: nothing was read or \
                 written through it (remove the link; if you did not make it, someone else can \
                 write the directory)",
            ),
            Refusal::WritableByOthers { mode } => write!(
                f,
                "its group or others can write it (mode {mode:04o}), and so plant a link or a \
                 file among the proofs: check what it holds, then `chmod go-w` it, or choose a \
                 directory of the site's own"
            ),
            Refusal::OwnedByAnotherUser { owner, user } => write!(
                f,
                "it belongs to uid {owner}, not to uid {user} the store runs as, and its owner \
                 can plant a link or a file among the proofs whatever its mode: check what it \
                 holds, then `chown` it to uid {user}, or choose a directory of the site's own"
            ),
            Refusal::MissingParent => f.write_str(
                "it does not exist, and the store creates its own directory, never the ones \
                 above it: check the location for a typo, or create this directory",
            ),
            Refusal::NotADirectory => f.write_str("it is not a directory"),
            Refusal::NotAFile => f.write_str("it is not a regular file"),
            Refusal::Replaced => f.write_str(
                "it is no longer the directory the store opened (it was moved or replaced): \
                 open the store again",
            ),
        }
    }
}

impl fmt::Display for Damage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} damaged bytes at offset {}, set aside",
            self.file.display(),
            self.len,
            self.offset
        )
    }
}

struct Shared {
    dir: PathBuf,
    /// The directory as checked when the store was opened.
    dir_id: DirId,
    /// The directory checked, open: where its files are opened.
    handle: sys::Dir,
    queue: Mutex<Queue>,
    /// Signalled when records wait, when a writer is done, and on close.
    work: Condvar,
    /// The open day files, used by the one writer of the moment.
    files: Mutex<HashMap<String, File>>,
    group_commit: bool,
    recovered: Vec<Damage>,
}

#[derive(Default)]
struct Queue {
    jobs: Vec<Job>,
    /// Whether a writer (the writer thread, or a caller of
    /// `append_blocking`) is writing records taken from `jobs`.
    writing: bool,
    closed: bool,
}

struct Job {
    file: String,
    line: String,
    done: Arc<Completion>,
}

impl fmt::Debug for FileStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileStore")
            .field("dir", &self.shared.dir)
            .finish_non_exhaustive()
    }
}

impl FileStore {
    /// The most bytes of a day's file one lookup by id reads, however
    /// many records share the id's second: see the [`FileStore`] docs.
    pub const LOOKUP_LIMIT: u64 = 256 * 1024;

    /// Opens the store in `dir`, with group commit, creating `dir` (`0700`)
    /// if it is missing, but not the directories above it.
    ///
    /// Refused ([`ProofError::Refused`]): a `dir` whose parent does not
    /// exist, a `dir` that is a symbolic link or not a directory, one that
    /// its group or others can write or that another user owns, and a
    /// store file in it that is a link or not a regular file; see the
    /// [`FileStore`] docs.
    ///
    /// Every file whose last line was cut short is ended with a newline,
    /// and reported in [`recovered`](FileStore::recovered).
    pub fn open(dir: impl AsRef<Path>) -> Result<FileStore, ProofError> {
        FileStoreOptions::default().open(dir)
    }

    /// The options to open a store with.
    pub fn options() -> FileStoreOptions {
        FileStoreOptions::default()
    }

    fn open_with(dir: &Path, options: FileStoreOptions) -> Result<FileStore, ProofError> {
        // `proofs/` and `proofs/.` would have the kernel follow a link
        // named `proofs`: the path is taken as its components.
        let dir: PathBuf = dir.components().collect();
        let (handle, dir_id) = open_dir(&dir)?;
        let mut shared = Shared {
            dir,
            dir_id,
            handle,
            queue: Mutex::new(Queue::default()),
            work: Condvar::new(),
            files: Mutex::new(HashMap::new()),
            group_commit: options.group_commit,
            recovered: Vec::new(),
        };
        for path in shared.store_files()? {
            let mut file = shared.open_append(&path)?;
            let mended = (|| {
                let len = file.metadata()?.len();
                if len == 0 || last_byte(&file, len)? == b'\n' {
                    return Ok(None);
                }
                let start = last_line_start(&file, len)?;
                file.write_all(b"\n")?;
                file.sync_data()?;
                Ok(Some((start, len - start)))
            })()
            .map_err(|error| at(&path, error))?;
            if let Some((offset, len)) = mended {
                shared.recovered.push(Damage {
                    file: path,
                    offset,
                    len,
                });
            }
        }
        let shared = Arc::new(shared);
        let thread = {
            let shared = Arc::clone(&shared);
            thread::Builder::new()
                .name("cookie-decl proofs".to_owned())
                .spawn(move || write_loop(&shared))?
        };
        let writer = Arc::new(Writer {
            shared: Arc::clone(&shared),
            thread: Some(thread),
        });
        Ok(FileStore {
            shared,
            _writer: writer,
        })
    }

    /// The directory of the store.
    pub fn dir(&self) -> &Path {
        &self.shared.dir
    }

    /// The lines found cut short when the store was opened, now set aside.
    pub fn recovered(&self) -> &[Damage] {
        &self.shared.recovered
    }

    /// Reads every file and reports each damaged line: what to run before
    /// an export, or from a monitoring job.
    pub fn verify(&self) -> Result<Vec<Damage>, ProofError> {
        let mut damage = Vec::new();
        let mut files = self.shared.store_files()?;
        files.push(self.shared.dir.join(TEXTS));
        for path in files {
            let Some(file) = self.shared.open_read(&path)? else {
                continue;
            };
            for_each_line(file, 0, 64 * 1024, |offset, line| {
                if Line::parse(line).is_none() {
                    damage.push(Damage {
                        file: path.clone(),
                        offset,
                        len: line.len() as u64,
                    });
                }
                true
            })
            .map_err(|error| at(&path, error))?;
        }
        Ok(damage)
    }

    /// [`append`](ProofStore::append), on the calling thread: when no
    /// other thread is writing, this one writes (and syncs) what waits,
    /// its own record included, with no hand-over to the writer thread;
    /// otherwise its record goes with the next group.
    pub fn append_blocking(&self, record: &ConsentRecord) -> Result<(), ProofError> {
        // The writer thread is not woken: this thread writes, or the
        // writer of the moment wakes it when done.
        let done = self.submit(day_file(record), Line::record(record), false);
        loop {
            if let Some(result) = done.take() {
                return result;
            }
            let mut queue = lock(&self.shared.queue);
            if done.is_finished() {
                continue;
            }
            if !queue.writing && !queue.jobs.is_empty() {
                queue.writing = true;
                drop(queue);
                write_waiting(&self.shared);
            } else {
                // A writer has it, or will: wait for its answer.
                drop(queue);
                return done.wait();
            }
        }
    }

    /// [`find`](ProofStore::find), on the calling thread.
    pub fn find_blocking(&self, id: RecordId) -> Result<Option<ConsentRecord>, ProofError> {
        self.find_counting(id, &mut Budget::new(FileStore::LOOKUP_LIMIT))
    }

    /// [`find_blocking`](FileStore::find_blocking), spending `budget`.
    fn find_counting(
        &self,
        id: RecordId,
        budget: &mut Budget,
    ) -> Result<Option<ConsentRecord>, ProofError> {
        if let Some(millis) = id.unix_millis() {
            let path = self
                .shared
                .dir
                .join(file_name(UNIX_EPOCH + Duration::from_millis(millis)));
            let Some(file) = self.shared.open_read(&path)? else {
                return Ok(None);
            };
            return find_near(&file, id, millis, budget).map_err(|error| at(&path, error));
        }
        for path in self.shared.store_files()?.into_iter().rev() {
            if let Some(record) = self.shared.scan(&path, |record| record.id == id)?.pop() {
                return Ok(Some(record));
            }
        }
        Ok(None)
    }

    /// [`list`](ProofStore::list), on the calling thread.
    pub fn list_blocking(
        &self,
        from: SystemTime,
        to: SystemTime,
    ) -> Result<Vec<ConsentRecord>, ProofError> {
        let (from, to) = (unix_seconds(from), unix_seconds(to));
        let (first, last) = (day_name(from), day_name(to));
        let mut records = Vec::new();
        let mut seen = HashSet::new();
        for path in self.shared.store_files()? {
            let day = day_of(&path);
            if day < first.as_str() || day > last.as_str() {
                continue;
            }
            for record in self
                .shared
                .scan(&path, |record| (from..to).contains(&record.at))?
            {
                if seen.insert(record.id) {
                    records.push(record);
                }
            }
        }
        records.sort_by_key(|record| (record.at, record.id));
        Ok(records)
    }

    /// [`prune`](ProofStore::prune), on the calling thread.
    pub fn prune_blocking(&self, before: SystemTime) -> Result<u64, ProofError> {
        let first_kept = day_name(unix_seconds(before));
        let mut removed = 0;
        for path in self.shared.store_files()? {
            if day_of(&path) < first_kept.as_str() {
                removed += self.shared.scan(&path, |_| true)?.len() as u64;
                self.shared
                    .handle
                    .remove_file(file_name_of(&path)?)
                    .map_err(|error| at(&path, error))?;
            }
        }
        Ok(removed)
    }

    /// [`keep_texts`](ProofStore::keep_texts), waiting on the calling
    /// thread.
    pub fn keep_texts_blocking(&self, texts: &[VersionText]) -> Result<(), ProofError> {
        let kept = self.texts_blocking()?;
        let mut line = String::new();
        for text in texts {
            if !kept.iter().any(|kept| kept.same_as(text)) {
                line.push_str(&Line::text(text));
            }
        }
        if line.is_empty() {
            return Ok(());
        }
        self.submit(TEXTS.to_owned(), line, true).wait()
    }

    /// [`texts`](ProofStore::texts), on the calling thread.
    pub fn texts_blocking(&self) -> Result<Vec<VersionText>, ProofError> {
        let mut texts: Vec<VersionText> = Vec::new();
        let path = self.shared.dir.join(TEXTS);
        let Some(file) = self.shared.open_read(&path)? else {
            return Ok(texts);
        };
        for_each_line(file, 0, 64 * 1024, |_, line| {
            if let Some(Line::Text(text)) = Line::parse(line) {
                if !texts.iter().any(|kept| kept.same_as(&text)) {
                    texts.push(text);
                }
            }
            true
        })
        .map_err(|error| at(&path, error))?;
        Ok(texts)
    }

    /// Queues a line for `file`; `wake` wakes the writer thread for it.
    fn submit(&self, file: String, line: String, wake: bool) -> Arc<Completion> {
        let done = Arc::new(Completion::default());
        let mut queue = lock(&self.shared.queue);
        if queue.closed {
            done.finish(Err(ProofError::Closed));
        } else {
            queue.jobs.push(Job {
                file,
                line,
                done: Arc::clone(&done),
            });
            if wake {
                self.shared.work.notify_all();
            }
        }
        done
    }
}

/// Held by every handle of a store: the last one dropped stops the writer
/// thread once what it holds is written.
struct Writer {
    shared: Arc<Shared>,
    thread: Option<thread::JoinHandle<()>>,
}

impl Drop for Writer {
    fn drop(&mut self) {
        lock(&self.shared.queue).closed = true;
        self.shared.work.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl ProofStore for FileStore {
    fn append(
        &self,
        record: &ConsentRecord,
    ) -> impl Future<Output = Result<(), ProofError>> + Send {
        Pending(self.submit(day_file(record), Line::record(record), true))
    }

    fn find(
        &self,
        id: RecordId,
    ) -> impl Future<Output = Result<Option<ConsentRecord>, ProofError>> + Send {
        core::future::ready(self.find_blocking(id))
    }

    fn list(
        &self,
        from: SystemTime,
        to: SystemTime,
    ) -> impl Future<Output = Result<Vec<ConsentRecord>, ProofError>> + Send {
        core::future::ready(self.list_blocking(from, to))
    }

    fn prune(&self, before: SystemTime) -> impl Future<Output = Result<u64, ProofError>> + Send {
        core::future::ready(self.prune_blocking(before))
    }

    fn keep_texts(
        &self,
        texts: &[VersionText],
    ) -> impl Future<Output = Result<(), ProofError>> + Send {
        let kept = self.texts_blocking();
        let store = self.clone();
        let texts = texts.to_vec();
        async move {
            let kept = kept?;
            let mut line = String::new();
            for text in &texts {
                if !kept.iter().any(|kept| kept.same_as(text)) {
                    line.push_str(&Line::text(text));
                }
            }
            if line.is_empty() {
                return Ok(());
            }
            Pending(store.submit(TEXTS.to_owned(), line, true)).await
        }
    }

    fn texts(&self) -> impl Future<Output = Result<Vec<VersionText>, ProofError>> + Send {
        core::future::ready(self.texts_blocking())
    }
}

/// An append's answer once given, and the waker of the task awaiting it.
type Answer = (Option<Result<(), ProofError>>, Option<Waker>);

/// The answer to one append, which the writer gives.
#[derive(Default)]
struct Completion {
    state: Mutex<Answer>,
    ready: Condvar,
}

impl Completion {
    fn finish(&self, result: Result<(), ProofError>) {
        let mut state = lock(&self.state);
        state.0 = Some(result);
        if let Some(waker) = state.1.take() {
            waker.wake();
        }
        self.ready.notify_all();
    }

    fn take(&self) -> Option<Result<(), ProofError>> {
        lock(&self.state).0.take()
    }

    fn is_finished(&self) -> bool {
        lock(&self.state).0.is_some()
    }

    fn wait(&self) -> Result<(), ProofError> {
        let mut state = lock(&self.state);
        loop {
            if let Some(result) = state.0.take() {
                return result;
            }
            state = self
                .ready
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }
}

/// The future of an append.
struct Pending(Arc<Completion>);

impl Future for Pending {
    type Output = Result<(), ProofError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut state = lock(&self.0.state);
        match state.0.take() {
            Some(result) => Poll::Ready(result),
            None => {
                state.1 = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The writer thread: whenever records wait and no caller is writing
/// them, writes them.
fn write_loop(shared: &Shared) {
    loop {
        let mut queue = lock(&shared.queue);
        loop {
            if !queue.writing && !queue.jobs.is_empty() {
                break;
            }
            if queue.closed && !queue.writing && queue.jobs.is_empty() {
                return;
            }
            queue = shared
                .work
                .wait(queue)
                .unwrap_or_else(PoisonError::into_inner);
        }
        queue.writing = true;
        drop(queue);
        write_waiting(shared);
    }
}

/// Writes what waits, as the one writer (the caller set `writing`): each
/// file's lines in one `write`, each file written synced, then the
/// answers; clears `writing`.
fn write_waiting(shared: &Shared) {
    let jobs = {
        let mut queue = lock(&shared.queue);
        if shared.group_commit {
            core::mem::take(&mut queue.jobs)
        } else {
            vec![queue.jobs.remove(0)]
        }
    };
    let mut by_file: Vec<(String, Vec<Job>)> = Vec::new();
    for job in jobs {
        match by_file.iter_mut().find(|(file, _)| *file == job.file) {
            Some((_, jobs)) => jobs.push(job),
            None => by_file.push((job.file.clone(), vec![job])),
        }
    }
    let mut files = lock(&shared.files);
    // One file a day: keep the few written last.
    if files.len() > 4 {
        files.clear();
    }
    for (name, mut jobs) in by_file {
        // A group's records in the order of their ids (time, then the
        // random part), which a lookup bisects on: records that share a
        // millisecond are then found among them by bisection too. Lines
        // without a record id (texts) keep their order.
        jobs.sort_by_key(|job| quick_id(&job.line).map(|id| *id.as_bytes()));
        let result = write_batch(shared, &mut files, &name, &jobs);
        if result.is_err() {
            // Reopen next time, and look at how the file ends.
            files.remove(&name);
        }
        for job in &jobs {
            job.done.finish(match &result {
                Ok(()) => Ok(()),
                Err(error) => Err(error.duplicate()),
            });
        }
    }
    drop(files);
    lock(&shared.queue).writing = false;
    shared.work.notify_all();
}

fn write_batch(
    shared: &Shared,
    files: &mut HashMap<String, File>,
    name: &str,
    jobs: &[Job],
) -> Result<(), ProofError> {
    let path = shared.dir.join(name);
    let mut bytes = String::with_capacity(jobs.iter().map(|job| job.line.len()).sum::<usize>() + 1);
    let file = match files.entry(name.to_owned()) {
        std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
        std::collections::hash_map::Entry::Vacant(entry) => {
            let file = shared.open_append(&path)?;
            // A line left cut short (by this writer's failed write, or
            // another process's) ends here, not in our record. Later
            // writes of this handle follow our own whole lines; should
            // another process tear one meanwhile, the reader still finds
            // the record glued after it by its mark.
            let len = file.metadata().map_err(|error| at(&path, error))?.len();
            if len > 0 && last_byte(&file, len).map_err(|error| at(&path, error))? != b'\n' {
                bytes.push('\n');
            }
            entry.insert(file)
        }
    };
    for job in jobs {
        bytes.push_str(&job.line);
    }
    // One `write`: with `O_APPEND`, the kernel puts it whole at the end.
    let written = file
        .write(bytes.as_bytes())
        .map_err(|error| at(&path, error))?;
    if written != bytes.len() {
        let short = io::Error::new(
            io::ErrorKind::WriteZero,
            format!(
                "wrote {written} of {} bytes (is the disk full?)",
                bytes.len()
            ),
        );
        return Err(at(&path, short));
    }
    file.sync_data().map_err(|error| at(&path, error))
}

/// A line of a store's file.
enum Line {
    Record(ConsentRecord),
    Text(VersionText),
}

impl Line {
    fn record(record: &ConsentRecord) -> String {
        Line::frame("record", &record.to_json())
    }

    fn text(text: &VersionText) -> String {
        Line::frame("text", &text.to_json())
    }

    fn frame(key: &str, body: &str) -> String {
        format!("{MARK}{:016x}\",\"{key}\":{body}}}\n", checksum(body))
    }

    /// The record or text of a line, when the line is whole and its
    /// checksum matches; a record glued after damage is found by its mark.
    fn parse(line: &str) -> Option<Line> {
        let start = line.rfind(MARK)?;
        let rest = &line[start + MARK.len()..];
        let check = rest.get(..16)?;
        let rest = rest.get(16..)?;
        let (kind, body) = if let Some(body) = rest.strip_prefix("\",\"record\":") {
            ("record", body)
        } else {
            ("text", rest.strip_prefix("\",\"text\":")?)
        };
        let body = body.strip_suffix('}')?;
        if format!("{:016x}", checksum(body)) != check {
            return None;
        }
        match kind {
            "record" => ConsentRecord::from_json(body).map(Line::Record),
            _ => VersionText::from_json(body).map(Line::Text),
        }
    }
}

/// 64-bit FNV-1a: against damage, not against a forger (who could write
/// the files could write anything).
fn checksum(body: &str) -> u64 {
    body.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn unix_seconds(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

/// `2026-12-02` for a time in that day (UTC).
fn day_name(seconds: u64) -> String {
    Rfc3339(seconds - seconds % 86_400).to_string()[..10].to_owned()
}

fn file_name(time: SystemTime) -> String {
    format!("consent-{}.jsonl", day_name(unix_seconds(time)))
}

/// The file a record goes to: the day of its id's time, for the ids that
/// carry one (so that a lookup by id knows where to look), else of its
/// own time.
fn day_file(record: &ConsentRecord) -> String {
    let seconds = record.id.unix_millis().map_or(record.at, |ms| ms / 1000);
    format!("consent-{}.jsonl", day_name(seconds))
}

fn day_of(path: &Path) -> &str {
    path.file_name()
        .and_then(|name| name.to_str())
        .and_then(|name| name.strip_prefix("consent-"))
        .and_then(|name| name.strip_suffix(".jsonl"))
        .unwrap_or("")
}

impl Shared {
    /// Checks that the directory's path still names the directory checked
    /// when the store was opened: no link, not writable by others, its
    /// user's, the same device and inode. Called before any file of it is
    /// opened.
    fn check_dir(&self) -> Result<(), ProofError> {
        let metadata = fs::symlink_metadata(&self.dir).map_err(|error| at(&self.dir, error))?;
        if checked_dir(&self.dir, &metadata)? == self.dir_id {
            Ok(())
        } else {
            Err(refused(&self.dir, Refusal::Replaced))
        }
    }

    /// The day files of the store, oldest first (links named as day files
    /// included, for their open to refuse them).
    fn store_files(&self) -> Result<Vec<PathBuf>, ProofError> {
        self.check_dir()?;
        let mut files = Vec::new();
        let entries = fs::read_dir(&self.dir).map_err(|error| at(&self.dir, error))?;
        for entry in entries {
            let path = entry.map_err(|error| at(&self.dir, error))?.path();
            let day = day_of(&path);
            let is_day = day.len() == 10
                && day.bytes().enumerate().all(|(i, b)| {
                    if i == 4 || i == 7 {
                        b == b'-'
                    } else {
                        b.is_ascii_digit()
                    }
                });
            if is_day {
                files.push(path);
            }
        }
        files.sort();
        Ok(files)
    }

    /// A file of the store, to append to, created `0600` if missing.
    fn open_append(&self, path: &Path) -> Result<File, ProofError> {
        self.check_dir()?;
        self.open_file(path, true)?
            .ok_or_else(|| at(path, io::ErrorKind::NotFound.into()))
    }

    /// A file of the store, to read; `None` if there is none.
    fn open_read(&self, path: &Path) -> Result<Option<File>, ProofError> {
        self.check_dir()?;
        self.open_file(path, false)
    }

    /// Opens the file of the store `path` names (in the directory held
    /// open, whatever its path names now), to append to or to read, never
    /// through a symbolic link, and only a regular file; `None` when it is
    /// missing and not to be created.
    fn open_file(&self, path: &Path, append: bool) -> Result<Option<File>, ProofError> {
        if sys::FOLLOWS_LINKS && is_link(path) {
            return Err(refused(path, Refusal::SymbolicLink));
        }
        match self.handle.open_file(file_name_of(path)?, append) {
            Ok(file) => {
                let metadata = file.metadata().map_err(|error| at(path, error))?;
                if !metadata.is_file() {
                    return Err(refused(path, Refusal::NotAFile));
                }
                Ok(Some(file))
            }
            // `O_NOFOLLOW` fails with `ELOOP` (`EMLINK` on FreeBSD, `EFTYPE`
            // on NetBSD), a directory opened to write with `EISDIR`: say
            // why, from what the path names (only the message depends on
            // it, nothing was opened).
            Err(_) if is_link(path) => Err(refused(path, Refusal::SymbolicLink)),
            Err(_) if fs::symlink_metadata(path).is_ok_and(|metadata| !metadata.is_file()) => {
                Err(refused(path, Refusal::NotAFile))
            }
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(at(path, error)),
        }
    }

    /// The records of a file that `keep` keeps, each id once.
    fn scan(
        &self,
        path: &Path,
        mut keep: impl FnMut(&ConsentRecord) -> bool,
    ) -> Result<Vec<ConsentRecord>, ProofError> {
        let mut records: Vec<ConsentRecord> = Vec::new();
        let Some(file) = self.open_read(path)? else {
            return Ok(records);
        };
        let mut seen = HashSet::new();
        for_each_line(file, 0, 64 * 1024, |_, line| {
            if let Some(Line::Record(record)) = Line::parse(line) {
                if keep(&record) && seen.insert(record.id) {
                    records.push(record);
                }
            }
            true
        })
        .map_err(|error| at(path, error))?;
        Ok(records)
    }
}

/// The identity of the store's directory: its device and inode, on Unix.
#[derive(Clone, Copy, PartialEq, Eq)]
struct DirId(u64, u64);

/// Creates `dir`, `0700`, if it is missing (never its parents), opens it
/// and checks what it opened: the directory and its identity.
fn open_dir(dir: &Path) -> Result<(sys::Dir, DirId), ProofError> {
    #[cfg_attr(not(unix), allow(unused_mut))]
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    match builder.create(dir) {
        Ok(()) => {}
        // There already: a directory, or something refused below.
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {}
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            return Err(refused(&highest_missing(dir), Refusal::MissingParent));
        }
        Err(error) => return Err(at(dir, error)),
    }
    let handle = sys::Dir::open(dir).map_err(|error| match fs::symlink_metadata(dir) {
        Ok(metadata) if metadata.file_type().is_symlink() => refused(dir, Refusal::SymbolicLink),
        Ok(metadata) if !metadata.is_dir() => refused(dir, Refusal::NotADirectory),
        _ => at(dir, error),
    })?;
    let metadata = handle.metadata().map_err(|error| at(dir, error))?;
    let id = checked_dir(dir, &metadata)?;
    Ok((handle, id))
}

/// The store's directory `dir`, of `metadata` (not followed through a
/// link), is a directory, not a link, and (on Unix) not writable by its
/// group or others and owned by the process's effective user: its
/// identity.
fn checked_dir(dir: &Path, metadata: &fs::Metadata) -> Result<DirId, ProofError> {
    if metadata.file_type().is_symlink() {
        return Err(refused(dir, Refusal::SymbolicLink));
    }
    if !metadata.is_dir() {
        return Err(refused(dir, Refusal::NotADirectory));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let mode = metadata.mode() & 0o7777;
        if mode & 0o022 != 0 {
            return Err(refused(dir, Refusal::WritableByOthers { mode }));
        }
        // `uid_t` is `u32` on most targets, `u16` or `i32` on a few.
        // SAFETY: `geteuid` takes no argument, cannot fail and reads only
        // the process's credentials.
        let user = unsafe { libc::geteuid() } as u32;
        if metadata.uid() != user {
            return Err(refused(
                dir,
                Refusal::OwnedByAnotherUser {
                    owner: metadata.uid(),
                    user,
                },
            ));
        }
        Ok(DirId(metadata.dev(), metadata.ino()))
    }
    #[cfg(not(unix))]
    Ok(DirId(0, 0))
}

/// The highest directory above `dir` that does not exist: where the typo
/// is.
fn highest_missing(dir: &Path) -> PathBuf {
    let mut missing = dir.parent().unwrap_or(dir);
    for ancestor in dir.ancestors().skip(1) {
        let here = if ancestor.as_os_str().is_empty() {
            Path::new(".")
        } else {
            ancestor
        };
        match fs::metadata(here) {
            Err(error) if error.kind() == io::ErrorKind::NotFound => missing = ancestor,
            _ => break,
        }
    }
    missing.to_owned()
}

/// The name of a file of the store, within its directory.
fn file_name_of(path: &Path) -> Result<&std::ffi::OsStr, ProofError> {
    path.file_name()
        .ok_or_else(|| at(path, io::ErrorKind::InvalidInput.into()))
}

fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|metadata| metadata.file_type().is_symlink())
}

/// The store's files, reached through a handle of its directory, with the
/// C library's `openat`, `unlinkat` and `O_NOFOLLOW`.
#[cfg(all(
    unix,
    not(any(
        target_os = "espidf",
        target_os = "horizon",
        target_os = "l4re",
        target_os = "vxworks"
    ))
))]
mod sys {
    use std::ffi::{CString, OsStr};
    use std::fs::{File, Metadata, OpenOptions};
    use std::io;
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::OpenOptionsExt;
    use std::path::Path;

    /// Whether opening a file may follow a symbolic link: never here.
    pub(super) const FOLLOWS_LINKS: bool = false;

    /// The store's directory, open: its files are opened and removed
    /// relative to it, so that they are the directory's it opened,
    /// whatever its path names since.
    pub(super) struct Dir(File);

    impl Dir {
        /// Opens the directory `path` names, never a symbolic link, nor
        /// anything but a directory.
        pub(super) fn open(path: &Path) -> io::Result<Dir> {
            OpenOptions::new()
                .read(true)
                .custom_flags(libc::O_DIRECTORY | libc::O_NOFOLLOW | libc::O_CLOEXEC)
                .open(path)
                .map(Dir)
        }

        /// The metadata of the directory open (`fstat`), not of what its
        /// path names now.
        pub(super) fn metadata(&self) -> io::Result<Metadata> {
            self.0.metadata()
        }

        /// Opens its file `name`, never through a symbolic link: to read
        /// and append, created `0600` if missing, or to read.
        pub(super) fn open_file(&self, name: &OsStr, append: bool) -> io::Result<File> {
            let name = c_name(name)?;
            let access = if append {
                libc::O_RDWR | libc::O_APPEND | libc::O_CREAT
            } else {
                libc::O_RDONLY
            };
            let flags = access | libc::O_NOFOLLOW | libc::O_CLOEXEC;
            loop {
                // SAFETY: the descriptor is the directory's, open while
                // `self` lives; `name` is a NUL-terminated string that
                // outlives the call; the mode is given as the `c_uint` the
                // variadic argument is read as.
                let fd = unsafe {
                    libc::openat(
                        self.0.as_raw_fd(),
                        name.as_ptr(),
                        flags,
                        0o600 as libc::c_uint,
                    )
                };
                if fd >= 0 {
                    // SAFETY: `openat` has just returned `fd`, open and
                    // owned by nothing else.
                    return Ok(File::from(unsafe { OwnedFd::from_raw_fd(fd) }));
                }
                let error = io::Error::last_os_error();
                if error.kind() != io::ErrorKind::Interrupted {
                    return Err(error);
                }
            }
        }

        /// Removes its file `name` (a link itself, not what it names).
        pub(super) fn remove_file(&self, name: &OsStr) -> io::Result<()> {
            let name = c_name(name)?;
            // SAFETY: as for `openat` above.
            if unsafe { libc::unlinkat(self.0.as_raw_fd(), name.as_ptr(), 0) } == 0 {
                Ok(())
            } else {
                Err(io::Error::last_os_error())
            }
        }
    }

    fn c_name(name: &OsStr) -> io::Result<CString> {
        CString::new(name.as_bytes()).map_err(|_| io::ErrorKind::InvalidInput.into())
    }

    #[cfg(test)]
    mod tests {
        use std::fs;
        use std::io::Write;

        use super::*;

        /// The store's directory renamed and another put in its place
        /// between the check of its path and an open (the race the
        /// check alone leaves): the file is the checked directory's.
        #[test]
        fn a_directory_swapped_in_after_the_check_is_not_written_to() {
            let base = super::super::tests::scratch("swapped");
            fs::create_dir(&base).unwrap();
            let path = base.join("proofs");
            fs::create_dir(&path).unwrap();
            let dir = Dir::open(&path).unwrap();
            let moved = base.join("moved");
            fs::rename(&path, &moved).unwrap();
            fs::create_dir(&path).unwrap();
            let name = OsStr::new("texts.jsonl");
            dir.open_file(name, true)
                .unwrap()
                .write_all(b"line\n")
                .unwrap();
            assert_eq!(fs::read_dir(&path).unwrap().count(), 0);
            assert_eq!(fs::read(moved.join(name)).unwrap(), b"line\n");
            dir.remove_file(name).unwrap();
            assert!(!moved.join(name).exists());

            // A link there is not opened, to read or to append.
            let victim = base.join("victim");
            fs::write(&victim, "x").unwrap();
            std::os::unix::fs::symlink(&victim, moved.join(name)).unwrap();
            assert!(dir.open_file(name, false).is_err());
            assert!(dir.open_file(name, true).is_err());
            assert_eq!(fs::read_to_string(&victim).unwrap(), "x");
            // Nor is a link the directory.
            std::os::unix::fs::symlink(&moved, base.join("link")).unwrap();
            assert!(Dir::open(&base.join("link")).is_err());
            fs::remove_dir_all(&base).unwrap();
        }
    }
}

/// Elsewhere, the store's files reached by their paths.
#[cfg(not(all(
    unix,
    not(any(
        target_os = "espidf",
        target_os = "horizon",
        target_os = "l4re",
        target_os = "vxworks"
    ))
)))]
mod sys {
    use std::ffi::OsStr;
    use std::fs::{self, File, Metadata, OpenOptions};
    use std::io;
    use std::path::{Path, PathBuf};

    /// Whether opening a file may follow a symbolic link: yes, so the
    /// store looks for one just before, which is not atomic.
    pub(super) const FOLLOWS_LINKS: bool = true;

    /// The store's directory, by its path.
    pub(super) struct Dir(PathBuf);

    impl Dir {
        /// The directory `path` names, not a symbolic link.
        pub(super) fn open(path: &Path) -> io::Result<Dir> {
            if fs::symlink_metadata(path)?.is_dir() {
                Ok(Dir(path.to_owned()))
            } else {
                Err(io::ErrorKind::InvalidInput.into())
            }
        }

        /// The metadata of what its path names now (not followed).
        pub(super) fn metadata(&self) -> io::Result<Metadata> {
            fs::symlink_metadata(&self.0)
        }

        /// Opens its file `name`: to read and append, created `0600` (on
        /// Unix) if missing, or to read.
        pub(super) fn open_file(&self, name: &OsStr, append: bool) -> io::Result<File> {
            let mut options = OpenOptions::new();
            options.read(true);
            if append {
                options.append(true).create(true);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            }
            options.open(self.0.join(name))
        }

        /// Removes its file `name`.
        pub(super) fn remove_file(&self, name: &OsStr) -> io::Result<()> {
            fs::remove_file(self.0.join(name))
        }
    }
}

fn refused(path: &Path, reason: Refusal) -> ProofError {
    ProofError::Refused {
        path: path.to_owned(),
        reason,
    }
}

/// An I/O error of the store, with the path it happened at.
fn at(path: &Path, error: io::Error) -> ProofError {
    ProofError::Io(io::Error::new(
        error.kind(),
        AtPath {
            path: path.to_owned(),
            error,
        },
    ))
}

/// An I/O error and its path: `/var/lib/site/proofs/texts.jsonl:
/// Permission denied (os error 13)`.
#[derive(Debug)]
struct AtPath {
    path: PathBuf,
    error: io::Error,
}

impl fmt::Display for AtPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.error)
    }
}

impl std::error::Error for AtPath {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

fn last_byte(file: &File, len: u64) -> io::Result<u8> {
    let mut byte = [0];
    read_at(file, len - 1, &mut byte)?;
    Ok(byte[0])
}

fn read_at(file: &File, offset: u64, buf: &mut [u8]) -> io::Result<usize> {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::read_at(file, buf, offset)
    }
    #[cfg(not(unix))]
    {
        use std::io::Read;
        let mut file = file;
        file.seek(SeekFrom::Start(offset))?;
        file.read(buf)
    }
}

/// Where the last line of a file that does not end with a newline starts.
fn last_line_start(file: &File, len: u64) -> io::Result<u64> {
    let mut end = len;
    let mut chunk = [0; 4096];
    while end > 0 {
        let start = end.saturating_sub(chunk.len() as u64);
        let buf = &mut chunk[..(end - start) as usize];
        read_at(file, start, buf)?;
        if let Some(at) = buf.iter().rposition(|&b| b == b'\n') {
            return Ok(start + at as u64 + 1);
        }
        end = start;
    }
    Ok(0)
}

/// Calls `each` with every line of `file` from `offset` on (with its
/// offset, without its newline) until it answers `false`. A line that is
/// not UTF-8 is given as the empty string's damage: `""` never parses.
fn for_each_line(
    mut file: File,
    offset: u64,
    buffer: usize,
    mut each: impl FnMut(u64, &str) -> bool,
) -> io::Result<()> {
    file.seek(SeekFrom::Start(offset))?;
    let mut reader = BufReader::with_capacity(buffer, file);
    let mut line = Vec::new();
    let mut at = offset;
    loop {
        line.clear();
        let read = reader.read_until(b'\n', &mut line)?;
        if read == 0 {
            return Ok(());
        }
        let text = line.strip_suffix(b"\n").unwrap_or(&line);
        if !text.is_empty() && !each(at, core::str::from_utf8(text).unwrap_or("\u{0}")) {
            return Ok(());
        }
        at += read as u64;
    }
}

/// What one lookup may still read of a file, and has read.
pub(crate) struct Budget {
    left: u64,
    read: u64,
}

impl Budget {
    fn new(limit: u64) -> Budget {
        Budget {
            left: limit,
            read: 0,
        }
    }

    /// `read_at`, within the budget: 0 once it is spent.
    fn read_at(&mut self, file: &File, offset: u64, buf: &mut [u8]) -> io::Result<usize> {
        let allowed = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        if allowed == 0 {
            return Ok(0);
        }
        let read = read_at(file, offset, &mut buf[..allowed])?;
        self.left -= read as u64;
        self.read += read as u64;
        Ok(read)
    }

    /// The bytes from `offset` to `end`, or fewer where the file or the
    /// budget ends first.
    fn read_range(&mut self, file: &File, offset: u64, end: u64) -> io::Result<Vec<u8>> {
        let mut bytes = vec![0; usize::try_from(end - offset).unwrap_or(usize::MAX)];
        let mut filled = 0;
        while filled < bytes.len() {
            let read = self.read_at(file, offset + filled as u64, &mut bytes[filled..])?;
            if read == 0 {
                break;
            }
            filled += read;
        }
        bytes.truncate(filled);
        Ok(bytes)
    }
}

/// The id (UUIDv7, which carries its time) of the first whole, sound
/// record line starting after `offset` (at `offset` itself when a line
/// starts there); `None` past the last one, or once the budget is spent.
fn record_id_after(
    file: &File,
    offset: u64,
    len: u64,
    budget: &mut Budget,
) -> io::Result<Option<RecordId>> {
    let mut buf = [0; 4096];
    // From the byte before `offset`: a line starts after a newline.
    let mut at = offset.saturating_sub(1);
    let mut at_line_start = offset == 0;
    let mut line = Vec::new();
    while at < len {
        let read = budget.read_at(file, at, &mut buf)?;
        if read == 0 {
            return Ok(None);
        }
        at += read as u64;
        let mut chunk = &buf[..read];
        if !at_line_start {
            match chunk.iter().position(|&b| b == b'\n') {
                Some(newline) => {
                    chunk = &chunk[newline + 1..];
                    at_line_start = true;
                }
                None => continue,
            }
        }
        while let Some(newline) = chunk.iter().position(|&b| b == b'\n') {
            line.extend_from_slice(&chunk[..newline]);
            if let Some(id) = verified_id(&line) {
                return Ok(Some(id));
            }
            line.clear();
            chunk = &chunk[newline + 1..];
        }
        line.extend_from_slice(chunk);
    }
    Ok(verified_id(&line))
}

/// A line's record id, when it carries its time and the line is one the
/// store wrote whole, its checksum matching.
fn verified_id(line: &[u8]) -> Option<RecordId> {
    let line = core::str::from_utf8(line).ok()?;
    let id = quick_id(line)?;
    id.unix_millis()?;
    is_sound(line).then_some(id)
}

/// Whether a line starts with the mark and its checksum matches its body.
fn is_sound(line: &str) -> bool {
    let Some(rest) = line.strip_prefix(MARK) else {
        return false;
    };
    let (Some(check), Some(rest)) = (rest.get(..16), rest.get(16..)) else {
        return false;
    };
    let body = rest
        .strip_prefix("\",\"record\":")
        .or_else(|| rest.strip_prefix("\",\"text\":"))
        .and_then(|body| body.strip_suffix('}'));
    body.is_some_and(|body| u64::from_str_radix(check, 16).ok() == Some(checksum(body)))
}

/// The id of a line as the store writes it, read at its place without
/// parsing the line: a hint, which the line's checksum has not confirmed.
fn quick_id(line: &str) -> Option<RecordId> {
    const ID_AT: usize = MARK.len() + 16 + "\",\"record\":{\"id\":\"".len();
    let head = line.get(..ID_AT)?;
    if !head.starts_with(MARK) || !head.ends_with("\",\"record\":{\"id\":\"") {
        return None;
    }
    line.get(ID_AT..ID_AT + 32)?.parse().ok()
}

/// The record `id` in `file`, whose records are near the place of their
/// ids in the order of ids (time, then the random part): bisect to the
/// place of `id`, then read outwards from there, within `budget`.
fn find_near(
    file: &File,
    id: RecordId,
    millis: u64,
    budget: &mut Budget,
) -> io::Result<Option<ConsentRecord>> {
    let len = file.metadata()?.len();
    // The first line at or after `low` comes before `id`, or is the
    // file's first line.
    let (mut low, mut high) = (0, len);
    while high - low > 16 * 1024 {
        let mid = low + (high - low) / 2;
        match record_id_after(file, mid, len, budget)? {
            Some(line_id) if line_id.as_bytes() < id.as_bytes() => low = mid,
            _ => high = mid,
        }
    }
    // A record is written after its id is made: usually at the place of
    // its time or a little after it, seldom before. The window grows
    // three times faster forward than back.
    let oldest = millis.saturating_sub(DISORDER.as_millis() as u64);
    let latest = millis.saturating_add(LATE.as_millis() as u64);
    let (mut start, mut end) = (low, low);
    let mut window = Vec::new();
    let mut step = 4 * 1024;
    let (mut back_done, mut forward_done) = (false, false);
    loop {
        if !forward_done {
            let more = budget.read_range(file, end, len.min(end + 3 * step))?;
            end += more.len() as u64;
            window.extend_from_slice(&more);
        }
        if !back_done {
            let back = start.min(step).min(budget.left);
            let mut earlier = budget.read_range(file, start - back, start)?;
            start -= earlier.len() as u64;
            earlier.append(&mut window);
            window = earlier;
        }
        let (found, first_time, last_time) = search_window(&window, start == 0, end == len, id);
        if found.is_some() {
            return Ok(found);
        }
        back_done |= start == 0 || first_time.is_some_and(|time| time < oldest);
        forward_done |= end == len || last_time.is_some_and(|time| time > latest);
        if (back_done && forward_done) || budget.left == 0 {
            return Ok(None);
        }
        step *= 2;
    }
}

/// The record `id` among the whole lines of `window` (the first is whole
/// at the file's start, the last at its end), and the times of the first
/// and the last sound lines.
fn search_window(
    window: &[u8],
    at_start: bool,
    at_end: bool,
    id: RecordId,
) -> (Option<ConsentRecord>, Option<u64>, Option<u64>) {
    let mut lines: Vec<&[u8]> = window.split(|&b| b == b'\n').collect();
    // Cut lines at both ends of the window are not read: the next, larger
    // window reads them whole.
    if !at_start && !lines.is_empty() {
        lines.remove(0);
    }
    if !at_end {
        lines.pop();
    }
    let time = |line: &&[u8]| verified_id(line).and_then(|id| id.unix_millis());
    let first_time = lines.iter().find_map(time);
    let last_time = lines.iter().rev().find_map(time);
    for line in lines {
        let Ok(line) = core::str::from_utf8(line) else {
            continue;
        };
        // Most lines are read for their id alone, at its place in the
        // line; a line is parsed (and its checksum checked) only when it
        // is the one looked for, or has no id at that place (a record
        // glued after damage), so that damage never gives a record.
        match quick_id(line) {
            Some(line_id) if line_id != id => {}
            _ => {
                if let Some(Line::Record(record)) = Line::parse(line) {
                    if record.id == id {
                        return (Some(record), first_time, last_time);
                    }
                }
            }
        }
    }
    (None, first_time, last_time)
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;
    use std::fs::OpenOptions;

    use super::*;
    use crate::consent::CategorySet;
    use crate::consent::record::ChoiceMethod;

    /// A directory of the test's own, in the system's temporary one.
    pub(super) fn scratch(name: &str) -> PathBuf {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        std::env::temp_dir().join(format!(
            "cookie-decl-unit-{name}-{}-{nanos}",
            std::process::id()
        ))
    }

    /// A record whose UUIDv7 id is of time `millis`, its random part `n`.
    fn record_at(millis: u64, n: u64) -> ConsentRecord {
        let mut bytes = [0; 16];
        bytes[..6].copy_from_slice(&millis.to_be_bytes()[2..]);
        bytes[8..].copy_from_slice(&n.wrapping_mul(0x9e37_79b9_7f4a_7c15).to_be_bytes());
        bytes[6] = 0x70;
        bytes[8] = 0x80 | (bytes[8] & 0x3f);
        ConsentRecord {
            id: RecordId::from_bytes(bytes),
            at: millis / 1000,
            site: Cow::Borrowed("https://example.fr"),
            fingerprint: 1,
            charte_version: 2,
            banner_version: 3,
            method: ChoiceMethod::AcceptAll,
            gpc: false,
            granted: CategorySet::NONE,
            refused: CategorySet::NONE,
            withdrawn: CategorySet::NONE,
        }
    }

    /// 30,000 records in one second (30 a millisecond, about 12 MB),
    /// between quieter seconds: a lookup of any of them, or of an id of
    /// that second the store does not hold, reads at most `LOOKUP_LIMIT`
    /// bytes, as a lookup at a quiet second does.
    #[test]
    fn a_lookup_at_a_busy_second_reads_a_bounded_amount() {
        let dir = scratch("busy");
        let store = FileStore::open(&dir).unwrap();
        let second = 1_764_028_800_000 + 12 * 3_600_000; // 2025-11-25T12:00:00Z
        let mut records = Vec::new();
        // Quiet before: one record every 50 ms for a minute.
        records.extend((0..1_200).map(|n| record_at(second - 60_000 + n * 50, n)));
        // The busy second, in the order of its ids' times.
        records.extend((0..30_000).map(|n| record_at(second + n / 30, 10_000 + n)));
        // Quiet after.
        records.extend((0..1_200).map(|n| record_at(second + 1_000 + n * 50, 50_000 + n)));
        let lines: String = records.iter().map(Line::record).collect();
        let path = dir.join(day_file(&records[0]));
        fs::write(&path, &lines).unwrap();
        let len = fs::metadata(&path).unwrap().len();
        assert!(len > 10 * 1024 * 1024, "{len}");

        let lookup = |id: RecordId| {
            let mut budget = Budget::new(FileStore::LOOKUP_LIMIT);
            let found = store.find_counting(id, &mut budget).unwrap();
            (found, budget.read)
        };
        let mut most = 0;
        for n in [1_200, 1_201, 9_999, 16_200, 16_201, 31_199] {
            let (found, read) = lookup(records[n].id);
            assert_eq!(found.as_ref(), Some(&records[n]), "record {n}");
            assert!(read <= FileStore::LOOKUP_LIMIT, "record {n}: {read} bytes");
            most = most.max(read);
        }
        for n in [0, 600, 31_200, 32_399] {
            let (found, read) = lookup(records[n].id);
            assert_eq!(found.as_ref(), Some(&records[n]), "record {n}");
            assert!(read <= FileStore::LOOKUP_LIMIT, "record {n}: {read} bytes");
        }
        let (found, read) = lookup(record_at(second + 500, 7).id);
        assert_eq!(found, None);
        assert!(read <= FileStore::LOOKUP_LIMIT, "absent: {read} bytes");

        // 5,000 records of one millisecond (2 MB), written as one group
        // is: in the order of their ids.
        let mut crowd: Vec<ConsentRecord> = (0..5_000)
            .map(|n| record_at(second + 2 * 60_000, 100_000 + n))
            .collect();
        crowd.sort_by_key(|record| *record.id.as_bytes());
        let lines: String = crowd.iter().map(Line::record).collect();
        OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(lines.as_bytes())
            .unwrap();
        for n in [0, 2_500, 4_999, 1_234] {
            let target = &crowd[(n * 7_919) % crowd.len()];
            let (found, read) = lookup(target.id);
            assert_eq!(found.as_ref(), Some(target), "record {n}");
            assert!(read <= FileStore::LOOKUP_LIMIT, "record {n}: {read} bytes");
        }
        // The old lookup read every record within 10 s of the id: the
        // whole busy second.
        assert!(most * 40 < len, "{most} of {len} bytes");
        drop(store);
        fs::remove_dir_all(&dir).unwrap();
    }
}
