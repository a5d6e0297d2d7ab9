//! Times as stored: RFC 3339 text in UTC, which sorts in time order in
//! SQLite and PostgreSQL alike. Updates are stamped to the second, feedback
//! to the millisecond (its paging cursor needs the finer order).

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

pub use chrono::SecondsFormat::{Millis, Secs};

/// Any RFC 3339 time (any offset) in the stored form.
pub fn normalise(s: &str, precision: SecondsFormat) -> Option<String> {
    let at = DateTime::parse_from_rfc3339(s.trim()).ok()?;
    Some(format(at.with_timezone(&Utc), precision))
}

pub fn format(at: DateTime<Utc>, precision: SecondsFormat) -> String {
    at.to_rfc3339_opts(precision, true)
}

/// A time kept as milliseconds since 1970, as RFC 3339 to the second.
pub fn from_millis(ms: i64) -> String {
    format(DateTime::from_timestamp_millis(ms).unwrap_or_default(), SecondsFormat::Secs)
}

pub fn now(precision: SecondsFormat) -> String {
    format(Utc::now(), precision)
}

/// A calendar day as `YYYY-MM-DD`, if `s` is one.
pub fn day(s: &str) -> Option<String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok().map(|d| d.to_string())
}

/// The day after a `YYYY-MM-DD` day.
pub fn next_day(day: &str) -> String {
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.succ_opt())
        .map_or_else(|| day.to_owned(), |d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_offset_becomes_utc() {
        assert_eq!(normalise(" 2026-11-24T10:30:00+01:00 ", Secs).as_deref(), Some("2026-11-24T09:30:00Z"));
        assert_eq!(normalise("2026-11-24T09:30:00.5Z", Millis).as_deref(), Some("2026-11-24T09:30:00.500Z"));
        assert_eq!(normalise("yesterday", Secs), None);
        assert_eq!(day(" 2026-02-28 ").as_deref(), Some("2026-02-28"));
        assert_eq!(day("2026-02-30"), None);
        assert_eq!(next_day("2026-02-28"), "2026-03-01");
    }
}
