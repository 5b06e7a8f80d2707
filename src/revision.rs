//! Last-updated dates from git: one `git log` over the content folder gives the newest
//! commit of every file at once (never a process per page), as MkDocs'
//! `git-revision-date-localized` plugin shows them. Dates come from commits only, so the
//! same commit builds the same bytes.

use crate::config::presentation::{DateFormat, RevisionDates};
use crate::diag::Diagnostic;
use crate::model::Site;
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

/// A page's date as templates see it (`page.last_updated`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LastUpdated {
    /// For `<time datetime>`: `2024-03-14` or `2024-03-14T10:30:00+02:00`.
    pub iso: String,
    /// For the reader, in the configured format and language.
    pub text: String,
}

/// `git log` running beside the rest of the build (it waits on git, not on the CPU).
pub struct Pending(std::thread::JoinHandle<Result<HashMap<String, i64>, String>>);

/// Starts reading the commit dates, when the configuration asks for them.
pub fn start(config: &crate::config::Config) -> Option<Pending> {
    if !config.presentation.revision_dates.enabled {
        return None;
    }
    let src_dir = config.src_dir.clone();
    Some(Pending(std::thread::spawn(move || commit_times(&src_dir))))
}

/// The last-updated date of every page (by `PageId`), from git's answer to [`start`],
/// and a warning when git cannot tell (no git, not a repository, a shallow clone), said
/// once for the whole build.
pub fn finish(site: &Site, pending: Pending) -> (Vec<Option<LastUpdated>>, Option<Diagnostic>) {
    let options = &site.config.presentation.revision_dates;
    let answer = pending
        .0
        .join()
        .unwrap_or_else(|_| Err("reading the git history failed".into()));
    let (times, problem) = match answer {
        Ok(times) => (times, None),
        Err(why) => (HashMap::new(), Some(why)),
    };
    let fallback = options.fallback_to_build_date.then(build_time);
    let locale = options.locale.as_deref().unwrap_or(&site.config.language);
    let dates = site
        .pages
        .iter()
        .map(|page| {
            if options.exclude.matches(&page.rel_path) {
                return None;
            }
            let time = times.get(page.source.file_path()).copied().or(fallback)?;
            Some(format(time, options, locale))
        })
        .collect();
    let warning = problem.map(|why| {
        Diagnostic::warning(format!("last-updated dates are not shown: {why}")).with_hint(
            if options.fallback_to_build_date {
                "pages show the date of the build instead"
            } else {
                "build from a full clone with git installed (in CI: fetch the whole history, e.g. `fetch-depth: 0`)"
            },
        )
    });
    (dates, warning)
}

/// Seconds since 1970 of the newest commit of each file, by its path from `src_dir`.
fn commit_times(src_dir: &Path) -> Result<HashMap<String, i64>, String> {
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(src_dir)
            .args(["-c", "core.quotePath=false"])
            .args(args)
            .output()
            .map_err(|e| format!("git cannot run ({e})"))
    };
    let shallow = git(&["rev-parse", "--is-shallow-repository"])?;
    if !shallow.status.success() {
        return Err("the content folder is not in a git repository".into());
    }
    if String::from_utf8_lossy(&shallow.stdout).trim() == "true" {
        return Err("the repository is a shallow clone, whose history is cut short".into());
    }
    let log = git(&[
        "log",
        "--format=%x01%ct",
        "--name-only",
        "--relative",
        "--no-renames",
        "--",
        ".",
    ])?;
    if !log.status.success() {
        return Err(format!(
            "`git log` failed: {}",
            String::from_utf8_lossy(&log.stderr).trim()
        ));
    }
    Ok(parse_log(&String::from_utf8_lossy(&log.stdout)))
}

/// The output of `git log --format=%x01%ct --name-only`: newest commits first, so the
/// first time of each file is its last change.
fn parse_log(log: &str) -> HashMap<String, i64> {
    let mut times = HashMap::new();
    let mut current = None;
    for line in log.lines() {
        if let Some(stamp) = line.strip_prefix('\u{1}') {
            current = stamp.trim().parse::<i64>().ok();
        } else if let (Some(time), false) = (current, line.is_empty()) {
            times.entry(line.to_string()).or_insert(time);
        }
    }
    times
}

/// The build's own time: `SOURCE_DATE_EPOCH` when set (reproducible builds), else now.
fn build_time() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        })
}

