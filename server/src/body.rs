//! Reading a JSON request body into a type, naming the field whose type is
//! wrong (`event.start`, not "invalid type at line 1 column 40").

use police_engage_contract::Code;
use serde::Deserialize;

use crate::error::{Error, Problem};

/// The problems, if the JSON does not make a `T`.
pub fn parse<T: for<'de> Deserialize<'de>>(json: &[u8]) -> Result<T, Vec<Problem>> {
    let mut de = serde_json::Deserializer::from_slice(json);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { "body".to_owned() } else { path };
        let inner = e.into_inner();
        let code = if inner.is_data() { Code::WrongType } else { Code::Malformed };
        vec![Problem::new(&field, code, inner.to_string())]
    })
}

/// As [`parse`], answering a request with a 422 that names the field.
pub fn read<T: for<'de> Deserialize<'de>>(json: &[u8]) -> Result<T, Error> {
    parse(json).map_err(Error::Unprocessable)
}

/// The whole body, at most `limit` bytes (`413` past it). A body too slow
/// to arrive is answered `408` by the connection's deadline.
pub async fn bytes(body: axum::body::Body, limit: usize) -> Result<axum::body::Bytes, Error> {
    axum::body::to_bytes(body, limit).await.map_err(|e| {
        if e.into_inner().is::<http_body_util::LengthLimitError>() {
            Error::PayloadTooLarge
        } else {
            Error::bad("body", Code::Unreadable, "The request body could not be read.")
        }
    })
}
