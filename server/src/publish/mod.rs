//! Publishing an update, one path for every way in: the admin API (and the
//! console through it), the `publish` command and the importers each look
//! the update up, check it against the rules and store it here, and every
//! publish, edit and withdrawal goes in the audit log.

mod input;
mod rules;

pub use input::parse_many;
pub use rules::{as_input, category_from_tags, validate};

use police_engage_contract::{Action, Channel, UpdateInput};

use crate::audit::{self, By};
use crate::db::Db;
use crate::error::{describe, Error, Problem};
use crate::updates::{self, Update};

/// How a publish meets an update that already has its id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A new update: a taken id is a conflict.
    Create,
    /// The update with this id, which must exist; a withdrawn one stays withdrawn.
    Replace,
    /// Whichever fits: create it, or replace the one with its id.
    Upsert,
}

/// An update that has passed the rules, ready to store.
#[derive(Debug)]
pub struct Checked {
    pub update: Update,
    /// It replaces a stored update (withdrawn or not).
    pub replaces: bool,
    mode: Mode,
}

#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error("{}", describe(.0))]
    Invalid(Vec<Problem>),
    #[error("an update with this id already exists")]
    Taken,
    #[error("no update with this id")]
    Missing,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

impl From<PublishError> for Error {
    fn from(e: PublishError) -> Error {
        match e {
            PublishError::Invalid(problems) => Error::Unprocessable(problems),
            PublishError::Taken => {
                Error::taken("id", "An update with this id already exists; PUT /v1/updates/{id} to change it.")
            }
            PublishError::Missing => Error::NotFound("No update with this id."),
            PublishError::Database(e) => e.into(),
        }
    }
}

/// Looks up the update `input` names and checks `input` against the rules,
/// keeping what the stored one has that the input leaves out; `channel` is
/// how it comes in.
pub async fn check(db: &Db, input: &UpdateInput, mode: Mode, channel: Channel) -> Result<Checked, PublishError> {
    let existing = match input.id.as_deref().map(str::trim) {
        Some(id) => updates::get(db, id).await?,
        None => None,
    };
    match (mode, &existing) {
        (Mode::Create, Some(_)) => return Err(PublishError::Taken),
        (Mode::Replace, None) => return Err(PublishError::Missing),
        _ => {}
    }
    let update = validate(input, existing.as_ref(), channel).map_err(PublishError::Invalid)?;
    Ok(Checked { update, replaces: existing.is_some(), mode })
}

/// Stores a checked update; it is in the feed at once.
pub async fn store(db: &Db, by: &By<'_>, checked: &Checked) -> Result<(), PublishError> {
    if checked.mode == Mode::Create {
        // Another request may have taken the id since the check.
        if !updates::insert(db, &checked.update).await? {
            return Err(PublishError::Taken);
        }
    } else {
        updates::upsert(db, &checked.update).await?;
    }
    let action = if checked.replaces { Action::Edit } else { Action::Publish };
    audit::record(db, by, action, Some(&checked.update.id), Some(&checked.update.title)).await?;
    tracing::info!(id = %checked.update.id, replaced = checked.replaces, "update published");
    Ok(())
}

/// Checks and stores in one go.
pub async fn publish(
    db: &Db,
    by: &By<'_>,
    input: &UpdateInput,
    mode: Mode,
    channel: Channel,
) -> Result<Checked, PublishError> {
    let checked = check(db, input, mode, channel).await?;
    store(db, by, &checked).await?;
    Ok(checked)
}

/// Takes an update out of the feed.
pub async fn withdraw(db: &Db, by: &By<'_>, id: &str) -> Result<(), PublishError> {
    if !updates::withdraw(db, id).await? {
        return Err(PublishError::Missing);
    }
    audit::record(db, by, Action::Withdraw, Some(id), None).await?;
    tracing::info!(%id, "update withdrawn");
    Ok(())
}
