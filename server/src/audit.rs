//! The audit log: who did what, to what, when, from where. Entries are
//! only ever added; none is changed, and none removed but by the retention
//! job, once past the audit log's own retention.

use std::net::IpAddr;

use police_engage_contract::{Action, AuditEntry};

use crate::db::Db;
use crate::paging::Cursor;
use crate::{random, stamp};

/// Who did it, as the log names them, and from which address.
#[derive(Debug, Clone, Copy)]
pub struct By<'a> {
    pub name: &'a str,
    pub address: Option<IpAddr>,
}

impl By<'static> {
    /// The server itself (the retention job, the importers).
    pub const SYSTEM: By<'static> = By { name: "system", address: None };
    /// Someone at the server's command line.
    pub const COMMAND_LINE: By<'static> = By { name: "command line", address: None };
}

/// Automation holding the admin bearer token.
pub const TOKEN: &str = "admin token";
/// Who a refused or failed sign-in is logged as when no account is known.
pub const UNKNOWN: &str = "unknown";

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    at: String,
    actor: String,
    #[sqlx(try_from = "String")]
    action: Action,
    target: Option<String>,
    detail: Option<String>,
    address: Option<String>,
}

impl Row {
    fn entry(self) -> AuditEntry {
        AuditEntry {
            at: self.at,
            actor: self.actor,
            action: self.action,
            target: self.target,
            detail: self.detail,
            address: self.address,
        }
    }
}

/// Who a failed sign-in is logged as: the account's email where there is
/// one; otherwise only what follows the `@`, since what was typed may be a
/// mistyped password or someone else's address.
pub fn tried_as(typed: &str, account_exists: bool) -> String {
    if account_exists {
        return typed.to_owned();
    }
    match typed.rsplit_once('@') {
        Some((_, domain)) if !domain.is_empty() => format!("unknown@{domain}"),
        _ => UNKNOWN.to_owned(),
    }
}

/// Deletes entries older than `cutoff` (RFC 3339); how many.
pub async fn delete_before(db: &Db, cutoff: &str) -> sqlx::Result<u64> {
    Ok(sqlx::query("DELETE FROM audit WHERE at < $1").bind(cutoff).execute(db).await?.rows_affected())
}

/// Adds an entry. `detail` never holds what a resident wrote.
pub async fn record(
    db: &Db,
    by: &By<'_>,
    action: Action,
    target: Option<&str>,
    detail: Option<&str>,
) -> sqlx::Result<()> {
    let at = stamp::now(stamp::Millis);
    // Sorts in time order, and two entries in one millisecond stay apart.
    let id = random::id(&at);
    sqlx::query(
        "INSERT INTO audit (id, at, actor, action, target, detail, address) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(&at)
    .bind(by.name)
    .bind(action.name())
    .bind(target)
    .bind(detail)
    .bind(by.address.map(|a| a.to_canonical().to_string()))
    .execute(db)
    .await?;
    Ok(())
}

const COLUMNS: &str = "id, at, actor, action, target, detail, address";

/// Newest first, a page after `before` (and the cursor for the next page);
/// `limit: None` for everything.
pub async fn page(
    db: &Db,
    before: Option<&str>,
    limit: Option<u32>,
) -> sqlx::Result<(Vec<AuditEntry>, Option<String>)> {
    let fetch = limit.map_or(i64::MAX, |l| i64::from(l) + 1);
    let mut rows: Vec<Row> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM audit WHERE ($1 IS NULL OR id < $1) ORDER BY id DESC LIMIT $2"))
            .bind(before)
            .bind(fetch)
            .fetch_all(db)
            .await?;
    let next =
        limit.and_then(|l| crate::paging::one_page(&mut rows, l, |r| Cursor { at: r.at.clone(), id: r.id.clone() }));
    Ok((rows.into_iter().map(Row::entry).collect(), next.map(|c| c.id)))
}

/// What was done to one thing (a submission, a person), oldest first.
pub async fn about(db: &Db, target: &str) -> sqlx::Result<Vec<AuditEntry>> {
    let rows: Vec<Row> = sqlx::query_as(&format!("SELECT {COLUMNS} FROM audit WHERE target = $1 ORDER BY id"))
        .bind(target)
        .fetch_all(db)
        .await?;
    Ok(rows.into_iter().map(Row::entry).collect())
}

/// The log as CSV, newest first, with formula-like cells neutralised.
pub fn to_csv(entries: &[AuditEntry]) -> anyhow::Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(["at", "actor", "action", "target", "detail", "address"])?;
    for e in entries {
        let cells = [
            e.at.as_str(),
            &e.actor,
            e.action.name(),
            e.target.as_deref().unwrap_or(""),
            e.detail.as_deref().unwrap_or(""),
            e.address.as_deref().unwrap_or(""),
        ];
        out.write_record(cells.map(crate::feedback::neutralise))?;
    }
    Ok(out.into_inner()?)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_failed_sign_in_keeps_only_the_domain_of_an_unknown_email() {
        assert_eq!(super::tried_as("sam@force.police.uk", true), "sam@force.police.uk");
        assert_eq!(super::tried_as("s4m-pa55word@force.police.uk", false), "unknown@force.police.uk");
        assert_eq!(super::tried_as("correct horse battery", false), "unknown");
    }
}
