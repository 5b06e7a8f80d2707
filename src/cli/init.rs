//! `waymark init`: writes a small project that builds without errors, including a
//! two-path tutorial to copy from.

use super::{EXIT_OK, EXIT_USAGE};
use include_dir::{include_dir, Dir};
use std::path::Path;

static STARTER: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/cli/starter");

pub fn run(dir: &Path) -> i32 {
    match write_starter(dir) {
        Ok(()) => {
            let shown = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
            eprintln!("created a Waymark project in {}", shown.display());
            eprintln!(
                "next: `waymark serve {}` to preview it as you write (it rebuilds on every save),\n  or `waymark build {}` and open {}",
                dir.display(),
                dir.display(),
                shown.join("site").join("index.html").display()
            );
            EXIT_OK
        }
        Err(Refusal::NotEmpty) => {
            eprintln!(
                "error: `{}` is not empty\n  = help: run `waymark init` in a new or empty folder",
                dir.display()
            );
            EXIT_USAGE
        }
        Err(Refusal::Io(err)) => {
            eprintln!(
                "error: cannot create the project in `{}`: {err}",
                dir.display()
            );
            EXIT_USAGE
        }
    }
}

/// `waymark theme export DIR`: the built-in theme's files, written to a new folder.
pub fn export_theme(dir: &Path) -> i32 {
    let result = ensure_empty(dir).and_then(|()| {
        let files = crate::render::theme::builtin_files();
        for (path, bytes) in &files {
            let target = dir.join(path);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(Refusal::Io)?;
            }
            std::fs::write(&target, bytes).map_err(Refusal::Io)?;
        }
        Ok(files.len())
    });
    match result {
        Ok(count) => {
            eprintln!(
                "wrote the default theme ({count} files) to {}",
                dir.display()
            );
            eprintln!(
                "next: set `theme = \"{}\"` in [output.html] of book.toml and keep only the files you change",
                dir.display()
            );
            EXIT_OK
        }
        Err(Refusal::NotEmpty) => {
            eprintln!(
                "error: `{}` is not empty\n  = help: export into a new or empty folder",
                dir.display()
            );
            EXIT_USAGE
        }
        Err(Refusal::Io(err)) => {
            eprintln!(
                "error: cannot write the theme to `{}`: {err}",
                dir.display()
            );
            EXIT_USAGE
        }
    }
}

enum Refusal {
    NotEmpty,
    Io(std::io::Error),
}

fn ensure_empty(dir: &Path) -> Result<(), Refusal> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .map_err(Refusal::Io)?
            .next()
            .is_some()
    {
        return Err(Refusal::NotEmpty);
    }
    Ok(())
}

fn write_starter(dir: &Path) -> Result<(), Refusal> {
    ensure_empty(dir)?;
    write_dir(&STARTER, dir).map_err(Refusal::Io)
}

fn write_dir(source: &Dir<'static>, root: &Path) -> std::io::Result<()> {
    for file in source.files() {
        let path = root.join(file.path());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, file.contents())?;
    }
    for sub in source.dirs() {
        write_dir(sub, root)?;
    }
    Ok(())
}
