//! The embedded proof store: append-only JSON lines, one file a day.

use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, Waker};
use std::collections::{HashMap, HashSet};
use std::fs::{self, File, OpenOptions};
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

/// How far apart in time two records of one file may be written out of
/// order (two processes, two writer threads): a lookup by id reads this
/// far either side of the id's time.
const DISORDER: Duration = Duration::from_secs(10);

/// The durable, dependency-free [`ProofStore`]: a directory of
/// append-only JSON-lines files, one per day (UTC) of the records' time,
/// `consent-2026-12-02.jsonl`, and `texts.jsonl` for the texts.
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
/// - **Private.** The directory is created `0700`, its files `0600` (on
///   Unix): a proof names no one, but it is the site's evidence, not the
///   world's. Do not put it in a world-writable directory such as `/tmp`.
/// - **Lookups without an index in memory.** The ids
///   [`RecordId::random`] makes carry their time: [`find`](ProofStore::find)
///   opens that day's file and searches it by bisection, reading a few
///   pages, however many records the store holds. An id made otherwise is
///   looked for in every file.
/// - **Retention by whole days.** [`prune`](ProofStore::prune) removes the
///   files of the days before the one `before` falls in.
///
/// A record appended twice (a retry) is read once.
///
/// ```
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

    /// Opens (or creates) the store in `dir`.
    pub fn open(self, dir: impl AsRef<Path>) -> io::Result<FileStore> {
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
    /// Opens (or creates) the store in `dir`, with group commit.
    ///
    /// Every file whose last line was cut short is ended with a newline,
    /// and reported in [`recovered`](FileStore::recovered).
    pub fn open(dir: impl AsRef<Path>) -> io::Result<FileStore> {
        FileStoreOptions::default().open(dir)
    }

    /// The options to open a store with.
    pub fn options() -> FileStoreOptions {
        FileStoreOptions::default()
    }

    fn open_with(dir: &Path, options: FileStoreOptions) -> io::Result<FileStore> {
        create_private_dir(dir)?;
        let mut recovered = Vec::new();
        for path in store_files(dir)? {
            let mut file = open_append(&path)?;
            let len = file.metadata()?.len();
            if len > 0 && last_byte(&mut file, len)? != b'\n' {
                let start = last_line_start(&mut file, len)?;
                file.write_all(b"\n")?;
                file.sync_data()?;
                recovered.push(Damage {
                    file: path,
                    offset: start,
                    len: len - start,
                });
            }
        }
        let shared = Arc::new(Shared {
            dir: dir.to_owned(),
            queue: Mutex::new(Queue::default()),
            work: Condvar::new(),
            files: Mutex::new(HashMap::new()),
            group_commit: options.group_commit,
            recovered,
        });
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
    pub fn verify(&self) -> io::Result<Vec<Damage>> {
        let mut damage = Vec::new();
        let mut files = store_files(&self.shared.dir)?;
        files.push(self.shared.dir.join(TEXTS));
        for path in files {
            let Some(file) = open_read(&path)? else {
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
            })?;
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
        let dir = &self.shared.dir;
        if let Some(millis) = id.unix_millis() {
            let at = UNIX_EPOCH + Duration::from_millis(millis);
            let path = dir.join(file_name(at));
            return Ok(find_near(&path, id, millis)?);
        }
        for path in store_files(dir)?.into_iter().rev() {
            if let Some(record) = scan(&path, |record| record.id == id)?.pop() {
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
        for path in store_files(&self.shared.dir)? {
            let day = day_of(&path);
            if day < first.as_str() || day > last.as_str() {
                continue;
            }
            for record in scan(&path, |record| (from..to).contains(&record.at))? {
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
        for path in store_files(&self.shared.dir)? {
            if day_of(&path) < first_kept.as_str() {
                removed += scan(&path, |_| true)?.len() as u64;
                fs::remove_file(&path)?;
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
        let Some(file) = open_read(&self.shared.dir.join(TEXTS))? else {
            return Ok(texts);
        };
        for_each_line(file, 0, 64 * 1024, |_, line| {
            if let Some(Line::Text(text)) = Line::parse(line) {
                if !texts.iter().any(|kept| kept.same_as(&text)) {
                    texts.push(text);
                }
            }
            true
        })?;
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
    for (name, jobs) in by_file {
        let result = write_batch(&shared.dir, &mut files, &name, &jobs);
        if result.is_err() {
            // Reopen next time, and look at how the file ends.
            files.remove(&name);
        }
        for job in &jobs {
            job.done.finish(match &result {
                Ok(()) => Ok(()),
                Err(error) => Err(ProofError::Io(io::Error::new(
                    error.kind(),
                    error.to_string(),
                ))),
            });
        }
    }
    drop(files);
    lock(&shared.queue).writing = false;
    shared.work.notify_all();
}

fn write_batch(
    dir: &Path,
    files: &mut HashMap<String, File>,
    name: &str,
    jobs: &[Job],
) -> io::Result<()> {
    let mut bytes = String::with_capacity(jobs.iter().map(|job| job.line.len()).sum::<usize>() + 1);
    let file = match files.entry(name.to_owned()) {
        std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
        std::collections::hash_map::Entry::Vacant(entry) => {
            let mut file = open_append(&dir.join(name))?;
            // A line left cut short (by this writer's failed write, or
            // another process's) ends here, not in our record. Later
            // writes of this handle follow our own whole lines; should
            // another process tear one meanwhile, the reader still finds
            // the record glued after it by its mark.
            let len = file.metadata()?.len();
            if len > 0 && last_byte(&mut file, len)? != b'\n' {
                bytes.push('\n');
            }
            entry.insert(file)
        }
    };
    for job in jobs {
        bytes.push_str(&job.line);
    }
    // One `write`: with `O_APPEND`, the kernel puts it whole at the end.
    let written = file.write(bytes.as_bytes())?;
    if written != bytes.len() {
        return Err(io::Error::new(
            io::ErrorKind::WriteZero,
            format!(
                "wrote {written} of {} bytes (is the disk full?)",
                bytes.len()
            ),
        ));
    }
    file.sync_data()
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

/// The day files of the store, oldest first.
fn store_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
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

fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

fn open_append(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.append(true).create(true).read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

fn open_read(path: &Path) -> io::Result<Option<File>> {
    match File::open(path) {
        Ok(file) => Ok(Some(file)),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error),
    }
}

fn last_byte(file: &mut File, len: u64) -> io::Result<u8> {
    let mut byte = [0];
    read_at(file, len - 1, &mut byte)?;
    Ok(byte[0])
}

fn read_at(file: &mut File, offset: u64, buf: &mut [u8]) -> io::Result<usize> {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::read_at(file, buf, offset)
    }
    #[cfg(not(unix))]
    {
        use std::io::Read;
        file.seek(SeekFrom::Start(offset))?;
        file.read(buf)
    }
}

/// Where the last line of a file that does not end with a newline starts.
fn last_line_start(file: &mut File, len: u64) -> io::Result<u64> {
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

/// The records of a file that `keep` keeps, each id once.
fn scan(
    path: &Path,
    mut keep: impl FnMut(&ConsentRecord) -> bool,
) -> io::Result<Vec<ConsentRecord>> {
    let mut records: Vec<ConsentRecord> = Vec::new();
    let Some(file) = open_read(path)? else {
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
    })?;
    Ok(records)
}

/// The time (in milliseconds) of the id of the first whole, sound record
/// line starting after `offset` (at `offset` itself when a line starts
/// there); `None` past the last one.
fn record_time_after(file: &mut File, offset: u64, len: u64) -> io::Result<Option<u64>> {
    let mut buf = [0; 4096];
    // From the byte before `offset`: a line starts after a newline.
    let mut at = offset.saturating_sub(1);
    let mut at_line_start = offset == 0;
    let mut line = Vec::new();
    while at < len {
        let read = read_at(file, at, &mut buf)?;
        if read == 0 {
            break;
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
            if let Some(time) = verified_time(&line) {
                return Ok(Some(time));
            }
            line.clear();
            chunk = &chunk[newline + 1..];
        }
        line.extend_from_slice(chunk);
    }
    Ok(verified_time(&line))
}

/// The time of a line's record id, when the line is one the store wrote
/// whole and its checksum matches.
fn verified_time(line: &[u8]) -> Option<u64> {
    let line = core::str::from_utf8(line).ok()?;
    let id = quick_id(line)?;
    is_sound(line).then_some(())?;
    id.unix_millis()
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

/// The record `id` in `path`, whose records are in the order of their
/// ids' times give or take [`DISORDER`]: bisect to a little before
/// `millis`, then read on to a little after.
fn find_near(path: &Path, id: RecordId, millis: u64) -> io::Result<Option<ConsentRecord>> {
    let Some(mut file) = open_read(path)? else {
        return Ok(None);
    };
    let len = file.metadata()?.len();
    let window = DISORDER.as_millis() as u64;
    let (low_time, high_time) = (millis.saturating_sub(window), millis.saturating_add(window));
    // The first line at or after `low` is before `low_time`, or is the
    // file's first line.
    let (mut low, mut high) = (0, len);
    while high - low > 16 * 1024 {
        let mid = low + (high - low) / 2;
        match record_time_after(&mut file, mid, len)? {
            Some(time) if time < low_time => low = mid,
            _ => high = mid,
        }
    }
    let mut found = None;
    for_each_line(file, low, 16 * 1024, |_, line| {
        // Most lines are read for their id alone, at its place in the
        // line; a line is parsed (and its checksum checked) only when it
        // is the one looked for, or when it would end the search, so that
        // damage can neither give a record nor cut the search short.
        match quick_id(line) {
            Some(line_id) if line_id != id => {
                let time = line_id.unix_millis().unwrap_or(u64::MAX);
                time <= high_time || !is_sound(line)
            }
            _ => match Line::parse(line) {
                Some(Line::Record(record)) if record.id == id => {
                    found = Some(record);
                    false
                }
                _ => true,
            },
        }
    })?;
    // `for_each_line` may start mid-line: that tail has no mark, and
    // `Line::parse` refuses it.
    Ok(found)
}
