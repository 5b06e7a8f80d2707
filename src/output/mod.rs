//! The rendered site in memory, and the writer that swaps it into place atomically.

use rayon::prelude::*;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod reuse;

/// A file of the output: bytes rendered in memory, or a file copied from the content folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputFile {
    Bytes(Arc<[u8]>),
    Copy(PathBuf),
}

/// Every file of a built site by its path relative to the output folder (`/` separators).
/// A persistent map: a clone shares every file with the original, so the preview makes
/// the next site from the one it serves by replacing only the files an edit changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutputSet {
    pub files: imbl::OrdMap<String, OutputFile>,
}

impl OutputSet {
    /// The same files in `folder` of the site (`fr/`).
    pub fn under(self, folder: &str) -> OutputSet {
        if folder.is_empty() {
            return self;
        }
        OutputSet {
            files: self
                .files
                .into_iter()
                .map(|(path, file)| (format!("{folder}{path}"), file))
                .collect(),
        }
    }

    /// The contents of the file at `path`, when the set holds them in memory.
    pub fn bytes(&self, path: &str) -> Option<Arc<[u8]>> {
        match self.files.get(path) {
            Some(OutputFile::Bytes(bytes)) => Some(bytes.clone()),
            _ => None,
        }
    }
}

/// Marks a folder as Waymark's output, so that a rebuild may replace it.
pub const MARKER_FILE: &str = ".waymark-output";
const MARKER_TEXT: &str = "This folder is written by Waymark and replaced on every build.\n";

#[derive(Debug)]
pub enum WriteError {
    /// The output folder is one Waymark must not replace.
    Refused {
        reason: String,
        hint: String,
    },
    Io {
        path: PathBuf,
        error: io::Error,
    },
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            WriteError::Refused { reason, hint } => write!(f, "{reason}\n  = help: {hint}"),
            WriteError::Io { path, error } => write!(f, "cannot write {}: {error}", path.display()),
        }
    }
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |error| WriteError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// Refuses output folders whose replacement would destroy something else: the filesystem
/// root, the project or content folder or one of their ancestors, an existing file, or a
/// non-empty folder that is not a previous Waymark output.
pub fn check_destination(out: &Path, protected: &[&Path]) -> Result<(), WriteError> {
    let out = normalise(out);
    let refuse = |reason: String, hint: &str| {
        Err(WriteError::Refused {
            reason,
            hint: hint.to_string(),
        })
    };
    if out.parent().is_none() {
        return refuse(
            format!(
                "refusing to use the filesystem root `{}` as the output folder",
                out.display()
            ),
            "choose a folder of its own, e.g. `--out site`",
        );
    }
    for folder in protected {
        let folder = normalise(folder);
        if folder.starts_with(&out) {
            return refuse(
                format!(
                    "refusing to write the site to `{}`: it holds `{}`, which would be replaced",
                    out.display(),
                    folder.display()
                ),
                "choose a folder of its own, e.g. `--out site`",
            );
        }
    }
    if out.is_file() {
        return refuse(
            format!("the output path `{}` is a file", out.display()),
            "remove the file or choose another output folder",
        );
    }
    if out.is_dir() && !out.join(MARKER_FILE).exists() {
        let empty = std::fs::read_dir(&out)
            .map_err(io_error(&out))?
            .next()
            .is_none();
        if !empty {
            return refuse(
                format!(
                    "the output folder `{}` is not empty and was not written by Waymark",
                    out.display()
                ),
                "choose an empty or new folder; Waymark replaces its output folder on every build",
            );
        }
    }
    Ok(())
}

/// An absolute path without `.`/`..` components (no filesystem access, so it also works
/// for folders that do not exist yet); symlinks are resolved where the path exists.
fn normalise(path: &Path) -> PathBuf {
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for part in absolute.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    match (out.parent(), out.file_name()) {
        (Some(parent), Some(name)) if parent.exists() => {
            parent.canonicalize().map_or(out.clone(), |p| p.join(name))
        }
        _ => out,
    }
}

/// Writes `set` into a staging folder beside `out`, then swaps it in. If anything fails
/// before the swap, `out` is untouched and the staging folder is removed.
pub fn write_atomic(set: &OutputSet, out: &Path, protected: &[&Path]) -> Result<(), WriteError> {
    let staging = Staging::begin(out, protected)?;
    staging.write_set(set)?;
    staging.commit()
}

