//! `publish --file`: creates or replaces each update in a file, after
//! checking them all, so a mistake in one writes none.

use std::path::Path;

use anyhow::Context;
use police_engage_contract::Channel;

use crate::audit::By;
use crate::config::Settings;
use crate::db;
use crate::error::describe;
use crate::publish::{self, Mode};

pub async fn run(settings: &Settings, file: &Path) -> anyhow::Result<()> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let inputs = publish::parse_many(&bytes)
        .map_err(|problems| anyhow::anyhow!("{}: {}", file.display(), describe(&problems)))?;
    let db = db::open(&settings.database).await?;
    let mut checked = Vec::new();
    for (n, input) in inputs.iter().enumerate() {
        let update = publish::check(&db, input, Mode::Upsert, Channel::CommandLine)
            .await
            .with_context(|| format!("update {}", n + 1))?;
        checked.push(update);
    }
    for update in &checked {
        publish::store(&db, &By::COMMAND_LINE, update).await?;
        println!("Published {}", update.update.id);
    }
    Ok(())
}
