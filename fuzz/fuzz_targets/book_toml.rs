//! `book.toml`: `config::parse`, then (when valid) the site model built from it (its `nav`
//! resolved against a few pages) and the announcement rendered as on every page.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let project = Path::new("/nonexistent/waymark-fuzz/project");
    let Some(config) = common::valid_config(waymark::config::parse(text, project)) else {
        return;
    };
    assert!(config.src_dir.starts_with(project) || config.src_dir.is_absolute());
    if let Some(url) = &config.site_url {
        assert!(url.ends_with('/'), "{url}");
    }
    let site = common::small_site(config, "content");
    for page in &site.pages {
        if let Some(body) = waymark::markdown::announcement(&site, page) {
            for link in &body.links {
                let _ = link.span.locate(&site.config.config_text);
            }
        }
    }
});
