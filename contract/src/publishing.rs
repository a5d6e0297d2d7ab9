//! What the console's publishing pages and the server say to each other:
//! the list of updates by state, and one update as stored.

use serde::{Deserialize, Serialize};

use crate::update::{Category, Priority, UpdateInput};
use crate::wire::wire_enum;

wire_enum! {
    /// Where an update is in its life.
    pub enum UpdateState {
        /// In the feed now.
        Live => "live",
        /// Its publish time is still to come.
        Scheduled => "scheduled",
        /// Past its expiry.
        Expired => "expired",
        /// Taken out of the feed by the force.
        Withdrawn => "withdrawn",
    }
}

wire_enum! {
    /// How an update came in.
    pub enum Channel {
        Console => "console",
        /// The admin API with the bearer token.
        Api => "api",
        CommandLine => "command_line",
        /// One of the demo's sample updates.
        Sample => "sample",
        /// An import source (named beside it).
        Import => "import",
    }
}

/// How many updates are in each state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateCounts {
    pub live: u64,
    pub scheduled: u64,
    pub expired: u64,
    pub withdrawn: u64,
}

impl UpdateCounts {
    pub fn of(&self, state: UpdateState) -> u64 {
        match state {
            UpdateState::Live => self.live,
            UpdateState::Scheduled => self.scheduled,
            UpdateState::Expired => self.expired,
            UpdateState::Withdrawn => self.withdrawn,
        }
    }
}

/// One row of the list of updates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UpdateRow {
    pub id: String,
    pub title: String,
    /// Its Welsh title, when it has a Welsh version.
    pub cy_title: Option<String>,
    pub category: Category,
    pub priority: Priority,
    pub area: Option<String>,
    pub published_at: String,
    pub expires_at: Option<String>,
    pub state: UpdateState,
    pub channel: Channel,
    /// The import source's URL or file, for imported updates.
    pub source: Option<String>,
}

/// Updates on one page of the console's list.
pub const UPDATES_PAGE: u32 = 25;

/// `GET /v1/updates?state=…&before=…`: one state's updates (live when
/// absent), a page at a time.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdatesQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<UpdateState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
}

/// The answer to [`UpdatesQuery`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UpdatesPage {
    pub items: Vec<UpdateRow>,
    pub counts: UpdateCounts,
    pub next: Option<String>,
}

/// `GET /v1/updates/{id}`: the update as written, for the form, and where it stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredUpdate {
    pub input: UpdateInput,
    pub state: UpdateState,
    pub channel: Channel,
    pub source: Option<String>,
}
