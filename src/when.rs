//! Dates in the widget's language, through the browser's `Intl`, which knows
//! Welsh and English plurals so the widget does not have to.

use js_sys::{Array, Date, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::i18n::Lang;

/// "3 hours ago", "yesterday", "in 2 days": `Intl.RelativeTimeFormat`.
pub fn relative(lang: Lang, millis: f64, now: f64) -> String {
    let (value, unit) = relative_unit(millis - now);
    let format = Intl::RelativeTimeFormat::new(&locales(lang), &options(&[("numeric", "auto")]));
    format.format(value, unit).into()
}

/// "24 Nov 2026, 18:00": for event times and the title of every `<time>`.
pub fn absolute(lang: Lang, millis: f64) -> String {
    let date = Date::new(&JsValue::from_f64(millis));
    let opts = options(&[("dateStyle", "medium"), ("timeStyle", "short")]);
    date.to_locale_string(lang.tag(), &opts).into()
}

/// The largest unit that reads naturally for a span of `delta` milliseconds.
pub fn relative_unit(delta: f64) -> (f64, &'static str) {
    const UNITS: [(f64, f64, &str); 7] = [
        (60.0, 1.0, "second"),
        (3_600.0, 60.0, "minute"),
        (86_400.0, 3_600.0, "hour"),
        (604_800.0, 86_400.0, "day"),
        (2_629_800.0, 604_800.0, "week"),
        (31_557_600.0, 2_629_800.0, "month"),
        (f64::INFINITY, 31_557_600.0, "year"),
    ];
    let secs = delta / 1000.0;
    let (_, size, unit) = UNITS.into_iter().find(|(below, _, _)| secs.abs() < *below).unwrap_or(UNITS[6]);
    ((secs / size).round() + 0.0, unit)
}

fn locales(lang: Lang) -> Array {
    Array::of1(&JsValue::from_str(lang.tag()))
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    object
}

#[cfg(test)]
mod tests {
    use super::relative_unit;

    #[test]
    fn picks_a_natural_unit() {
        assert_eq!(relative_unit(-5_000.0), (-5.0, "second"));
        assert_eq!(relative_unit(-90_000.0), (-2.0, "minute"));
        assert_eq!(relative_unit(-3.0 * 3_600_000.0), (-3.0, "hour"));
        assert_eq!(relative_unit(-36.0 * 3_600_000.0), (-2.0, "day"));
        assert_eq!(relative_unit(2.0 * 86_400_000.0), (2.0, "day"));
        assert_eq!(relative_unit(-10.0 * 86_400_000.0), (-1.0, "week"));
        assert_eq!(relative_unit(-60.0 * 86_400_000.0), (-2.0, "month"));
        assert_eq!(relative_unit(-800.0 * 86_400_000.0), (-2.0, "year"));
        assert_eq!(relative_unit(0.0), (0.0, "second"));
    }
}
