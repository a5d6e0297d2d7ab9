//! The demo's samples: updates for the partner page, and feedback so the
//! console's inbox and charts have something to show.

mod feedback;
mod updates;

use crate::db::{self, Db};

/// Each is seeded once in the life of a database and never again, so a
/// force that deletes them does not see them come back.
const UPDATES_SEEDED: &str = "samples_seeded";
const FEEDBACK_SEEDED: &str = "sample_feedback_seeded";

pub async fn samples_once(db: &Db) -> anyhow::Result<()> {
    if db::add_setting(db, UPDATES_SEEDED, &crate::stamp::now(crate::stamp::Secs)).await? {
        updates::add(db).await?;
    }
    if db::add_setting(db, FEEDBACK_SEEDED, &crate::stamp::now(crate::stamp::Secs)).await? {
        feedback::add(db).await?;
    }
    Ok(())
}
