//! The command line: `waymark build`, `check` and `init`.

mod build;
mod init;
mod interrupt;
mod serve;

use crate::diag::Diagnostics;
use crate::Failure;
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Exit codes of the `waymark` binary.
pub const EXIT_OK: i32 = 0;
pub const EXIT_CONTENT_ERRORS: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "waymark",
    version,
    about = "Builds step-by-step user guides from Markdown into a static website"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (by default PROJECT_DIR/site).
    Build {
        /// The folder that holds book.toml.
        #[arg(default_value = ".")]
        project_dir: PathBuf,
        /// Write the site here instead of the configured output folder.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Read this configuration file (book.toml or mkdocs.yml) instead of the project's.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Run every check of a build without writing anything.
    Check {
        #[arg(default_value = ".")]
        project_dir: PathBuf,
        /// Read this configuration file (book.toml or mkdocs.yml) instead of the project's.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Preview the site: build in memory, serve it and rebuild on every save.
    Serve {
        #[arg(default_value = ".")]
        project_dir: PathBuf,
        /// Read this configuration file (book.toml or mkdocs.yml) instead of the project's.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Port to listen on (the next free one is used if it is taken).
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// Address to listen on. Anything but localhost makes the preview reachable by others.
        #[arg(long, default_value = "127.0.0.1")]
        host: std::net::IpAddr,
        /// Open the preview in a browser.
        #[arg(long)]
        open: bool,
        /// Also write every successful build to the output folder.
        #[arg(long)]
        write: bool,
        #[arg(long, short)]
        quiet: bool,
    },
    /// Create a small working project to start from.
    Init {
        /// Where to create it (must be empty or not exist yet).
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Work with themes.
    #[command(subcommand)]
    Theme(ThemeCommand),
}

#[derive(Debug, Subcommand)]
pub enum ThemeCommand {
    /// Write the built-in theme to a folder, as a starting point for your own.
    Export {
        /// Where to write it (must be empty or not exist yet).
        dir: PathBuf,
    },
}

/// How `build` and `check` judge and report problems.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct ReportArgs {
    /// Print only diagnostics, no progress or summary.
    #[arg(long, short)]
    pub quiet: bool,
    /// Fail on warnings too, as `mkdocs build --strict` does (also `strict: true` in mkdocs.yml).
    #[arg(long)]
    pub strict: bool,
    /// List info-level problems too (by default only counted).
    #[arg(long, short)]
    pub verbose: bool,
    /// How problems are printed: `human` (compiler-style, on stderr), `json` (one object
    /// per line on stdout, for tools) or `github` (workflow commands on stdout, so problems
    /// show on the pull request's lines). Info-level problems are always included in
    /// `json` and `github`.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human, value_name = "FORMAT")]
    pub message_format: MessageFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MessageFormat {
    Human,
    Json,
    Github,
}

/// Runs a parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Build {
            project_dir,
            out,
            config,
            report,
        } => build::run(
            &project_dir,
            config.as_deref(),
            out.as_deref(),
            report,
            true,
        ),
        Command::Check {
            project_dir,
            config,
            report,
        } => build::run(&project_dir, config.as_deref(), None, report, false),
        Command::Serve {
            project_dir,
            config,
            port,
            host,
            open,
            write,
            quiet,
        } => {
            let options = crate::serve::ServeOptions {
                project_dir,
                config_file: config,
                host,
                port,
                write,
                quiet,
                limits: crate::serve::connections::Limits::default(),
            };
            serve::run(options, open)
        }
        Command::Init { dir } => init::run(&dir),
        Command::Theme(ThemeCommand::Export { dir }) => init::export_theme(&dir),
    }
}

/// Prints every diagnostic in the chosen format: `human` on stderr (info counted, or
/// listed with `--verbose`), `json` and `github` on stdout, info included.
fn report_as(diagnostics: &Diagnostics, args: &ReportArgs) {
    match args.message_format {
        MessageFormat::Human => {
            report(diagnostics);
            report_info(diagnostics, args.verbose);
        }
        MessageFormat::Json => {
            for d in diagnostics.sorted() {
                println!("{}", crate::diag::to_json(&d));
            }
        }
        MessageFormat::Github => {
            for d in diagnostics.sorted() {
                println!("{}", crate::diag::to_github(&d));
            }
        }
    }
}

/// Prints diagnostics to stderr, compiler-style.
fn report(diagnostics: &Diagnostics) {
    let shown = diagnostics.render();
    if !shown.is_empty() {
        eprintln!("{shown}");
    }
}

/// Info-level problems: listed with `--verbose`, else counted in one line.
fn report_info(diagnostics: &Diagnostics, verbose: bool) {
    let count = diagnostics.info_count();
    if count == 0 {
        return;
    }
    if verbose {
        eprintln!("{}", diagnostics.render_info());
    } else {
        let (plural, verb, pronoun) = match count {
            1 => ("", "is", "it"),
            _ => ("s", "are", "them"),
        };
        // Said for every kind of project: settings with nothing to do are infos too.
        eprintln!(
            "info: {count} problem{plural} at the info level {verb} not shown; --verbose lists {pronoun}"
        );
    }
}

fn exit_code(failure: &Failure) -> i32 {
    match failure {
        Failure::Content(_) => EXIT_CONTENT_ERRORS,
        Failure::Setup(_) => EXIT_USAGE,
    }
}

/// A spinner on stderr that appears only once a build has taken more than a second,
/// and never when stderr is not a terminal or `--quiet` is given.
struct Spinner {
    started: Instant,
    bar: Option<indicatif::ProgressBar>,
}

impl Spinner {
    fn new(quiet: bool) -> Self {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                None,
                indicatif::ProgressDrawTarget::hidden(),
            );
            bar.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                    .expect("valid template"),
            );
            // Shown only once the build has run for a second; a quick build stays quiet.
            let delayed = bar.clone();
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_secs(1));
                if !delayed.is_finished() {
                    delayed.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                    delayed.enable_steady_tick(Duration::from_millis(100));
                }
            });
            bar
        });
        Spinner {
            started: Instant::now(),
            bar,
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl crate::Progress for Spinner {
    fn stage(&self, name: &str) {
        // For profiling: when each stage starts (documented with the benchmark).
        if std::env::var_os("WAYMARK_TIMINGS").is_some() {
            eprintln!("{:>8.3}s {name}", self.started.elapsed().as_secs_f64());
        }
        if let Some(bar) = &self.bar {
            bar.set_message(name.to_string());
        }
    }
}
