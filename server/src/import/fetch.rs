//! Fetching a source politely: conditional GET, a timeout, a size limit.

use std::time::Duration;

use reqwest::header::{ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, USER_AGENT};
use reqwest::StatusCode;

use super::error::ReadError;

pub struct Limits {
    pub timeout: Duration,
    pub max_bytes: usize,
}

pub enum Fetched {
    NotModified,
    Body { bytes: Vec<u8>, etag: Option<String>, last_modified: Option<String> },
}

pub fn client(limits: &Limits) -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(limits.timeout)
        .connect_timeout(limits.timeout)
        .redirect(reqwest::redirect::Policy::limited(5))
        .build()
        .expect("a default TLS client builds")
}

pub async fn get(
    client: &reqwest::Client,
    url: &str,
    etag: Option<&str>,
    last_modified: Option<&str>,
    max_bytes: usize,
) -> Result<Fetched, ReadError> {
    let mut request = client.get(url).header(USER_AGENT, concat!("police-engage-server/", env!("CARGO_PKG_VERSION")));
    if let Some(etag) = etag {
        request = request.header(IF_NONE_MATCH, etag);
    }
    if let Some(since) = last_modified {
        request = request.header(IF_MODIFIED_SINCE, since);
    }
    let mut response = request.send().await?;
    if response.status() == StatusCode::NOT_MODIFIED {
        return Ok(Fetched::NotModified);
    }
    if !response.status().is_success() {
        return Err(ReadError::Status(response.status()));
    }
    let header = |name| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let (etag, last_modified) = (header(ETAG), header(LAST_MODIFIED));
    if response.content_length().is_some_and(|len| len as usize > max_bytes) {
        return Err(ReadError::TooLarge(max_bytes));
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        if bytes.len() + chunk.len() > max_bytes {
            return Err(ReadError::TooLarge(max_bytes));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Fetched::Body { bytes, etag, last_modified })
}
