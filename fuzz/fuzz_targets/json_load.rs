//! Meeting documents from arbitrary bytes: a meeting or a typed error with
//! a position; a meeting read writes back to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roundtable::Meeting;

fuzz_target!(|data: &[u8]| {
    match Meeting::from_json_slice(data) {
        Ok(m) => assert_eq!(Meeting::from_json(&m.to_json()).unwrap(), m),
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
