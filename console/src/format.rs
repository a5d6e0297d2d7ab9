//! Times and numbers as the console shows them, in its language. Times are
//! stored in UTC and shown as UK clocks show them (GMT or BST).

use police_engage_contract::{parse_millis, uk_time};

use crate::i18n::{Lang, Words};

/// "24 November 2026, 09:30" from an RFC 3339 time.
pub fn when(raw: &str, lang: Lang) -> String {
    match parse_millis(raw).map(uk_time) {
        Some(t) => {
            let month = lang.text().months[(t.month as usize).clamp(1, 12) - 1];
            format!("{} {month} {}, {:02}:{:02}", t.day, t.year, t.hour, t.minute)
        }
        None => raw.to_owned(),
    }
}

/// "24 November 2026" from a `YYYY-MM-DD` day (or the start of a time).
pub fn day(raw: &str, lang: Lang) -> String {
    let part = |from: usize, to: usize| raw.get(from..to).and_then(|s| s.parse::<usize>().ok());
    match (part(0, 4), part(5, 7), part(8, 10)) {
        (Some(year), Some(month @ 1..=12), Some(day)) => format!("{day} {} {year}", lang.text().months[month - 1]),
        _ => raw.to_owned(),
    }
}

/// An average to one decimal place: "3.5".
pub fn average(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{v:.1}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_both_languages() {
        assert_eq!(when("2026-11-24T09:30:00.000Z", Lang::En), "24 November 2026, 09:30");
        assert_eq!(when("2026-05-01T18:05:00Z", Lang::Cy), "1 Mai 2026, 19:05", "BST");
        assert_eq!(day("2026-11-23", Lang::Cy), "23 Tachwedd 2026");
        assert_eq!(when("soon", Lang::En), "soon");
        assert_eq!((average(Some(10.0 / 3.0)), average(None)), ("3.3".into(), "–".into()));
    }
}
