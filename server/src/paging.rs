//! Pages of a long list, alike for the feed and the feedback list: a
//! `limit`, a cursor naming the last row seen (`TIME,ID`), and a `next_url`
//! that carries on from it.

use chrono::SecondsFormat;
use police_engage_contract::Code;

use crate::error::Error;
use crate::stamp;
use crate::text::given;

/// The last row of a page: its time (as stored) and id.
#[derive(Debug, Clone, PartialEq)]
pub struct Cursor {
    pub at: String,
    pub id: String,
}

/// `limit` from the query: `default` when absent, else a whole number in 1..=max.
pub fn limit(raw: Option<&str>, default: u32, max: u32) -> Result<u32, Error> {
    match raw.map(str::trim) {
        None | Some("") => Ok(default),
        Some(l) => {
            l.parse().ok().filter(|n| (1..=max).contains(n)).ok_or_else(|| {
                Error::bad("limit", Code::Invalid, format!("limit must be a whole number from 1 to {max}"))
            })
        }
    }
}

/// A cursor from the query (`name`): `TIME,ID`, or `TIME` alone, which
/// stands for every row at that time (`id_for_time_alone` sorts past them).
pub fn cursor(
    name: &str,
    raw: Option<&str>,
    precision: SecondsFormat,
    id_for_time_alone: &str,
) -> Result<Option<Cursor>, Error> {
    let Some(raw) = given(raw) else { return Ok(None) };
    let (at, id) = raw.split_once(',').unwrap_or((raw, id_for_time_alone));
    let at = stamp::normalise(at, precision).ok_or_else(|| {
        let message = format!("{name} must be a date-time such as 2026-11-24T09:30:00Z, optionally followed by ,ID");
        Error::bad(name, Code::Invalid, message)
    })?;
    Ok(Some(Cursor { at, id: id.to_owned() }))
}

/// Keeps one page of `rows` (fetched with one row more than `limit`) and,
/// when more follow, returns the cursor to carry on from.
pub fn one_page<T>(rows: &mut Vec<T>, limit: u32, cursor_of: impl Fn(&T) -> Cursor) -> Option<Cursor> {
    if rows.len() <= limit as usize {
        return None;
    }
    rows.truncate(limit as usize);
    rows.last().map(cursor_of)
}

/// `{base}{path}?{pairs}`, the pairs URL-encoded.
pub fn next_url(base: &str, path: &str, pairs: Vec<(&str, String)>) -> String {
    let query = serde_urlencoded::to_string(pairs).expect("strings always encode");
    format!("{base}{path}?{query}")
}

impl Cursor {
    /// As it goes in a query: `TIME,ID`.
    pub fn param(&self) -> String {
        format!("{},{}", self.at, self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_and_limits() {
        let c = cursor("before", Some("2026-11-24T10:30:00+01:00,abc"), stamp::Secs, "").unwrap().unwrap();
        assert_eq!(c, Cursor { at: "2026-11-24T09:30:00Z".into(), id: "abc".into() });
        assert_eq!(c.param(), "2026-11-24T09:30:00Z,abc");
        let alone = cursor("after", Some("2026-11-24T09:30:00Z"), stamp::Millis, "").unwrap().unwrap();
        assert_eq!(alone, Cursor { at: "2026-11-24T09:30:00.000Z".into(), id: String::new() });
        assert!(cursor("before", Some("yesterday"), stamp::Secs, "").is_err());
        assert_eq!(cursor("before", Some(" "), stamp::Secs, "").unwrap(), None);
        assert_eq!(limit(None, 50, 100).unwrap(), 50);
        assert_eq!(limit(Some("7"), 50, 100).unwrap(), 7);
        assert!(limit(Some("0"), 50, 100).is_err() && limit(Some("101"), 50, 100).is_err());
    }

    #[test]
    fn a_page_and_where_the_next_starts() {
        let mut rows = vec![1, 2, 3];
        let cursor_of = |n: &i32| Cursor { at: n.to_string(), id: String::new() };
        assert_eq!(one_page(&mut rows, 2, cursor_of), Some(Cursor { at: "2".into(), id: String::new() }));
        assert_eq!(rows, [1, 2]);
        assert_eq!(one_page(&mut rows, 2, cursor_of), None);
        assert_eq!(
            next_url("http://x", "/v1/feed.json", vec![("area", "Pen y bryn".into())]),
            "http://x/v1/feed.json?area=Pen+y+bryn"
        );
    }
}
