//! Mail: one durable outbox for everything the server sends. A message is
//! composed (`compose`) and written to the outbox (`outbox`) in the same
//! transaction as what caused it; the worker (`worker`) claims due messages
//! and hands them to the transport (`transport`: SMTP with `lettre`, or
//! `.eml` files for the demo). Without `--smtp-url` nothing is sent and the
//! console keeps "Reply by email" as a `mailto:` link.

pub mod compose;
pub mod outbox;
pub mod transport;
pub mod worker;

use anyhow::Context;
use lettre::message::Mailbox;
use tokio::sync::Notify;

use crate::config::Settings;

/// How the server sends mail.
pub struct Mail {
    pub from: Mailbox,
    /// The force's monitored mailbox, for residents' answers.
    pub reply_to: Option<Mailbox>,
    pub transport: transport::Transport,
    /// Messages handed to the transport at once (`--smtp-connections`).
    pub at_once: usize,
    /// Woken when a message is queued, so it goes at once.
    pub queued: Notify,
    /// The force's name, as mail names it.
    pub force: String,
    /// Where links in mail point: the server's public address, never where
    /// a request's `Host` says.
    pub base_url: String,
}

impl Mail {
    /// From the settings, for the server at `base_url`; `None` without `--smtp-url`.
    pub fn new(settings: &Settings, base_url: &str) -> anyhow::Result<Option<Mail>> {
        let Some(url) = &settings.smtp_url else { return Ok(None) };
        let from = settings.mail_from.parse().with_context(|| format!("--mail-from {}", settings.mail_from))?;
        let reply_to =
            settings.reply_to.as_deref().map(|r| r.parse().with_context(|| format!("--reply-to {r}"))).transpose()?;
        let connections = settings.smtp_connections;
        let transport = transport::Transport::new(url, settings.smtp_password.as_deref(), connections)?;
        Ok(Some(Mail {
            from,
            reply_to,
            transport,
            at_once: connections as usize,
            queued: Notify::new(),
            force: settings.force_name.clone(),
            base_url: base_url.trim_end_matches('/').to_owned(),
        }))
    }
}
