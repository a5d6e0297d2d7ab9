//! What can go wrong importing a source, in words for the log, the command
//! line and `/healthz`.

use super::formats::FormatError;
use crate::publish::PublishError;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(transparent)]
    Format(#[from] FormatError),
    #[error("storing failed: {0}")]
    Store(#[from] sqlx::Error),
    #[error("storing failed: {0}")]
    Publish(#[from] PublishError),
}

/// Getting the source's bytes, from the network or a file.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("the source did not answer in time")]
    Timeout,
    #[error("the source could not be reached")]
    Unreachable,
    #[error("the source answered {0}")]
    Status(reqwest::StatusCode),
    #[error("the source is larger than {0} bytes")]
    TooLarge(usize),
    #[error("fetching the source failed: {0}")]
    Http(reqwest::Error),
    #[error("cannot read {path}: {source}")]
    File { path: String, source: std::io::Error },
}

impl From<reqwest::Error> for ReadError {
    fn from(e: reqwest::Error) -> ReadError {
        if e.is_timeout() {
            ReadError::Timeout
        } else if e.is_connect() {
            ReadError::Unreachable
        } else {
            ReadError::Http(e)
        }
    }
}
