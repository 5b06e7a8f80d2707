//! Settings of what a page shows around its text: the copyright line, the favicon and the
//! last-updated date from git (MkDocs' `git-revision-date-localized` and
//! `git-revision-date` plugins). Read from `book.toml` (`[output.html]`) and `mkdocs.yml`.

use super::patterns::{Fnmatch, FNMATCH_HINT};
use serde_norway::{Mapping, Value};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Presentation {
    /// The copyright line of the footer (HTML, as MkDocs' `copyright`).
    pub copyright: Option<String>,
    /// The favicon: a file of the site, by its path from the content folder.
    pub favicon: Option<String>,
    pub revision_dates: RevisionDates,
}

/// The last-updated date of each page, from the newest commit that touched its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionDates {
    pub enabled: bool,
    pub format: DateFormat,
    /// Pages git knows nothing about (new files, no repository) show the build's date
    /// (`SOURCE_DATE_EPOCH` when set, so builds can stay reproducible).
    pub fallback_to_build_date: bool,
    /// Pages (by their path from the content folder) that show no date.
    pub exclude: Fnmatch,
    /// Language of month names (default: the site's language).
    pub locale: Option<String>,
    /// Minutes east of UTC in which dates are shown.
    pub utc_offset_minutes: i32,
}

impl Default for RevisionDates {
    fn default() -> Self {
        RevisionDates {
            enabled: false,
            format: DateFormat::Date,
            fallback_to_build_date: false,
            exclude: Fnmatch::default(),
            locale: None,
            utc_offset_minutes: 0,
        }
    }
}

/// The plugin's `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateFormat {
    /// `date` (and `timeago`, `custom`): "March 14, 2024", in the locale.
    Date,
    /// `datetime`: "March 14, 2024 10:30".
    DateTime,
    /// `iso_date`: "2024-03-14".
    IsoDate,
    /// `iso_datetime`: "2024-03-14 10:30:00".
    IsoDateTime,
}

impl DateFormat {
    pub fn parse(name: &str) -> Option<DateFormat> {
        Some(match name {
            "date" | "timeago" | "custom" => DateFormat::Date,
            "datetime" => DateFormat::DateTime,
            "iso_date" => DateFormat::IsoDate,
            "iso_datetime" => DateFormat::IsoDateTime,
            _ => return None,
        })
    }
}

/// A time zone written as `UTC`, `UTC+2`, `+02:00`, `-0530` or `Etc/GMT-2` (POSIX sign):
/// minutes east of UTC. Named zones need a time-zone database: `None`.
pub fn utc_offset(zone: &str) -> Option<i32> {
    let zone = zone.trim();
    if ["UTC", "GMT", "Etc/UTC", "Etc/GMT", "Z"].contains(&zone) {
        return Some(0);
    }
    let (rest, flip) = if let Some(r) = zone.strip_prefix("Etc/GMT") {
        (r, true)
    } else if let Some(r) = zone
        .strip_prefix("UTC")
        .or_else(|| zone.strip_prefix("GMT"))
    {
        (r, false)
    } else {
        (zone, false)
    };
    let sign = match rest.chars().next()? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let digits: String = rest[1..].chars().filter(|c| *c != ':').collect();
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (hours, minutes) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        _ => {
            let split = digits.len() - 2;
            (digits[..split].parse().ok()?, digits[split..].parse().ok()?)
        }
    };
    if hours > 14 || minutes > 59 {
        return None;
    }
    let offset = sign * (hours * 60 + minutes);
    Some(if flip { -offset } else { offset })
}

