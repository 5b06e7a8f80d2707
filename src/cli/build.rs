//! `waymark build` and `waymark check`.

use super::{exit_code, report_as, ReportArgs, Spinner, EXIT_OK};
use std::path::Path;

pub fn run(
    project_dir: &Path,
    config_file: Option<&Path>,
    out: Option<&Path>,
    args: ReportArgs,
    write: bool,
) -> i32 {
    let quiet = args.quiet;
    if write {
        super::interrupt::exit_cleanly_on_signals();
    }
    let spinner = Spinner::new(quiet);
    let result = crate::load_config_from(project_dir, config_file).and_then(|mut config| {
        config.strict |= args.strict;
        if write {
            crate::build_with(config, out, &spinner)
        } else {
            crate::build_in_memory(config, &spinner)
        }
    });
    super::interrupt::wait_if_interrupted();
    spinner.finish();
    let elapsed = spinner.started.elapsed();
    match result {
        Ok(built) => {
            report_as(&built.warnings, &args);
            if !quiet {
                let verb = if write { "built" } else { "checked" };
                let warnings = built.warnings.warning_count();
                eprintln!(
                    "{verb} {} pages with {warnings} warning{} in {:.2}s{}",
                    built.pages,
                    if warnings == 1 { "" } else { "s" },
                    elapsed.as_secs_f64(),
                    unknown_keys(&built.warnings)
                );
            }
            EXIT_OK
        }
        Err(failure) => {
            let diagnostics = failure.diagnostics();
            report_as(&diagnostics, &args);
            let errors = diagnostics.error_count();
            let strict = if errors == 0 && diagnostics.warning_count() > 0 {
                " (strict: warnings fail the build)"
            } else {
                ""
            };
            eprintln!(
                "{} failed: {errors} error{}, {} warning{}{}{strict}{}",
                if write { "build" } else { "check" },
                if errors == 1 { "" } else { "s" },
                diagnostics.warning_count(),
                if diagnostics.warning_count() == 1 {
                    ""
                } else {
                    "s"
                },
                unknown_keys(&diagnostics),
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

/// The unknown front-matter keys among the warnings, for the summary line: they are
/// warnings (a key may be meant for a template), but a typo must not go unseen.
fn unknown_keys(diagnostics: &crate::diag::Diagnostics) -> String {
    let keys: Vec<String> = diagnostics
        .sorted()
        .iter()
        .filter_map(|d| {
            let key = d.message.strip_prefix("unknown front-matter key ")?;
            Some(match &d.file {
                Some(file) => format!("{key} in {}", file.display()),
                None => key.to_string(),
            })
        })
        .collect();
    match keys.len() {
        0 => String::new(),
        1 => format!(" (unknown front-matter key {})", keys[0]),
        n if n <= 5 => format!(" (unknown front-matter keys: {})", keys.join(", ")),
        n => format!(
            " (unknown front-matter keys: {}, and {} more)",
            keys[..5].join(", "),
            n - 5
        ),
    }
}
