//! Dates on the server, for the first view: UK time, in the words a
//! British browser's `Intl` uses.

use chrono::{Datelike, Timelike};
use chrono_tz::Europe::London;

use super::relative_unit;
use crate::i18n::{Lang, Words};

/// "3 hours ago"; in English "last week" and "next year" where
/// `Intl.RelativeTimeFormat` (numeric "auto") says so.
pub fn relative(lang: Lang, millis: f64, now: f64) -> String {
    let (value, unit) = relative_unit(millis - now);
    const WEEK: usize = 4;
    match (lang, value) {
        (Lang::En, -1.0 | 1.0) if unit >= WEEK => {
            let when = if value < 0.0 { "last" } else { "next" };
            format!("{when} {}", ["week", "month", "year"][unit - WEEK])
        }
        _ => lang.text().relative(value, unit),
    }
}

/// "24 Nov 2026, 18:00", in UK time.
pub fn absolute(lang: Lang, millis: f64) -> String {
    let at = chrono::DateTime::from_timestamp_millis(millis as i64).unwrap_or_default().with_timezone(&London);
    lang.text().date_time(at.year() as u32, at.month0(), at.day(), at.hour(), at.minute())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: f64 = 3_600_000.0;

    #[test]
    fn uk_time_as_a_british_browser_writes_it() {
        let at = |rfc3339| chrono::DateTime::parse_from_rfc3339(rfc3339).unwrap().timestamp_millis() as f64;
        assert_eq!(absolute(Lang::En, at("2026-12-04T13:05:00Z")), "4 Dec 2026, 13:05");
        assert_eq!(absolute(Lang::En, at("2026-09-04T13:05:00Z")), "4 Sept 2026, 14:05", "summer time");
        assert_eq!(absolute(Lang::Cy, at("2026-03-29T00:59:00Z")), "29 Maw 2026, 00:59");
        assert_eq!(absolute(Lang::Cy, at("2026-03-29T01:00:00Z")), "29 Maw 2026, 02:00", "clocks go forward");
        assert_eq!(relative(Lang::En, -8.0 * 24.0 * HOUR, 0.0), "last week");
        assert_eq!(relative(Lang::En, 40.0 * 24.0 * HOUR, 0.0), "next month");
        assert_eq!(relative(Lang::En, -2.0 * HOUR, 0.0), "2 hours ago");
        assert_eq!(relative(Lang::En, -30.0 * HOUR, 0.0), "yesterday");
        assert_eq!(relative(Lang::Cy, -8.0 * 24.0 * HOUR, 0.0), "1 wythnos yn ôl");
    }
}
