//! The embedding contract's defaults and limits, which the widget applies
//! and the embed builder offers, and `GET /v1/embed`: what the builder needs
//! from the server to write a snippet that works.

use serde::{Deserialize, Serialize};

/// Updates shown when `limit` is absent.
pub const LIMIT_DEFAULT: usize = 5;
/// The most `limit` takes: enough for any sidebar; more belongs on the force's own site.
pub const LIMIT_MAX: usize = 50;
/// The level of the widget's heading when `heading-level` is absent.
pub const HEADING_LEVEL_DEFAULT: u8 = 2;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EmbedInfo {
    /// This server's feed.
    pub feed_url: String,
    /// The loader script partner pages include.
    pub loader_url: String,
    /// The force's own site, for the link shown until the widget starts.
    pub home_url: String,
    /// The loader's Subresource Integrity hash, when the server serves a
    /// release build (whose files never change under a name).
    pub integrity: Option<String>,
    /// The areas the live updates name.
    pub areas: Vec<String>,
}