/// A site being written into a staging folder beside its output folder, to be swapped in
/// whole by [`Staging::commit`]. Dropped without a commit, it leaves the output folder as
/// it was.
///
/// The previous site is not deleted after the swap but kept as `.NAME.previous`, and the
/// next build's staging folder is that folder: files are written over rather than
/// created, and what the build does not write is removed before the swap (see
/// [`reuse`]).
///
/// On Linux the swap is one atomic exchange of the two folders, so there is no moment
/// without a complete output folder, even if the process is killed. Elsewhere (or on a
/// filesystem without the exchange) the output folder is first renamed aside and the
/// staging folder renamed into its place; a build killed between the two leaves the
/// previous site in `.NAME.old-PID`, and the next build puts it back (see
/// [`remove_leftovers`]).
pub struct Staging {
    out: PathBuf,
    folder: PathBuf,
    retired: PathBuf,
    /// Where the previous site is kept for the next build.
    kept: PathBuf,
    /// What the staging folder held, when it began as the previous site.
    reused: Option<reuse::Reused>,
    owned: InProgress,
    /// Held until the swap: two builds into the same folder take turns, so the result is
    /// always one complete site. Released when closed, also if the process dies.
    _lock: std::fs::File,
    committed: bool,
}

impl Staging {
    /// Checks `out` (see [`check_destination`]), waits for other builds into it, clears
    /// what killed builds left behind and creates the empty staging folder.
    pub fn begin(out: &Path, protected: &[&Path]) -> Result<Staging, WriteError> {
        check_destination(out, protected)?;
        let out = normalise(out);
        let parent = out.parent().map(Path::to_path_buf).unwrap_or_default();
        std::fs::create_dir_all(&parent).map_err(io_error(&parent))?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let lock_path = parent.join(format!(".{name}.waymark-lock"));
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(io_error(&lock_path))?;
        lock.lock().map_err(io_error(&lock_path))?;
        remove_leftovers(&parent, &name, &out);
        let folder = parent.join(format!(".{name}.staging-{}", std::process::id()));
        let kept = reuse::kept_folder(&parent, &name);
        let owned = InProgress::register(&folder);
        let operation = Operation::start(&folder)?;
        let reused = reuse::Reused::take(&kept, &folder);
        if reused.is_none() {
            std::fs::create_dir_all(&folder).map_err(io_error(&folder))?;
        }
        drop(operation);
        let staging = Staging {
            retired: parent.join(format!(".{name}.old-{}", std::process::id())),
            kept,
            reused,
            owned,
            folder,
            out,
            _lock: lock,
            committed: false,
        };
        staging.write_bytes(MARKER_FILE, MARKER_TEXT.as_bytes())?;
        Ok(staging)
    }

    /// Writes every file of `set`, in parallel.
    pub fn write_set(&self, set: &OutputSet) -> Result<(), WriteError> {
        let files: Vec<(&String, &OutputFile)> = set.files.iter().collect();
        files
            .into_par_iter()
            .try_for_each(|(rel, file)| match file {
                OutputFile::Bytes(bytes) => self.write_bytes(rel, bytes),
                OutputFile::Copy(from) => self.write_with(rel, |path| copy_in_place(from, path)),
            })
    }

    /// Writes one file at `rel`, its path in the site (`/` separators).
    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> Result<(), WriteError> {
        self.write_with(rel, |path| write_in_place(path, bytes))
    }

    /// Runs `write` on the path of `rel` in the staging folder, creating the folders it
    /// needs when the first attempt finds them missing (one call per file otherwise).
    fn write_with(
        &self,
        rel: &str,
        write: impl Fn(&Path) -> io::Result<()>,
    ) -> Result<(), WriteError> {
        // Every path of the site stays inside the output folder, whatever produced it.
        if !Path::new(rel)
            .components()
            .all(|part| matches!(part, std::path::Component::Normal(_)))
        {
            return Err(WriteError::Refused {
                reason: format!("the site has a file `{rel}` outside the output folder"),
                hint: "this is a bug in Waymark: please report it".into(),
            });
        }
        let path = self.folder.join(rel);
        let _operation = Operation::start(&path)?;
        match write(&path) {
            Ok(()) => {}
            Err(error) if error.kind() == io::ErrorKind::NotFound || self.reused.is_some() => {
                if self.reused.is_some() {
                    reuse::make_way(&self.folder, rel, &path);
                }
                if let Some(parent) = path.parent() {
                    // Tolerates another thread creating a shared folder at the same time.
                    std::fs::create_dir_all(parent).map_err(io_error(parent))?;
                }
                write(&path).map_err(io_error(&path))?;
            }
            Err(error) => return Err(io_error(&path)(error)),
        }
        if let Some(reused) = &self.reused {
            reused.wrote(rel);
        }
        Ok(())
    }

