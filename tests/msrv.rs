//! `rust-version` in Cargo.toml is true of the whole build. Clippy's `incompatible_msrv`
//! (denied in CI) checks our own code against it; this checks every locked dependency,
//! which Cargo refuses to build with an older compiler than the one it declares.

use std::process::Command;

/// `1.91` and `1.91.0` as `[1, 91, 0]`, so that versions compare as numbers.
fn version(text: &str) -> Vec<u32> {
    let mut parts: Vec<u32> = text
        .split('.')
        .map(|n| n.parse().unwrap_or_else(|_| panic!("version `{text}`")))
        .collect();
    parts.resize(3, 0);
    parts
}

/// The target triple of the compiler that built this test.
fn host() -> String {
    let output = Command::new("rustc")
        .arg("-vV")
        .output()
        .expect("run rustc -vV");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.lines()
        .find_map(|line| line.strip_prefix("host: "))
        .expect("rustc -vV names the host")
        .to_string()
}

#[test]
fn every_locked_dependency_builds_with_the_declared_rust_version() {
    let declared = env!("CARGO_PKG_RUST_VERSION");
    // Offline and for this platform only: the packages a build here has already fetched.
    let output = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .args(["--filter-platform", &host()])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run cargo metadata");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let newer: Vec<String> = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|package| {
            let needs = package["rust_version"].as_str()?;
            let (name, at) = (package["name"].as_str()?, package["version"].as_str()?);
            (version(needs) > version(declared)).then(|| format!("{name} {at} needs {needs}"))
        })
        .collect();
    assert!(
        newer.is_empty(),
        "Cargo.toml declares rust-version {declared}, but {}",
        newer.join(", ")
    );
}
