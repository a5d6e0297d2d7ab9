//! Times: RFC 3339 text to Unix milliseconds, and milliseconds to the
//! calendar and clock in the UK (GMT, or BST in summer), where every force
//! and its residents are.
//!
//! Hand-written because these are the only dates the widget reads and
//! shows, and a date crate would cost residents tens of kilobytes of wasm.

/// Milliseconds since the Unix epoch for an RFC 3339 date-time such as
/// `2026-11-24T09:30:00Z` or `2026-11-24T09:30:00.5+01:00`, or `None`.
pub fn parse_millis(s: &str) -> Option<f64> {
    let b = s.trim().as_bytes();
    if b.len() < 19 || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let year = digits(b, 0, 4)?;
    let month = digits(b, 5, 2)?;
    let day = digits(b, 8, 2)?;
    let (hour, minute, second) = (digits(b, 11, 2)?, digits(b, 14, 2)?, digits(b, 17, 2)?);
    if b[4] != b'-' || b[7] != b'-' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let (fraction, rest) = fraction_millis(&b[19..]);
    let offset = offset_minutes(rest)?;
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset * 60;
    Some(secs as f64 * 1000.0 + fraction)
}

fn digits(b: &[u8], at: usize, len: usize) -> Option<i64> {
    b.get(at..at + len)?.iter().try_fold(0i64, |acc, &c| c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0')))
}

/// Reads an optional `.123…` and returns its milliseconds and what follows.
fn fraction_millis(b: &[u8]) -> (f64, &[u8]) {
    if b.first() != Some(&b'.') {
        return (0.0, b);
    }
    let n = b[1..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut millis = 0.0;
    let mut scale = 100.0;
    for &c in &b[1..1 + n] {
        millis += f64::from(c - b'0') * scale;
        scale /= 10.0;
    }
    (millis, &b[1 + n..])
}

fn offset_minutes(b: &[u8]) -> Option<i64> {
    match b {
        [b'Z' | b'z'] => Some(0),
        [sign @ (b'+' | b'-'), ..] if b.len() == 6 && b[3] == b':' => {
            let minutes = digits(b, 1, 2)? * 60 + digits(b, 4, 2)?;
            Some(if *sign == b'-' { -minutes } else { minutes })
        }
        _ => None,
    }
}

/// A moment as a UK clock and calendar show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UkTime {
    pub year: i64,
    /// 1 to 12.
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
}

/// The UK's local time at `millis` since the epoch: British Summer Time
/// from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
/// Sunday of October, GMT otherwise.
pub fn uk_time(millis: f64) -> UkTime {
    let secs = (millis / 1000.0).floor() as i64;
    let (year, _, _) = civil_from_days(secs.div_euclid(86_400));
    let summer_from = last_sunday(year, 3) * 86_400 + 3600;
    let summer_to = last_sunday(year, 10) * 86_400 + 3600;
    let local = if (summer_from..summer_to).contains(&secs) { secs + 3600 } else { secs };
    let (year, month, day) = civil_from_days(local.div_euclid(86_400));
    let of_day = local.rem_euclid(86_400);
    UkTime {
        year,
        month: month as u32,
        day: day as u32,
        hour: (of_day / 3600) as u32,
        minute: (of_day % 3600 / 60) as u32,
    }
}

/// `YYYY-MM-DDTHH:MM` as a UK clock shows the moment: the value of a
/// form's `datetime-local` field.
pub fn uk_local(millis: f64) -> String {
    let t = uk_time(millis);
    format!("{:04}-{:02}-{:02}T{:02}:{:02}", t.year, t.month, t.day, t.hour, t.minute)
}

/// The moment a UK clock shows as `YYYY-MM-DDTHH:MM`, as RFC 3339 in UTC.
/// In the hour the clocks go back, which comes twice, the first; in the
/// hour they skip, the time read as GMT.
pub fn from_uk_local(local: &str) -> Option<String> {
    let local = local.trim().get(..16)?;
    let as_utc = parse_millis(&format!("{local}:00Z"))?;
    let moment =
        [3_600_000.0, 0.0].into_iter().map(|offset| as_utc - offset).find(|m| uk_local(*m) == local).unwrap_or(as_utc);
    let secs = (moment / 1000.0).floor() as i64;
    let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
    let of_day = secs.rem_euclid(86_400);
    Some(format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:00Z", of_day / 3600, of_day % 3600 / 60))
}

/// The day number (since 1970-01-01) of the last Sunday of a month.
fn last_sunday(year: i64, month: i64) -> i64 {
    let last = days_from_civil(year, month, days_in_month(year, month));
    // 1970-01-01 was a Thursday: day 3 counting from Monday = 0.
    let weekday = (last + 3).rem_euclid(7);
    last - (weekday + 1) % 7
}

/// Year, month, day from days since 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uk(s: &str) -> (u32, u32, u32) {
        let t = uk_time(parse_millis(s).unwrap());
        (t.day, t.hour, t.minute)
    }

    #[test]
    fn uk_clocks_go_forward_and_back() {
        assert_eq!(uk("2026-01-15T18:30:00Z"), (15, 18, 30), "GMT in winter");
        assert_eq!(uk("2026-07-15T18:30:00Z"), (15, 19, 30), "BST in summer");
        // 2026: forward on 29 March at 01:00 UTC, back on 25 October at 01:00 UTC.
        assert_eq!(uk("2026-03-29T00:59:00Z"), (29, 0, 59));
        assert_eq!(uk("2026-03-29T01:00:00Z"), (29, 2, 0));
        assert_eq!(uk("2026-10-25T00:59:00Z"), (25, 1, 59));
        assert_eq!(uk("2026-10-25T01:00:00Z"), (25, 1, 0));
        assert_eq!(uk("2026-12-31T23:30:00Z"), (31, 23, 30));
        let t = uk_time(parse_millis("2026-06-30T23:30:00Z").unwrap());
        assert_eq!((t.year, t.month, t.day, t.hour), (2026, 7, 1, 0), "BST moves the date too");
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
    }

    #[test]
    fn form_times_are_uk_clock_times() {
        let round_trip = |utc: &str| from_uk_local(&uk_local(parse_millis(utc).unwrap())).unwrap();
        assert_eq!(uk_local(parse_millis("2026-07-15T18:30:00Z").unwrap()), "2026-07-15T19:30");
        assert_eq!(from_uk_local("2026-07-15T19:30").as_deref(), Some("2026-07-15T18:30:00Z"), "BST");
        assert_eq!(from_uk_local("2026-11-24T18:30:00").as_deref(), Some("2026-11-24T18:30:00Z"), "GMT");
        assert_eq!(from_uk_local("2026-10-25T01:30").as_deref(), Some("2026-10-25T00:30:00Z"), "the first 01:30");
        assert_eq!(from_uk_local("2026-03-29T01:30").as_deref(), Some("2026-03-29T01:30:00Z"), "a skipped time");
        for utc in ["2026-03-29T00:59:00Z", "2026-03-29T01:00:00Z", "2026-12-31T23:59:00Z", "2024-02-29T12:00:00Z"] {
            assert_eq!(round_trip(utc), utc);
        }
        assert_eq!(from_uk_local("tomorrow"), None);
        assert_eq!(from_uk_local(""), None);
    }

    #[test]
    fn reads_utc_offsets_and_fractions() {
        assert_eq!(parse_millis("1970-01-01T00:00:00Z"), Some(0.0));
        assert_eq!(parse_millis("2026-11-24T09:30:00Z"), Some(1_795_512_600_000.0));
        assert_eq!(parse_millis("2026-11-24T10:30:00+01:00"), Some(1_795_512_600_000.0));
        assert_eq!(parse_millis("2026-11-24T08:30:00-01:00"), Some(1_795_512_600_000.0));
        assert_eq!(parse_millis("2026-11-24T09:30:00.250Z"), Some(1_795_512_600_250.0));
        assert_eq!(parse_millis("2024-02-29T00:00:00Z"), Some(1_709_164_800_000.0));
    }

    #[test]
    fn refuses_what_is_not_rfc3339() {
        for bad in [
            "",
            "yesterday",
            "2026-11-24",
            "2026-11-24T09:30:00",
            "2026-13-01T00:00:00Z",
            "2025-02-29T00:00:00Z",
            "2026-11-24T25:00:00Z",
            "2026-11-24T09:30:00+0100",
            "２０２６-11-24T09:30:00Z",
        ] {
            assert_eq!(parse_millis(bad), None, "{bad}");
        }
    }
}
