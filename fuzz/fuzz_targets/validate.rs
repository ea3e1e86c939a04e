//! Validation of arbitrary meetings never panics, and every finding has
//! its code's severity.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let m = common::meeting(data);
    for f in m.validate().findings() {
        assert_eq!(f.severity, f.code.severity());
    }
});
