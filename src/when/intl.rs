//! Dates in the browser, through `Intl` in English and the catalogue in Welsh.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Date, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

use super::{relative_unit, UNITS};
use crate::i18n::{Lang, Words};

/// "3 hours ago", "yesterday", "in 2 days": `Intl.RelativeTimeFormat`; the
/// catalogue for Welsh, and where the browser has no data for the language.
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
/// `None` where the browser has no data for the language, and for Welsh in
/// every browser: Chromium has no Welsh data where Safari and Firefox do,
/// and the catalogue says it the same in each, as the first view does.
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
    let english = lang == Lang::En;
    let relative = (english && Intl::RelativeTimeFormat::supported_locales_of(&locales, &Object::new()).length() > 0)
        .then(|| Intl::RelativeTimeFormat::new(&locales, &options(&[("numeric", "auto")])));
    let absolute = (english && Intl::DateTimeFormat::supported_locales_of(&locales, &Object::new()).length() > 0)
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
