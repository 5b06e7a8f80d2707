//! `waymark build` and `waymark check`.

use super::{exit_code, report, Spinner, EXIT_OK};
use std::path::Path;

pub fn run(project_dir: &Path, out: Option<&Path>, quiet: bool, write: bool) -> i32 {
    let spinner = Spinner::new(quiet);
    let result = if write {
        crate::build(project_dir, out, &spinner)
    } else {
        crate::check(project_dir, &spinner)
    };
    spinner.finish();
    let elapsed = spinner.started.elapsed();
    match result {
        Ok(built) => {
            report(&built.warnings);
            if !quiet {
                let verb = if write { "built" } else { "checked" };
                let warnings = built.warnings.warning_count();
                eprintln!(
                    "{verb} {} pages with {warnings} warning{} in {:.2}s",
                    built.pages,
                    if warnings == 1 { "" } else { "s" },
                    elapsed.as_secs_f64()
                );
            }
            EXIT_OK
        }
        Err(failure) => {
            let diagnostics = failure.diagnostics();
            report(&diagnostics);
            let errors = diagnostics.error_count();
            eprintln!(
                "{} failed: {errors} error{}, {} warning{}{}",
                if write { "build" } else { "check" },
                if errors == 1 { "" } else { "s" },
                diagnostics.warning_count(),
                if diagnostics.warning_count() == 1 {
                    ""
                } else {
                    "s"
                },
                if write {
                    "; the previous output was left unchanged"
                } else {
                    ""
                }
            );
            exit_code(&failure)
        }
    }
}
