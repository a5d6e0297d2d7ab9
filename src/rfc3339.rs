//! RFC 3339 timestamps to Unix milliseconds.
//!
//! Hand-written because feed dates are the only dates the widget reads, and a
//! date crate would cost residents tens of kilobytes of wasm for this one job.

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
    use super::parse_millis;

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
