//! data.police.uk neighbourhood endpoints:
//! `/api/{force}/{neighbourhood}/events` and `/api/{force}/{neighbourhood}/priorities`.
//! Their dates carry no zone: they are UK local time.

use chrono::{NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::London;
use police_engage_contract::{shorten, EventInput, UpdateInput};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::formats::FormatError;
use super::item::Item;
use super::text::{html_to_text, plain};

/// How much of a priority's text its title quotes.
const PRIORITY_IN_TITLE: usize = 120;

#[derive(Deserialize)]
struct Event {
    title: Option<String>,
    description: Option<String>,
    address: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    start_date: Option<String>,
    end_date: Option<String>,
}

#[derive(Deserialize)]
struct Priority {
    issue: Option<String>,
    #[serde(rename = "issue-date")]
    issue_date: Option<String>,
    action: Option<String>,
}

pub fn is_events(path: &str) -> bool {
    endpoint(path) == Some("events")
}

pub fn is_priorities(path: &str) -> bool {
    endpoint(path) == Some("priorities")
}

/// `events` or `priorities` when the path is `…/api/{force}/{neighbourhood}/{that}`.
fn endpoint(path: &str) -> Option<&str> {
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [.., "api", _force, _neighbourhood, last] => Some(last),
        _ => None,
    }
}

/// A JSON array from a file: events have `start_date`, priorities `issue`.
pub fn by_shape(bytes: &[u8]) -> Result<Vec<Item>, FormatError> {
    let rows: Vec<serde_json::Value> =
        serde_json::from_slice(bytes).map_err(|source| FormatError::PoliceUk { what: "data", source })?;
    match rows.first() {
        None => Ok(Vec::new()),
        Some(row) if row.get("start_date").is_some() => events(bytes),
        Some(row) if row.get("issue").is_some() => priorities(bytes),
        Some(_) => Err(FormatError::UnknownArray),
    }
}

pub fn events(bytes: &[u8]) -> Result<Vec<Item>, FormatError> {
    let events: Vec<Event> =
        serde_json::from_slice(bytes).map_err(|source| FormatError::PoliceUk { what: "events", source })?;
    Ok(events
        .into_iter()
        .map(|e| {
            let title = e
                .title
                .as_deref()
                .map(plain)
                .filter(|t| !t.is_empty())
                .or_else(|| e.kind.clone())
                .unwrap_or_else(|| "Neighbourhood event".into());
            let start = e.start_date.as_deref().and_then(uk_local_to_utc);
            let end = e.end_date.as_deref().and_then(uk_local_to_utc);
            let source_id = format!("event:{}:{}", e.start_date.as_deref().unwrap_or(""), title);
            let input = UpdateInput {
                title: Some(title),
                content_text: e.description.as_deref().map(html_to_text),
                category: Some("event".into()),
                expires: end.clone().or_else(|| start.clone()),
                event: Some(EventInput { start, end, address: e.address.as_deref().map(plain) }),
                tags: e.kind.map(|k| vec![k]),
                ..UpdateInput::default()
            };
            Item { source_id, input }
        })
        .collect())
}

pub fn priorities(bytes: &[u8]) -> Result<Vec<Item>, FormatError> {
    let rows: Vec<Priority> =
        serde_json::from_slice(bytes).map_err(|source| FormatError::PoliceUk { what: "priorities", source })?;
    Ok(rows
        .into_iter()
        .filter_map(|p| {
            let issue = html_to_text(p.issue.as_deref()?);
            let action = p.action.as_deref().map(html_to_text).filter(|a| !a.is_empty());
            let hash = crate::text::hex(&Sha256::digest(issue.as_bytes()));
            let source_id = format!("priority:{}:{}", p.issue_date.as_deref().unwrap_or(""), &hash[..12]);
            let title = format!("Neighbourhood priority: {}", shorten(&issue, PRIORITY_IN_TITLE));
            let content = match action {
                Some(action) => format!("{issue} What we are doing: {action}"),
                None => issue,
            };
            let published = p.issue_date.as_deref().and_then(uk_local_to_utc);
            let input = UpdateInput {
                title: Some(title),
                content_text: Some(content),
                category: Some("news".into()),
                date_published: published,
                ..UpdateInput::default()
            };
            Some(Item { source_id, input })
        })
        .collect())
}

/// `2011-03-22T19:00:00` in UK local time (GMT or BST) to RFC 3339 UTC.
pub fn uk_local_to_utc(s: &str) -> Option<String> {
    let naive = NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%dT%H:%M:%S").ok()?;
    let local = London.from_local_datetime(&naive).earliest()?;
    Some(crate::stamp::format(local.with_timezone(&Utc), crate::stamp::Secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_endpoints_by_path_on_any_host() {
        assert!(is_events("/api/leicestershire/NC04/events"));
        assert!(is_priorities("/police-uk/api/dyfed-powys/carmarthen-town/priorities"));
        assert!(!is_events("/api/leicestershire/events"));
        assert!(!is_events("/news/events"));
    }

    #[test]
    fn uk_dates_follow_summer_time() {
        assert_eq!(uk_local_to_utc("2026-01-15T19:00:00").as_deref(), Some("2026-01-15T19:00:00Z"));
        assert_eq!(uk_local_to_utc("2026-07-15T19:00:00").as_deref(), Some("2026-07-15T18:00:00Z"));
        assert_eq!(uk_local_to_utc("15/07/2026"), None);
    }
}
