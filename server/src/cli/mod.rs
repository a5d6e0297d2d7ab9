//! The subcommands: `serve` (the default), `import`, `publish`, `user`, `export-feedback`.

mod export;
mod import;
mod publish;
mod serve;
mod user;

use crate::config::{Cli, Command};

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let settings = cli.settings;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve::run(settings).await,
        Command::ExportFeedback { output, since, about } => export::run(&settings, &output, since, about).await,
        Command::Import { source, category, area } => import::run(&settings, &source, category, area).await,
        Command::Publish { file } => publish::run(&settings, &file).await,
        Command::User { action } => user::run(&settings, action).await,
    }
}