/// What `mkdocs.yml` says about the footer, favicon and dates: `copyright`,
/// `theme.favicon` and the options of the `git-revision-date-localized` (or
/// `git-revision-date`) plugin. Problems are returned as (key, message, hint) warnings.
pub fn from_mkdocs(
    root: &Mapping,
    plugins: &[(String, Mapping)],
) -> (Presentation, Vec<(String, String)>) {
    let mut problems = Vec::new();
    let copyright = root
        .get("copyright")
        .and_then(Value::as_str)
        .map(str::to_string);
    let favicon = root
        .get("theme")
        .and_then(|t| t.get("favicon"))
        .and_then(Value::as_str)
        .map(|f| f.trim_start_matches('/').to_string());
    let mut dates = RevisionDates::default();
    for (plugin, options) in plugins {
        let localized = plugin == "git-revision-date-localized";
        if !localized && plugin != "git-revision-date" {
            continue;
        }
        let get = |key: &str| options.get(key);
        dates.enabled = get("enabled").and_then(Value::as_bool).unwrap_or(true);
        dates.fallback_to_build_date = get("fallback_to_build_date")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        if let Some(kind) = get("type").and_then(Value::as_str) {
            match DateFormat::parse(kind) {
                Some(format) => dates.format = format,
                None => problems.push((
                    format!("plugin `{plugin}`: unknown `type: {kind}`"),
                    "use date, datetime, iso_date, iso_datetime, timeago or custom".to_string(),
                )),
            }
        } else if !localized {
            // git-revision-date shows an ISO date.
            dates.format = DateFormat::IsoDate;
        }
        let patterns = get("exclude").and_then(Value::as_sequence);
        let patterns = patterns.into_iter().flatten().filter_map(Value::as_str);
        let (exclude, invalid) = Fnmatch::parse(patterns.map(|p| p.trim_start_matches('/')));
        dates.exclude = exclude;
        for (pattern, why) in invalid {
            problems.push((
                format!("plugin `{plugin}`: `{pattern}` in `exclude` is not a valid pattern ({why}); it leaves no page out"),
                FNMATCH_HINT.to_string(),
            ));
        }
        dates.locale = get("locale").and_then(Value::as_str).map(str::to_string);
        if let Some(zone) = get("timezone").and_then(Value::as_str) {
            match utc_offset(zone) {
                Some(offset) => dates.utc_offset_minutes = offset,
                None => problems.push((
                    format!("plugin `{plugin}`: time zone `{zone}` needs a time-zone database, which Waymark does not carry"),
                    "dates are shown in UTC; write the zone as an offset such as `UTC+2` or `+05:30`".to_string(),
                )),
            }
        }
    }
    (
        Presentation {
            copyright,
            favicon,
            revision_dates: dates,
        },
        problems,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_zones_as_offsets() {
        assert_eq!(utc_offset("UTC"), Some(0));
        assert_eq!(utc_offset("UTC+2"), Some(120));
        assert_eq!(utc_offset("+05:30"), Some(330));
        assert_eq!(utc_offset("-0800"), Some(-480));
        assert_eq!(utc_offset("Etc/GMT-2"), Some(120));
        assert_eq!(utc_offset("Europe/Helsinki"), None);
    }

    #[test]
    fn reads_the_plugin_options() {
        let yaml = "copyright: '&copy; Team'\ntheme: {favicon: img/fav.png}\nplugins:\n  - git-revision-date-localized:\n      type: iso_datetime\n      fallback_to_build_date: true\n      exclude: [index.md, /drafts/*, '[z-a]']\n      locale: fi\n      timezone: UTC+3\n";
        let root: Mapping = serde_norway::from_str(yaml).unwrap();
        let plugins: Vec<(String, Mapping)> = root["plugins"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|p| {
                let (k, v) = p.as_mapping().unwrap().iter().next().unwrap();
                (
                    k.as_str().unwrap().to_string(),
                    v.as_mapping().unwrap().clone(),
                )
            })
            .collect();
        let (p, problems) = from_mkdocs(&root, &plugins);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].0.starts_with(
            "plugin `git-revision-date-localized`: `[z-a]` in `exclude` is not a valid pattern"
        ));
        assert_eq!(p.copyright.as_deref(), Some("&copy; Team"));
        assert_eq!(p.favicon.as_deref(), Some("img/fav.png"));
        let d = p.revision_dates;
        assert!(d.enabled && d.fallback_to_build_date);
        assert_eq!(d.format, DateFormat::IsoDateTime);
        assert!(d.exclude.matches("index.md") && !d.exclude.matches("guide/index.md"));
        assert!(d.exclude.matches("drafts/a/b.md"), "`*` crosses folders");
        assert_eq!(d.locale.as_deref(), Some("fi"));
        assert_eq!(d.utc_offset_minutes, 180);
    }
}
