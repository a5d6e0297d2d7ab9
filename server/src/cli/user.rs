//! `user add|list|disable|enable|unlock`: the people who sign in to the console.
//! What is done here goes in the audit log as done by `system`.

use std::io::{BufRead, IsTerminal};

use anyhow::Context;
use police_engage_contract::{Action, Role};

use crate::audit::{self, By};
use crate::config::{Settings, UserAction};
use crate::db::{self, Db};
use crate::identity::{people, second_factors};

pub async fn run(settings: &Settings, action: UserAction) -> anyhow::Result<()> {
    let db = db::open(&settings.database).await?;
    match action {
        UserAction::Add { email, role } => add(&db, &email, role).await,
        UserAction::List => {
            for p in people::list(&db).await? {
                let state = match (p.disabled, p.locked) {
                    (true, _) => "disabled",
                    (false, true) => "locked",
                    (false, false) => "active",
                };
                println!("{:<40} {:<10} {:<9} since {}", p.email, p.role.name(), state, p.created_at);
            }
            Ok(())
        }
        UserAction::Disable { email } => set_disabled(&db, &email, true).await,
        UserAction::Enable { email } => set_disabled(&db, &email, false).await,
        UserAction::Unlock { email } => {
            let account = known(&db, &email).await?;
            people::unlock(&db, &By::COMMAND_LINE, &account.email).await?;
            println!("Unlocked {}: they can sign in again from anywhere.", account.email);
            Ok(())
        }
        UserAction::ResetSecondFactors { email } => {
            let account = known(&db, &email).await?;
            second_factors::reset(&db, &account.id).await?;
            audit::record(&db, &By::COMMAND_LINE, Action::SecondFactorsReset, Some(&account.email), None).await?;
            println!("Reset {}'s second factors: they set one up again when they next sign in.", account.email);
            Ok(())
        }
    }
}

async fn add(db: &Db, email: &str, role: Role) -> anyhow::Result<()> {
    let password = read_password()?;
    let person = people::add(db, email, role, &password).await?.map_err(|e| anyhow::anyhow!("{email}: {e}"))?;
    audit::record(db, &By::COMMAND_LINE, Action::PersonAdded, Some(&person.email), Some(role.name())).await?;
    println!("Added {} ({}). They can sign in at /console/.", person.email, role.name());
    Ok(())
}

async fn set_disabled(db: &Db, email: &str, disabled: bool) -> anyhow::Result<()> {
    let account = known(db, email).await?;
    people::set_disabled(db, &account.id, disabled).await?;
    let action = if disabled { Action::PersonDisabled } else { Action::PersonEnabled };
    audit::record(db, &By::COMMAND_LINE, action, Some(&account.email), None).await?;
    println!("{} {}", if disabled { "Disabled" } else { "Enabled" }, account.email);
    Ok(())
}

async fn known(db: &Db, email: &str) -> anyhow::Result<people::Account> {
    people::by_email(db, email).await?.ok_or(people::PersonError::Unknown).with_context(|| email.to_owned())
}

/// From a prompt (asked twice, not shown) at a terminal; else one line of
/// standard input, so scripts can pipe it in.
fn read_password() -> anyhow::Result<String> {
    let password = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ")?;
        let again = rpassword::prompt_password("Password again: ")?;
        anyhow::ensure!(first == again, "the two passwords are not the same");
        first
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    people::check_password(&password)?;
    Ok(password)
}