/// `time` in the configured zone, format and language.
pub fn format(time: i64, options: &RevisionDates, locale: &str) -> LastUpdated {
    let offset = i64::from(options.utc_offset_minutes);
    let local = time + offset * 60;
    let (year, month, day) = civil_from_days(local.div_euclid(86_400));
    let secs = local.rem_euclid(86_400);
    let (hour, minute, second) = (secs / 3600, secs / 60 % 60, secs % 60);
    let iso_date = format!("{year:04}-{month:02}-{day:02}");
    let zone = if offset == 0 {
        "Z".to_string()
    } else {
        let sign = if offset < 0 { '-' } else { '+' };
        format!("{sign}{:02}:{:02}", offset.abs() / 60, offset.abs() % 60)
    };
    let with_time = matches!(
        options.format,
        DateFormat::DateTime | DateFormat::IsoDateTime
    );
    let iso = if with_time {
        format!("{iso_date}T{hour:02}:{minute:02}:{second:02}{zone}")
    } else {
        iso_date.clone()
    };
    let text = match options.format {
        DateFormat::IsoDate => iso_date,
        DateFormat::IsoDateTime => format!("{iso_date} {hour:02}:{minute:02}:{second:02}"),
        DateFormat::Date => long_date(year, month, day, locale).unwrap_or(iso_date),
        DateFormat::DateTime => format!(
            "{} {hour:02}:{minute:02}",
            long_date(year, month, day, locale).unwrap_or(iso_date)
        ),
    };
    LastUpdated { iso, text }
}

/// "March 14, 2024" in the languages the theme speaks; `None` for others (ISO instead).
fn long_date(year: i64, month: u32, day: u32, locale: &str) -> Option<String> {
    let language = locale
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let m = month as usize - 1;
    let names: [&str; 12] = match language.as_str() {
        "en" => [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        "fi" => [
            "tammikuuta",
            "helmikuuta",
            "maaliskuuta",
            "huhtikuuta",
            "toukokuuta",
            "kesäkuuta",
            "heinäkuuta",
            "elokuuta",
            "syyskuuta",
            "lokakuuta",
            "marraskuuta",
            "joulukuuta",
        ],
        "sv" | "fr" => {
            if language == "sv" {
                [
                    "januari",
                    "februari",
                    "mars",
                    "april",
                    "maj",
                    "juni",
                    "juli",
                    "augusti",
                    "september",
                    "oktober",
                    "november",
                    "december",
                ]
            } else {
                [
                    "janvier",
                    "février",
                    "mars",
                    "avril",
                    "mai",
                    "juin",
                    "juillet",
                    "août",
                    "septembre",
                    "octobre",
                    "novembre",
                    "décembre",
                ]
            }
        }
        "de" => [
            "Januar",
            "Februar",
            "März",
            "April",
            "Mai",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "Dezember",
        ],
        "es" => [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ],
        "it" => [
            "gennaio",
            "febbraio",
            "marzo",
            "aprile",
            "maggio",
            "giugno",
            "luglio",
            "agosto",
            "settembre",
            "ottobre",
            "novembre",
            "dicembre",
        ],
        "nl" => [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ],
        "pt" => [
            "janeiro",
            "fevereiro",
            "março",
            "abril",
            "maio",
            "junho",
            "julho",
            "agosto",
            "setembro",
            "outubro",
            "novembro",
            "dezembro",
        ],
        "nb" | "no" | "nn" | "da" => [
            "januar",
            "februar",
            "mars",
            "april",
            "mai",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "desember",
        ],
        _ => return None,
    };
    let name = names[m];
    Some(match language.as_str() {
        "en" => format!("{name} {day}, {year}"),
        "fi" | "de" | "nb" | "no" | "nn" | "da" => format!("{day}. {name} {year}"),
        "es" | "pt" => format!("{day} de {name} de {year}"),
        _ => format!("{day} {name} {year}"),
    })
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (H. Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(format: DateFormat, offset: i32) -> RevisionDates {
        RevisionDates {
            enabled: true,
            format,
            utc_offset_minutes: offset,
            ..Default::default()
        }
    }

    #[test]
    fn dates_in_each_format_zone_and_language() {
        // 2024-03-14 22:30:00 UTC
        let t = 1_710_455_400;
        assert_eq!(
            format(t, &options(DateFormat::Date, 0), "en").text,
            "March 14, 2024"
        );
        assert_eq!(
            format(t, &options(DateFormat::Date, 120), "fi").text,
            "15. maaliskuuta 2024"
        );
        assert_eq!(
            format(t, &options(DateFormat::Date, 0), "pt-BR").text,
            "14 de março de 2024"
        );
        assert_eq!(
            format(t, &options(DateFormat::IsoDate, 0), "en").text,
            "2024-03-14"
        );
        let dt = format(t, &options(DateFormat::IsoDateTime, -300), "en");
        assert_eq!(dt.text, "2024-03-14 17:30:00");
        assert_eq!(dt.iso, "2024-03-14T17:30:00-05:00");
        assert_eq!(
            format(t, &options(DateFormat::Date, 0), "zz").text,
            "2024-03-14"
        );
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }

    #[test]
    fn the_newest_commit_of_each_file_wins() {
        let log = "\u{1}300\n\na.md\n\n\u{1}200\n\na.md\nb/c.md\n";
        let times = parse_log(log);
        assert_eq!(times["a.md"], 300);
        assert_eq!(times["b/c.md"], 200);
    }
}
