//! Handing a formatted message to SMTP (`lettre`'s pooled transport, so one
//! connection carries many messages), or writing it to a folder as
//! `ID.eml` (`file:DIR`, for the demo and for reading what would be sent).

use std::path::PathBuf;

use anyhow::Context;
use lettre::address::Envelope;
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(PathBuf),
}

/// Why a message was not handed over.
#[derive(Debug)]
pub enum Failure {
    /// Worth trying again later (a 4xx answer, a connection that failed).
    Temporary(String),
    /// The server refused it for good (a 5xx answer).
    Permanent(String),
}

/// The relay's address as lettre takes it: the password added, and
/// `smtp://` made to require STARTTLS (plain text to lettre otherwise)
/// unless the URL says otherwise or the relay is on this machine.
fn relay_url(url: &str, password: Option<&str>) -> anyhow::Result<url::Url> {
    let mut parsed = url::Url::parse(url).with_context(|| "--smtp-url is not a URL")?;
    if let Some(password) = password.filter(|_| parsed.password().is_none()) {
        parsed.set_password(Some(password)).map_err(|()| anyhow::anyhow!("--smtp-url cannot take a password"))?;
    }
    let loopback = matches!(parsed.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
    if parsed.scheme() == "smtp" && !loopback && !parsed.query_pairs().any(|(k, _)| k == "tls") {
        parsed.query_pairs_mut().append_pair("tls", "required");
    }
    Ok(parsed)
}

impl Transport {
    /// Up to `connections` SMTP connections, kept open and reused.
    pub fn new(url: &str, password: Option<&str>, connections: u32) -> anyhow::Result<Transport> {
        if let Some(dir) = url.strip_prefix("file:") {
            let dir = PathBuf::from(dir);
            std::fs::create_dir_all(&dir).with_context(|| format!("cannot make {}", dir.display()))?;
            return Ok(Transport::Files(dir));
        }
        let parsed = relay_url(url, password)?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(parsed.as_str())
            .with_context(|| "--smtp-url must be smtp://HOST:PORT, smtps://HOST:PORT or file:DIR")?
            .pool_config(PoolConfig::new().max_size(connections))
            .build();
        Ok(Transport::Smtp(transport))
    }

    /// Hands over one message: `id` names its file, `body` is the whole message.
    pub async fn send(&self, id: &str, envelope: &Envelope, body: &[u8]) -> Result<(), Failure> {
        match self {
            Transport::Smtp(smtp) => smtp.send_raw(envelope, body).await.map(|_| ()).map_err(|e| {
                if e.is_permanent() {
                    Failure::Permanent(e.to_string())
                } else {
                    Failure::Temporary(e.to_string())
                }
            }),
            Transport::Files(dir) => tokio::fs::write(dir.join(format!("{id}.eml")), body)
                .await
                .map_err(|e| Failure::Temporary(e.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remote_relay_is_reached_over_tls_and_given_the_password() {
        let url = relay_url("smtp://relay.force.example:587", Some("secret")).unwrap();
        assert_eq!(url.as_str(), "smtp://:secret@relay.force.example:587?tls=required");
        let said = relay_url("smtp://u:p@relay.force.example:587?tls=opportunistic", Some("other")).unwrap();
        assert_eq!(said.as_str(), "smtp://u:p@relay.force.example:587?tls=opportunistic");
        assert_eq!(relay_url("smtp://127.0.0.1:2525", None).unwrap().as_str(), "smtp://127.0.0.1:2525");
        assert!(relay_url("not a url", None).is_err());
    }
}