    /// Swaps the staging folder into the place of the output folder and keeps the
    /// previous site for the next build to write over.
    pub fn commit(mut self) -> Result<(), WriteError> {
        if let Some(reused) = self.reused.take() {
            reused
                .remove_unwritten(&self.folder)
                .map_err(|error| WriteError::Io {
                    path: self.folder.clone(),
                    error,
                })?;
        }
        // An interruption waits for a swap to finish, so that it never removes the only
        // copy of a site, and no swap starts after it.
        let mut writes = writes();
        if abandoned() {
            return Err(interrupted(&self.out));
        }
        let old = swap(&self.folder, &self.out, &self.retired).map_err(|error| WriteError::Io {
            path: self.out.clone(),
            error,
        })?;
        self.committed = true;
        writes.swapped = true;
        if let Some(old) = &old {
            self.owned.now_owns(&mut writes, old);
        }
        drop(writes);
        if let Some(old) = old {
            keep_for_next_build(&old, &self.kept);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // A build that fails (most often on its content) leaves what it wrote to the
        // next, which writes over or removes every file of it.
        if !self.committed {
            keep_for_next_build(&self.folder, &self.kept);
        }
    }
}

/// Writes `bytes` over the file at `path`, or a new one, without first truncating it: ext4
/// flushes a file truncated to nothing to the disk when it is closed, which made writing
/// over a file of the previous site cost ten times as much as writing it in place
/// (0.1 ms against 0.01 ms here).
fn write_in_place(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let mut file = open_in_place(path)?;
    file.write_all(bytes)?;
    file.set_len(bytes.len() as u64)
}

/// Copies the file `from` over the file at `path` as [`write_in_place`] writes. Only the
/// contents are copied, as MkDocs copies them, not the permissions: a read-only source
/// would make a read-only copy that the next build could not write over.
fn copy_in_place(from: &Path, path: &Path) -> io::Result<()> {
    let mut source = std::fs::File::open(from)?;
    let mut file = open_in_place(path)?;
    let length = io::copy(&mut source, &mut file)?;
    file.set_len(length)
}

/// The file at `path` opened for writing from its start, created if missing, kept whole.
/// A file with other names (a backup made with hard links, say) is replaced by a new one
/// rather than written over, which would change it under those names too; a symbolic
/// link is not followed (the write fails and the caller makes way).
fn open_in_place(path: &Path) -> io::Result<std::fs::File> {
    let open = || {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(false);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
        options.open(path)
    };
    let file = open()?;
    #[cfg(unix)]
    if std::os::unix::fs::MetadataExt::nlink(&file.metadata()?) > 1 {
        drop(file);
        std::fs::remove_file(path)?;
        return open();
    }
    Ok(file)
}

/// Moves a folder of Waymark's files from `folder` to `kept`, or removes it if that
/// place is taken.
fn keep_for_next_build(folder: &Path, kept: &Path) {
    let free = std::fs::symlink_metadata(kept).is_err();
    if !free || std::fs::rename(folder, kept).is_err() {
        remove_tree_in_parallel(folder);
    }
}

/// Puts `staging` in the place of `out`. Returns where the previous site went, if there
/// was one.
fn swap(staging: &Path, out: &Path, retired: &Path) -> io::Result<Option<PathBuf>> {
    if !out.exists() {
        std::fs::rename(staging, out)?;
        return Ok(None);
    }
    #[cfg(target_os = "linux")]
    if exchange(staging, out).is_ok() {
        // The previous site is now in the staging folder.
        return Ok(Some(staging.to_path_buf()));
    }
    std::fs::rename(out, retired)?;
    if let Err(error) = std::fs::rename(staging, out) {
        let _ = std::fs::rename(retired, out);
        return Err(error);
    }
    Ok(Some(retired.to_path_buf()))
}

/// Swaps two folders in one step (`renameat2` with `RENAME_EXCHANGE`). Fails on kernels
/// and filesystems without it, and the caller falls back to two renames.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let c_path = |p: &Path| {
        std::ffi::CString::new(p.as_os_str().as_bytes())
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))
    };
    let (a, b) = (c_path(a)?, c_path(b)?);
    // SAFETY: both pointers are valid NUL-terminated strings for the duration of the call.
    let result = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Folders owned by the writes of this process that are in progress (by write), so that
