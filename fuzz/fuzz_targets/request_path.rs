//! The preview server's request-path handling: `serve::http::lookup` maps a raw
//! (percent-encoded) request path to a key of the in-memory site. Whatever it asks about or
//! returns never leaves the site: no `..` or `.` component, never absolute, no backslash
//! or NUL; a redirect stays a local path on this host.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use std::cell::RefCell;
use waymark::serve::http::{lookup, Lookup};

fn check_key(key: &str, raw: &str) {
    assert!(!key.starts_with('/'), "absolute key {key:?} from {raw:?}");
    assert!(!key.contains(['\\', '\0']), "key {key:?} from {raw:?}");
    assert!(
        key.split('/')
            .all(|segment| segment != ".." && segment != "."),
        "key {key:?} from {raw:?} has a dot segment"
    );
    assert!(
        common::is_inside(std::path::Path::new(key)),
        "key {key:?} from {raw:?} leaves the site"
    );
}

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    // A site where folders have an index.html and some files exist: every outcome of the
    // lookup is reachable.
    let asked = RefCell::new(Vec::new());
    let exists = |key: &str| {
        asked.borrow_mut().push(key.to_string());
        key.ends_with("index.html") || key.len() % 3 == 0
    };
    let result = lookup(raw, exists);
    for key in asked.borrow().iter() {
        check_key(key, raw);
    }
    match result {
        Lookup::Found(key) => {
            check_key(&key, raw);
            assert!(asked.borrow().contains(&key));
        }
        Lookup::Redirect(to) => {
            assert!(
                to.starts_with('/') && !to.starts_with("//"),
                "redirect {to:?}"
            );
            assert!(to.ends_with('/'), "redirect {to:?}");
            assert!(!to.contains('\\'), "redirect {to:?}");
        }
        Lookup::NotFound | Lookup::Rejected => {}
    }
});
