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
    #[error("the source's address is not valid: {0}")]
    BadUrl(String),
    /// A redirect or DNS answer that would leave the internet, or https.
    #[error("{0}")]
    Refused(String),
}

impl From<reqwest::Error> for ReadError {
    fn from(e: reqwest::Error) -> ReadError {
        let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(&e);
        while let Some(error) = cause {
            if let Some(refused) = error.downcast_ref::<super::fetch::OffLimits>() {
                return ReadError::Refused(refused.0.clone());
            }
            cause = error.source();
        }
        if e.is_timeout() {
            ReadError::Timeout
        } else if e.is_connect() {
            ReadError::Unreachable
        } else {
            ReadError::Http(e)
        }
    }
}
