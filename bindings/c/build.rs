//! The shared library's soname carries the major version, so that a
//! program linked against one major version is not run with another.

fn main() {
    let target = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if target == "linux" {
        let major = std::env::var("CARGO_PKG_VERSION_MAJOR").unwrap_or_else(|_| "0".into());
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libroundtable.so.{major}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