/// an interrupted process can remove them before it exits.
struct Writes {
    folders: Vec<(u64, PathBuf)>,
    next_id: u64,
    /// A write has swapped its site in.
    swapped: bool,
}

static WRITES: std::sync::Mutex<Writes> = std::sync::Mutex::new(Writes {
    folders: Vec::new(),
    next_id: 0,
    swapped: false,
});

/// Set once the process is exiting: no write may go on or start its swap.
static ABANDONED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn writes() -> std::sync::MutexGuard<'static, Writes> {
    WRITES
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// File operations of writes under way, so that [`abandon_writes`] removes a staging
/// folder only once nothing is being created in it any more.
static IN_FLIGHT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// One file operation of a write, counted in [`IN_FLIGHT`]; refused once the process is
/// exiting.
struct Operation;

impl Operation {
    fn start(path: &Path) -> Result<Operation, WriteError> {
        // Counted before the check: `abandon_writes` sets the flag before it waits for
        // the count to drop, so every operation either sees the flag or is waited for.
        IN_FLIGHT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let operation = Operation;
        if abandoned() {
            return Err(interrupted(path));
        }
        Ok(operation)
    }
}

impl Drop for Operation {
    fn drop(&mut self) {
        IN_FLIGHT.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

/// Whether [`abandon_writes`] was called: the process is about to exit.
pub fn abandoned() -> bool {
    ABANDONED.load(std::sync::atomic::Ordering::SeqCst)
}

/// One write's entry in [`WRITES`], removed when the write ends.
struct InProgress(u64);

impl InProgress {
    fn register(staging: &Path) -> InProgress {
        let mut writes = writes();
        let id = writes.next_id;
        writes.next_id += 1;
        writes.folders.push((id, staging.to_path_buf()));
        InProgress(id)
    }

    /// The folder this write owns is now `folder` (the previous site, after the swap).
    fn now_owns(&self, writes: &mut Writes, folder: &Path) {
        for (id, owned) in &mut writes.folders {
            if *id == self.0 {
                *owned = folder.to_path_buf();
            }
        }
    }
}

impl Drop for InProgress {
    fn drop(&mut self) {
        writes().folders.retain(|(id, _)| *id != self.0);
    }
}

/// What [`abandon_writes`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Abandoned {
    /// No site had been swapped in: every output folder holds its previous site.
    BeforeSwap,
    /// A new site had already been swapped in completely.
    AfterSwap,
}

/// For an interrupted process that is about to exit: waits for a swap in progress to
/// finish, stops every write of this process from going on or swapping in later, and
/// removes their staging folders (and the previous sites that finished writes were still
/// deleting).
pub fn abandon_writes() -> Abandoned {
    let writes = writes();
    ABANDONED.store(true, std::sync::atomic::Ordering::SeqCst);
    // Let the file operations under way finish (each is one file), so that nothing is
    // created in a folder after it is removed.
    let waiting = std::time::Instant::now();
    while IN_FLIGHT.load(std::sync::atomic::Ordering::SeqCst) > 0
        && waiting.elapsed() < std::time::Duration::from_secs(10)
    {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    for (_, folder) in &writes.folders {
        let _ = std::fs::remove_dir_all(folder);
    }
    if writes.swapped {
        Abandoned::AfterSwap
    } else {
        Abandoned::BeforeSwap
    }
}

fn interrupted(path: &Path) -> WriteError {
    WriteError::Io {
        path: path.to_path_buf(),
        error: io::Error::new(io::ErrorKind::Interrupted, "the build was interrupted"),
    }
}

/// Staging and retired folders of builds that were killed before they finished. Only
/// called with the lock held, so no running build owns them. A build killed between the
/// two renames of a swap (where there is no atomic exchange) leaves no `out` and the
/// previous site in a retired folder: that folder is put back, never deleted.
fn remove_leftovers(parent: &Path, name: &str, out: &Path) {
    let staging_prefix = format!(".{name}.staging-");
    let retired_prefix = format!(".{name}.old-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let mut staging = Vec::new();
    let mut retired = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        // A user's own `.site.old-keep` is not ours to delete: only folders that carry
        // the marker (or are empty, from a build killed before it wrote the marker) are.
        if !path.is_dir() || path.is_symlink() || !written_by_waymark(&path) {
            continue;
        }
        if file_name.starts_with(&staging_prefix) {
            staging.push(path);
        } else if file_name.starts_with(&retired_prefix) {
            let modified = entry
                .metadata()
                .and_then(|m| m.modified())
                .unwrap_or(std::time::SystemTime::UNIX_EPOCH);
            retired.push((modified, path));
        }
    }
    if !out.exists() {
        // The newest retired folder is the last complete site.
        retired.sort();
        if let Some((_, newest)) = retired.pop() {
            if std::fs::rename(&newest, out).is_err() {
                // Keep it rather than delete the only copy.
                return;
            }
        }
    }
    for path in staging
        .into_iter()
        .chain(retired.into_iter().map(|(_, p)| p))
    {
        remove_tree_in_parallel(&path);
    }
}

fn written_by_waymark(folder: &Path) -> bool {
    folder.join(MARKER_FILE).is_file()
        || std::fs::read_dir(folder).is_ok_and(|mut entries| entries.next().is_none())
}

/// Removes a folder; its top-level entries are removed in parallel, since deleting the
/// previous output of a large site is a large part of writing the new one.
fn remove_tree_in_parallel(dir: &Path) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        let entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        entries.par_iter().for_each(|path| {
            let _ = if path.is_dir() {
                std::fs::remove_dir_all(path)
            } else {
                std::fs::remove_file(path)
            };
        });
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(files: &[(&str, &str)]) -> OutputSet {
        OutputSet {
            files: files
                .iter()
                .map(|(k, v)| (k.to_string(), OutputFile::Bytes(Arc::from(v.as_bytes()))))
                .collect(),
        }
    }

    /// The names in `dir`, sorted.
    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_and_replaces_a_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write_atomic(
            &set(&[("index.html", "one"), ("a/b/index.html", "two")]),
            &out,
            &[],
        )
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a/b/index.html")).unwrap(),
            "two"
        );
        write_atomic(&set(&[("index.html", "new")]), &out, &[]).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "new"
        );
        assert!(!out.join("a").exists(), "stale files are gone");
        assert_eq!(
            entries(dir.path()),
            [".site.previous", ".site.waymark-lock", "site"],
            "the previous site is kept for the next build"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join(".site.previous/a/b/index.html")).unwrap(),
            "two"
        );
    }

    /// Every file under `dir`, by relative path, with its contents.
    fn tree(dir: &Path) -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = walkdir::WalkDir::new(dir)
            .into_iter()
            .map(|entry| entry.unwrap())
            .filter(|entry| !entry.file_type().is_dir())
            .map(|entry| {
                let rel = entry.path().strip_prefix(dir).unwrap();
                let rel = rel.to_string_lossy().replace('\\', "/");
                (rel, std::fs::read_to_string(entry.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    }

    /// What [`tree`] gives for a site of `files`, Waymark's marker file included.
    fn site_files(files: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut site: Vec<(String, String)> = files
            .iter()
            .chain([&(MARKER_FILE, MARKER_TEXT)])
            .map(|(rel, text)| (rel.to_string(), text.to_string()))
            .collect();
        site.sort();
        site
    }

    #[test]
    fn the_previous_site_is_written_over_and_what_the_build_does_not_write_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let first = [
            ("index.html", "one"),
            ("a/b/index.html", "b"),
            ("gone.css", "x"),
        ];
        write_atomic(&set(&first), &out, &[]).unwrap();
        #[cfg(unix)]
        let first_inode = {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(out.join("index.html")).unwrap().ino()
        };
        write_atomic(&set(&[("index.html", "two")]), &out, &[]).unwrap();
        // The third build writes over the first's folder, now kept beside the second.
        let third = [("index.html", "three"), ("a/c.html", "c")];
        write_atomic(&set(&third), &out, &[]).unwrap();
        assert_eq!(tree(&out), site_files(&third));
        assert_eq!(
            tree(&dir.path().join(".site.previous")),
            site_files(&[("index.html", "two")])
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let inode = std::fs::metadata(out.join("index.html")).unwrap().ino();
            assert_eq!(
                inode, first_inode,
                "the file was written over, not made anew"
            );
        }
    }

    #[test]
    fn what_a_failed_build_wrote_is_written_over_or_removed_by_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write_atomic(&set(&[("index.html", "one")]), &out, &[]).unwrap();
        let failed = Staging::begin(&out, &[]).unwrap();
        failed.write_bytes("half/index.html", b"half").unwrap();
        failed.write_bytes("index.html", b"unfinished").unwrap();
        drop(failed);
        assert_eq!(tree(&out), site_files(&[("index.html", "one")]));
        let next = [("index.html", "two"), ("other.html", "o")];
        write_atomic(&set(&next), &out, &[]).unwrap();
        assert_eq!(tree(&out), site_files(&next));
    }

    /// A folder with a site built from `first` and then from one page, so that `first`
    /// is kept beside it for the next build; and the output folder.
    fn kept_after_two_builds(first: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write_atomic(&set(first), &out, &[]).unwrap();
        write_atomic(&set(&[("index.html", "two")]), &out, &[]).unwrap();
        (dir, out)
    }

    #[test]
    fn a_file_copied_over_a_longer_one_of_the_kept_site_is_the_copy() {
        let (dir, out) = kept_after_two_builds(&[("logo.svg", "a longer logo of old")]);
        let source = dir.path().join("logo.svg");
        std::fs::write(&source, "new logo").unwrap();
        let copied = OutputSet {
            files: [("logo.svg".to_string(), OutputFile::Copy(source))]
                .into_iter()
                .collect(),
        };
        write_atomic(&copied, &out, &[]).unwrap();
        assert_eq!(tree(&out), site_files(&[("logo.svg", "new logo")]));
    }

    #[cfg(unix)]
    #[test]
    fn a_file_of_the_kept_site_with_other_names_is_replaced_not_written_over() {
        let (dir, out) = kept_after_two_builds(&[("index.html", "one")]);
        // A backup of the project made with hard links shares the kept site's files.
        let backup = dir.path().join("backup.html");
        std::fs::hard_link(dir.path().join(".site.previous/index.html"), &backup).unwrap();
        write_atomic(&set(&[("index.html", "three")]), &out, &[]).unwrap();
        assert_eq!(std::fs::read_to_string(&backup).unwrap(), "one");
        assert_eq!(tree(&out), site_files(&[("index.html", "three")]));
    }

    #[test]
    fn a_kept_site_gives_way_where_a_file_and_a_folder_change_places() {
        let (_dir, out) = kept_after_two_builds(&[("x/y.html", "y"), ("p", "file")]);
        let third = [("x", "now a file"), ("p/q.html", "now a folder")];
        write_atomic(&set(&third), &out, &[]).unwrap();
        assert_eq!(tree(&out), site_files(&third));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_in_the_kept_site_is_not_written_through() {
        let (dir, out) = kept_after_two_builds(&[("index.html", "one")]);
        let outside = dir.path().join("outside.txt");
        std::fs::write(&outside, "precious").unwrap();
        let kept = dir.path().join(".site.previous");
        std::fs::remove_file(kept.join("index.html")).unwrap();
        std::os::unix::fs::symlink(&outside, kept.join("index.html")).unwrap();
        std::os::unix::fs::symlink(dir.path(), kept.join("folder")).unwrap();
        let third = [("index.html", "three"), ("folder/outside.txt", "x")];
        write_atomic(&set(&third), &out, &[]).unwrap();
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "precious");
        assert_eq!(tree(&out), site_files(&third));
    }

    #[test]
    fn leftovers_of_killed_builds_are_cleaned_up() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write_atomic(&set(&[("index.html", "one")]), &out, &[]).unwrap();
        // A build killed mid-write leaves its staging folder; the site itself is intact.
        killed_staging(&dir.path().join(".site.staging-999999"));
        std::fs::create_dir_all(dir.path().join(".site.old-999998")).unwrap();
        // Folders of the user's that happen to share the names are left alone.
        let keep = dir.path().join(".site.old-keep");
        std::fs::create_dir_all(&keep).unwrap();
        std::fs::write(keep.join("thesis.txt"), "precious").unwrap();
        std::fs::create_dir_all(dir.path().join(".site.staging-mine/notes")).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "one"
        );
        write_atomic(&set(&[("index.html", "two")]), &out, &[]).unwrap();
        assert_eq!(
            entries(dir.path()),
            [
                ".site.old-keep",
                ".site.previous",
                ".site.staging-mine",
                ".site.waymark-lock",
                "site"
            ]
        );
        assert_eq!(
            std::fs::read_to_string(keep.join("thesis.txt")).unwrap(),
            "precious"
        );
    }

    /// What a build killed mid-write leaves: a staging folder with the marker and a part
    /// of the site.
    fn killed_staging(folder: &Path) {
        std::fs::create_dir_all(folder.join("half")).unwrap();
        std::fs::write(folder.join(MARKER_FILE), "").unwrap();
    }

    #[test]
    fn a_build_killed_between_the_two_renames_leaves_the_previous_site_to_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write_atomic(&set(&[("index.html", "one")]), &out, &[]).unwrap();
        // Where there is no atomic exchange, a kill between `out` -> `.old` and
        // staging -> `out` leaves no `out`: the retired folder is the only copy.
        std::fs::rename(&out, dir.path().join(".site.old-999999")).unwrap();
        killed_staging(&dir.path().join(".site.staging-999999"));
        let failing = OutputSet {
            files: [(
                "index.html".to_string(),
                OutputFile::Copy(dir.path().join("missing")),
            )]
            .into_iter()
            .collect(),
        };
        assert!(write_atomic(&failing, &out, &[]).is_err());
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "one",
            "the previous site is put back, not deleted"
        );
        assert_eq!(
            entries(dir.path()),
            [".site.previous", ".site.waymark-lock", "site"]
        );
        write_atomic(&set(&[("index.html", "two")]), &out, &[]).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "two"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn folders_are_exchanged_in_one_step() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        std::fs::write(a.join("f"), "new").unwrap();
        std::fs::write(b.join("f"), "old").unwrap();
        exchange(&a, &b).unwrap();
        assert_eq!(std::fs::read_to_string(b.join("f")).unwrap(), "new");
        assert_eq!(std::fs::read_to_string(a.join("f")).unwrap(), "old");
    }

    #[test]
    fn never_writes_a_file_outside_the_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        for bad in [
            "../escaped.html",
            "a/../../escaped.html",
            "/tmp/escaped.html",
        ] {
            let result = write_atomic(&set(&[("index.html", "x"), (bad, "x")]), &out, &[]);
            assert!(
                matches!(&result, Err(WriteError::Refused { reason, .. }) if reason.contains(bad)),
                "{bad}: {result:?}"
            );
            assert!(!dir.path().join("escaped.html").exists());
            assert!(!out.exists(), "{bad}: a partial site was left");
        }
    }

    #[test]
    fn refuses_dangerous_destinations() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("project");
        let content = project.join("content");
        std::fs::create_dir_all(&content).unwrap();
        let protected = [project.as_path(), content.as_path()];
        for out in [
            Path::new("/"),
            project.as_path(),
            content.as_path(),
            dir.path(),
        ] {
            assert!(
                matches!(
                    check_destination(out, &protected),
                    Err(WriteError::Refused { .. })
                ),
                "{}",
                out.display()
            );
        }
        assert!(check_destination(&project.join("content/../site"), &protected).is_ok());
        std::fs::write(dir.path().join("file"), "x").unwrap();
        assert!(check_destination(&dir.path().join("file"), &protected).is_err());
        let foreign = dir.path().join("documents");
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("thesis.txt"), "precious").unwrap();
        let err = write_atomic(&set(&[("index.html", "x")]), &foreign, &protected).unwrap_err();
        assert!(err.to_string().contains("not written by Waymark"), "{err}");
        assert_eq!(
            std::fs::read_to_string(foreign.join("thesis.txt")).unwrap(),
            "precious"
        );
    }
}
