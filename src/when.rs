//! Dates in the widget's language. English in the browser through `Intl`,
//! in the resident's time zone; on the server (the first view) from the
//! catalogue in UK time, in the words a British browser's `Intl` uses: the
//! loader paints it as it comes, and for a resident in the UK the app says
//! the same when it takes over. Welsh from the catalogue on both sides.

#[cfg(not(target_arch = "wasm32"))]
pub use catalogue::{absolute, relative};
#[cfg(target_arch = "wasm32")]
pub use intl::{absolute, relative};

#[cfg(not(target_arch = "wasm32"))]
mod catalogue;

#[cfg(target_arch = "wasm32")]
mod intl;

/// (below this many seconds, unit size in seconds, `Intl` unit name)
const UNITS: [(f64, f64, &str); 7] = [
    (60.0, 1.0, "second"),
    (3_600.0, 60.0, "minute"),
    (86_400.0, 3_600.0, "hour"),
    (604_800.0, 86_400.0, "day"),
    (2_629_800.0, 604_800.0, "week"),
    (31_557_600.0, 2_629_800.0, "month"),
    (f64::INFINITY, 31_557_600.0, "year"),
];

/// The largest unit that reads naturally for a span of `delta` milliseconds,
/// as a rounded value and an index into `UNITS` (and the catalogue's units).
pub fn relative_unit(delta: f64) -> (f64, usize) {
    let secs = delta / 1000.0;
    let unit = UNITS.iter().position(|(below, _, _)| secs.abs() < *below).unwrap_or(6);
    ((secs / UNITS[unit].1).round() + 0.0, unit)
}

#[cfg(test)]
mod tests {
    use super::relative_unit;

    #[test]
    fn picks_a_natural_unit() {
        let name = |delta| {
            let (value, unit) = relative_unit(delta);
            (value, super::UNITS[unit].2)
        };
        assert_eq!(name(-5_000.0), (-5.0, "second"));
        assert_eq!(name(-90_000.0), (-2.0, "minute"));
        assert_eq!(name(-3.0 * 3_600_000.0), (-3.0, "hour"));
        assert_eq!(name(-36.0 * 3_600_000.0), (-2.0, "day"));
        assert_eq!(name(2.0 * 86_400_000.0), (2.0, "day"));
        assert_eq!(name(-10.0 * 86_400_000.0), (-1.0, "week"));
        assert_eq!(name(-60.0 * 86_400_000.0), (-2.0, "month"));
        assert_eq!(name(-800.0 * 86_400_000.0), (-2.0, "year"));
        assert_eq!(name(0.0), (0.0, "second"));
    }
}
