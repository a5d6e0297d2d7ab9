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
/// The levels `heading-level` takes: a partner page keeps its own `<h1>`,
/// and the cards, one level below, stop at `<h6>`.
pub const HEADING_LEVELS: std::ops::RangeInclusive<u8> = 2..=6;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EmbedInfo {
    /// This server's feed.
    pub feed_url: String,
    /// The loader at its stable address, which follows releases.
    pub loader_url: String,
    /// The force's own site, for the link shown until the widget starts.
    pub home_url: String,
    /// This release's own loader, when the server serves a release build.
    pub pinned: Option<PinnedLoader>,
    /// The areas the live updates name.
    pub areas: Vec<String>,
}

/// A release's loader at its content-hashed address, whose bytes never
/// change, with their Subresource Integrity hash: a snippet that names both
/// keeps this release, unchanged, after the next one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PinnedLoader {
    pub url: String,
    pub integrity: String,
}
