//! The committed header `include/roundtable.h` is what cbindgen makes of
//! this crate now. `ROUNDTABLE_WRITE_HEADER=1 cargo test -p roundtable-cabi
//! --test header` rewrites it.

use std::path::Path;

#[test]
fn the_committed_header_is_fresh() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).unwrap();
    // One version everywhere: the header's macros are the crate's.
    config.after_includes = Some(format!(
        "\n/* The version of the library this header belongs to. */\n\
         #define ROUNDTABLE_VERSION_MAJOR {}\n\
         #define ROUNDTABLE_VERSION_MINOR {}\n\
         #define ROUNDTABLE_VERSION_PATCH {}\n\
         #define ROUNDTABLE_VERSION \"{}\"",
        env!("CARGO_PKG_VERSION_MAJOR"),
        env!("CARGO_PKG_VERSION_MINOR"),
        env!("CARGO_PKG_VERSION_PATCH"),
        env!("CARGO_PKG_VERSION"),
    ));
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_crate(crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen reads the crate")
        .write(&mut generated);
    let path = crate_dir.join("../../include/roundtable.h");
    if std::env::var_os("ROUNDTABLE_WRITE_HEADER").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "include/roundtable.h is stale: run ROUNDTABLE_WRITE_HEADER=1 cargo test -p roundtable-cabi --test header"
    );
}
