//! The rendered site in memory, and the writer that swaps it into place atomically.

use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A file of the output: bytes rendered in memory, or a file copied from the content folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputFile {
    Bytes(Arc<[u8]>),
    Copy(PathBuf),
}

/// Every file of a built site by its path relative to the output folder (`/` separators).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutputSet {
    pub files: BTreeMap<String, OutputFile>,
}

/// Marks a folder as Waymark's output, so that a rebuild may replace it.
pub const MARKER_FILE: &str = ".waymark-output";

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
    check_destination(out, protected)?;
    let out = normalise(out);
    let parent = out.parent().map(Path::to_path_buf).unwrap_or_default();
    std::fs::create_dir_all(&parent).map_err(io_error(&parent))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Two builds into the same folder take turns: the second waits for the first to
    // finish its swap, so the result is always one complete site. The lock is released
    // when the file is closed, also if the process dies.
    let lock_path = parent.join(format!(".{name}.waymark-lock"));
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(io_error(&lock_path))?;
    lock.lock().map_err(io_error(&lock_path))?;
    remove_leftovers(&parent, &name);
    let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
    let retired = parent.join(format!(".{name}.old-{}", std::process::id()));
    if let Err(err) = write_all(set, &staging) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(err);
    }
    let had_previous = out.exists();
    if had_previous {
        std::fs::rename(&out, &retired).map_err(|e| {
            let _ = std::fs::remove_dir_all(&staging);
            io_error(&out)(e)
        })?;
    }
    if let Err(error) = std::fs::rename(&staging, &out) {
        if had_previous {
            let _ = std::fs::rename(&retired, &out);
        }
        let _ = std::fs::remove_dir_all(&staging);
        return Err(WriteError::Io { path: out, error });
    }
    if had_previous {
        remove_tree_in_parallel(&retired);
    }
    Ok(())
}

/// Staging and retired folders of builds that were killed before they finished. Only
/// called with the lock held, so no running build owns them.
fn remove_leftovers(parent: &Path, name: &str) {
    let prefixes = [format!(".{name}.staging-"), format!(".{name}.old-")];
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if prefixes.iter().any(|p| file_name.starts_with(p.as_str())) && entry.path().is_dir() {
            remove_tree_in_parallel(&entry.path());
        }
    }
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

fn write_all(set: &OutputSet, root: &Path) -> Result<(), WriteError> {
    std::fs::create_dir_all(root).map_err(io_error(root))?;
    let dirs: std::collections::BTreeSet<PathBuf> = set
        .files
        .keys()
        .filter_map(|rel| Path::new(rel).parent().map(|p| root.join(p)))
        .collect();
    // `create_dir_all` tolerates another thread creating a shared parent at the same time.
    dirs.par_iter()
        .try_for_each(|dir| std::fs::create_dir_all(dir).map_err(io_error(dir)))?;
    std::fs::write(
        root.join(MARKER_FILE),
        b"This folder is written by Waymark and replaced on every build.\n",
    )
    .map_err(io_error(root))?;
    set.files.par_iter().try_for_each(|(rel, file)| {
        let path = root.join(rel);
        match file {
            OutputFile::Bytes(bytes) => std::fs::write(&path, &bytes[..]).map_err(io_error(&path)),
            OutputFile::Copy(from) => std::fs::copy(from, &path)
                .map(|_| ())
                .map_err(io_error(&path)),
        }
    })
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
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|name| !name.to_string_lossy().ends_with(".waymark-lock"))
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("site")]);
    }

    #[test]
    fn leftovers_of_killed_builds_are_cleaned_up() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write_atomic(&set(&[("index.html", "one")]), &out, &[]).unwrap();
        // A build killed mid-write leaves its staging folder; the site itself is intact.
        std::fs::create_dir_all(dir.path().join(".site.staging-999999/half")).unwrap();
        std::fs::create_dir_all(dir.path().join(".site.old-999998")).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "one"
        );
        write_atomic(&set(&[("index.html", "two")]), &out, &[]).unwrap();
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, [".site.waymark-lock", "site"]);
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
