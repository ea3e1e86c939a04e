//! One version everywhere: the crate, the Python package, the C header's
//! macros (the CLI and the C library are workspace members of the same
//! version; the pkg-config file is written from it by scripts/install-c.sh).

fn read(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

#[test]
fn the_python_package_and_the_header_carry_the_crate_version() {
    let version = env!("CARGO_PKG_VERSION");
    let pyproject = read("../python/pyproject.toml");
    assert!(
        pyproject.contains(&format!("\nversion = \"{version}\"\n")),
        "python/pyproject.toml is not at {version}"
    );
    let header = read("../include/roundtable.h");
    for line in [
        format!("#define ROUNDTABLE_VERSION \"{version}\""),
        format!(
            "#define ROUNDTABLE_VERSION_MAJOR {}",
            env!("CARGO_PKG_VERSION_MAJOR")
        ),
        format!(
            "#define ROUNDTABLE_VERSION_MINOR {}",
            env!("CARGO_PKG_VERSION_MINOR")
        ),
        format!(
            "#define ROUNDTABLE_VERSION_PATCH {}",
            env!("CARGO_PKG_VERSION_PATCH")
        ),
    ] {
        assert!(header.contains(&line), "the header lacks {line}");
    }
    let workspace = read("../Cargo.toml");
    assert!(workspace.contains(&format!("[workspace.package]\nversion = \"{version}\"")));
}
