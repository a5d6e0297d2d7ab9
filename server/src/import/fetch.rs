//! Fetching a source politely: conditional GET, a timeout, a size limit.

use std::time::Duration;

use reqwest::header::{ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, USER_AGENT};
use reqwest::StatusCode;

pub struct Limits {
    pub timeout: Duration,
    pub max_bytes: usize,
}

pub enum Fetched {
    NotModified,
    Body { bytes: Vec<u8>, etag: Option<String>, last_modified: Option<String> },
}

/// What went wrong, in words for the log and /healthz.
pub type FetchError = String;

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
) -> Result<Fetched, FetchError> {
    let mut request = client.get(url).header(USER_AGENT, concat!("police-engage-server/", env!("CARGO_PKG_VERSION")));
    if let Some(etag) = etag {
        request = request.header(IF_NONE_MATCH, etag);
    }
    if let Some(since) = last_modified {
        request = request.header(IF_MODIFIED_SINCE, since);
    }
    let mut response = request.send().await.map_err(describe)?;
    if response.status() == StatusCode::NOT_MODIFIED {
        return Ok(Fetched::NotModified);
    }
    if !response.status().is_success() {
        return Err(format!("the source answered {}", response.status()));
    }
    let header = |name| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let (etag, last_modified) = (header(ETAG), header(LAST_MODIFIED));
    if response.content_length().is_some_and(|len| len as usize > max_bytes) {
        return Err(format!("the source is larger than {max_bytes} bytes"));
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(describe)? {
        if bytes.len() + chunk.len() > max_bytes {
            return Err(format!("the source is larger than {max_bytes} bytes"));
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Fetched::Body { bytes, etag, last_modified })
}

fn describe(e: reqwest::Error) -> FetchError {
    if e.is_timeout() {
        "the source did not answer in time".into()
    } else if e.is_connect() {
        "the source could not be reached".into()
    } else {
        format!("fetching the source failed: {e}")
    }
}
