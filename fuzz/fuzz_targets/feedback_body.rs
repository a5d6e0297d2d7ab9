//! Any bytes as a `POST /v1/feedback` body: read and checked without a
//! panic, and whatever passes keeps every rule of the contract.
#![no_main]

use libfuzzer_sys::fuzz_target;
use police_engage_contract::validate;
use police_engage_server::http::feedback::checked_submission;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Ok(Value::Object(fields)) = serde_json::from_slice::<Value>(data) else { return };
    if let Ok(submission) = checked_submission(&fields) {
        assert!(validate(&submission).is_empty());
    }
});
