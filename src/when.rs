//! Dates in the widget's language. In the browser through `Intl`, which
//! knows Welsh and English plurals so the widget does not have to; on the
//! server (the first view) from the catalogue in UTC, which the loader puts
//! into the browser's words and the resident's time zone before it shows.

#[cfg(not(target_arch = "wasm32"))]
pub use catalogue::{absolute, relative};
#[cfg(target_arch = "wasm32")]
pub use intl::{absolute, relative};

#[cfg(not(target_arch = "wasm32"))]
mod catalogue {
    use chrono::{Datelike, Timelike};

    use super::relative_unit;
    use crate::i18n::{Lang, Words};

    /// "3 hours ago".
    pub fn relative(lang: Lang, millis: f64, now: f64) -> String {
        let (value, unit) = relative_unit(millis - now);
        lang.text().relative(value, unit)
    }

    /// "24 November 2026, 18:00", in UTC.
    pub fn absolute(lang: Lang, millis: f64) -> String {
        let at = chrono::DateTime::from_timestamp_millis(millis as i64).unwrap_or_default();
        lang.text().date_time(at.year() as u32, at.month0(), at.day(), at.hour(), at.minute())
    }
}

#[cfg(target_arch = "wasm32")]
mod intl {
    use std::cell::RefCell;
    use std::rc::Rc;

    use js_sys::{Array, Date, Intl, Object, Reflect};
    use wasm_bindgen::JsValue;

    use super::{relative_unit, UNITS};
    use crate::i18n::{Lang, Words};

    /// "3 hours ago", "yesterday", "in 2 days": `Intl.RelativeTimeFormat`.
    /// Falls back to the catalogue where the browser has no data for the language.
    pub fn relative(lang: Lang, millis: f64, now: f64) -> String {
        let (value, unit) = relative_unit(millis - now);
        // Under a minute, "just now" reads better than a count of seconds.
        match formatters(lang).relative.as_ref().filter(|_| unit != 0) {
            Some(format) => format.format(value, UNITS[unit].2).into(),
            None => lang.text().relative(value, unit),
        }
    }

    /// "24 Nov 2026, 18:00" in the resident's time zone: for event times and
    /// the title of every `<time>`.
    pub fn absolute(lang: Lang, millis: f64) -> String {
        let date = Date::new(&JsValue::from_f64(millis));
        match &formatters(lang).absolute {
            Some(format) => format.format().call1(format, &date).ok().and_then(|s| s.as_string()).unwrap_or_default(),
            None => {
                let (y, mo, d) = (date.get_full_year(), date.get_month(), date.get_date());
                lang.text().date_time(y, mo, d, date.get_hours(), date.get_minutes())
            }
        }
    }

    /// The browser's formatters for a language, made once: building an `Intl`
    /// formatter costs far more than using one, and every card needs two.
    /// `None` where the browser has no data for the language.
    struct Formatters {
        relative: Option<Intl::RelativeTimeFormat>,
        absolute: Option<Intl::DateTimeFormat>,
    }

    thread_local! {
        static FORMATTERS: RefCell<Vec<(Lang, Rc<Formatters>)>> = const { RefCell::new(Vec::new()) };
    }

    fn formatters(lang: Lang) -> Rc<Formatters> {
        if let Some(found) = FORMATTERS.with(|f| f.borrow().iter().find(|(l, _)| *l == lang).map(|(_, f)| f.clone())) {
            return found;
        }
        let locales = locales(lang);
        let supported = |n: u32| n > 0;
        let relative = supported(Intl::RelativeTimeFormat::supported_locales_of(&locales, &Object::new()).length())
            .then(|| Intl::RelativeTimeFormat::new(&locales, &options(&[("numeric", "auto")])));
        let absolute = supported(Intl::DateTimeFormat::supported_locales_of(&locales, &Object::new()).length())
            .then(|| Intl::DateTimeFormat::new(&locales, &options(&[("dateStyle", "medium"), ("timeStyle", "short")])));
        let made = Rc::new(Formatters { relative, absolute });
        FORMATTERS.with(|f| f.borrow_mut().push((lang, made.clone())));
        made
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
}

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
