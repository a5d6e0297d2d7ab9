//! Reading and writing JSON without a JSON library in the wasm: the browser
//! parses and prints (`JSON.parse`, `JSON.stringify`) and the widget walks
//! the value it gets. Natively (unit tests) the same walk runs over
//! serde_json's values, so the decoders are tested as the browser runs them.

/// A parsed JSON value, as much of it as the widget reads.
pub trait Json: Sized {
    /// An object's member; `None` when absent or `null`, or when this is not an object.
    fn field(&self, key: &str) -> Option<Self>;
    fn string(&self) -> Option<String>;
    fn number(&self) -> Option<f64>;
    fn boolean(&self) -> Option<bool>;
    /// An array's elements.
    fn items(&self) -> Option<Vec<Self>>;
    /// An object, not an array or a scalar.
    fn is_object(&self) -> bool;
}

/// Read failed: a member had the wrong type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WrongType;

/// An object's members read one by one, any of the wrong type noted: a
/// decoder builds its value in one expression and asks once at the end, which
/// costs the widget less code than stopping at the first.
pub struct Members<'a, V> {
    pub v: &'a V,
    wrong: std::cell::Cell<bool>,
}

impl<'a, V: Json> Members<'a, V> {
    pub fn new(v: &'a V) -> Self {
        Members { v, wrong: std::cell::Cell::new(false) }
    }

    /// What `read` gave, `None` if it was wrong (noted).
    pub fn get<T>(&self, read: Result<Option<T>, WrongType>) -> Option<T> {
        read.unwrap_or_else(|WrongType| {
            self.wrong.set(true);
            None
        })
    }

    pub fn text(&self, key: &str) -> Option<String> {
        self.get(text(self.v, key))
    }

    /// `value` if every member read was of the right type.
    pub fn end<T>(self, value: T) -> Result<T, WrongType> {
        if self.wrong.get() {
            Err(WrongType)
        } else {
            Ok(value)
        }
    }
}

/// `key` as text: absent or `null` is `None`, anything but a string is wrong.
pub fn text<V: Json>(v: &V, key: &str) -> Result<Option<String>, WrongType> {
    v.field(key).map(|f| f.string().ok_or(WrongType)).transpose()
}

/// `key` as an object (`None` when absent), anything else is wrong.
pub fn object<V: Json>(v: &V, key: &str) -> Result<Option<V>, WrongType> {
    match v.field(key) {
        Some(f) if f.is_object() => Ok(Some(f)),
        Some(_) => Err(WrongType),
        None => Ok(None),
    }
}

/// `key` as an array of strings (`None` when absent).
pub fn texts<V: Json>(v: &V, key: &str) -> Result<Option<Vec<String>>, WrongType> {
    let Some(f) = v.field(key) else { return Ok(None) };
    let items = f.items().ok_or(WrongType)?;
    items.iter().map(|i| i.string().ok_or(WrongType)).collect::<Result<_, _>>().map(Some)
}

/// `key` as a whole number from 0 to `max`.
pub fn whole<V: Json>(v: &V, key: &str, max: f64) -> Result<Option<f64>, WrongType> {
    match v.field(key).map(|f| f.number()) {
        None => Ok(None),
        Some(Some(n)) if n.fract() == 0.0 && (0.0..=max).contains(&n) => Ok(Some(n)),
        Some(_) => Err(WrongType),
    }
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use js_sys::{Array, Object, Reflect, JSON};
    use wasm_bindgen::{JsCast, JsValue};

    impl super::Json for JsValue {
        fn field(&self, key: &str) -> Option<JsValue> {
            if !self.is_object() || Array::is_array(self) {
                return None;
            }
            Reflect::get(self, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null())
        }

        fn string(&self) -> Option<String> {
            self.as_string()
        }

        fn number(&self) -> Option<f64> {
            self.as_f64()
        }

        fn boolean(&self) -> Option<bool> {
            self.as_bool()
        }

        fn items(&self) -> Option<Vec<JsValue>> {
            self.dyn_ref::<Array>().map(|a| a.iter().collect())
        }

        fn is_object(&self) -> bool {
            JsValue::is_object(self) && !Array::is_array(self)
        }
    }

    /// `JSON.parse`; `None` for text that is not JSON.
    pub fn parse(text: &str) -> Option<JsValue> {
        JSON::parse(text).ok()
    }

    /// An object to fill and print as JSON, with `JSON.stringify`.
    #[derive(Default)]
    pub struct Writer(Object);

    impl Writer {
        pub fn set(&mut self, key: &str, value: impl Into<JsValue>) {
            let _ = Reflect::set(&self.0, &JsValue::from_str(key), &value.into());
        }

        pub fn set_object(&mut self, key: &str, value: Writer) {
            self.set(key, value.0);
        }

        pub fn print(&self) -> Option<String> {
            JSON::stringify(&self.0).ok().and_then(|s| s.as_string())
        }
    }

    /// A list of objects as JSON text.
    pub fn print_list(items: Vec<Writer>) -> Option<String> {
        let list: Array = items.into_iter().map(|w| JsValue::from(w.0)).collect();
        JSON::stringify(&list).ok().and_then(|s| s.as_string())
    }
}

#[cfg(target_arch = "wasm32")]
pub use browser::{parse, print_list, Writer};
/// The parsed value: the browser's own.
#[cfg(target_arch = "wasm32")]
pub type Value = wasm_bindgen::JsValue;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use serde_json::Value;

    impl super::Json for Value {
        fn field(&self, key: &str) -> Option<Value> {
            self.as_object()?.get(key).filter(|v| !v.is_null()).cloned()
        }

        fn string(&self) -> Option<String> {
            self.as_str().map(str::to_owned)
        }

        fn number(&self) -> Option<f64> {
            self.as_f64()
        }

        fn boolean(&self) -> Option<bool> {
            self.as_bool()
        }

        fn items(&self) -> Option<Vec<Value>> {
            self.as_array().cloned()
        }

        fn is_object(&self) -> bool {
            self.is_object()
        }
    }

    /// serde_json's parse, standing in for the browser's `JSON.parse`.
    pub fn parse(text: &str) -> Option<Value> {
        serde_json::from_str(text).ok()
    }

    /// serde_json's object, standing in for the browser's.
    #[derive(Default)]
    pub struct Writer(serde_json::Map<String, Value>);

    impl Writer {
        pub fn set(&mut self, key: &str, value: impl Into<Value>) {
            self.0.insert(key.to_owned(), value.into());
        }

        pub fn set_object(&mut self, key: &str, value: Writer) {
            self.set(key, Value::Object(value.0));
        }

        pub fn print(&self) -> Option<String> {
            serde_json::to_string(&self.0).ok()
        }
    }

    /// A list of objects as JSON text.
    pub fn print_list(items: Vec<Writer>) -> Option<String> {
        serde_json::to_string(&items.into_iter().map(|w| Value::Object(w.0)).collect::<Vec<_>>()).ok()
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub use native::{parse, print_list, Writer};
#[cfg(not(target_arch = "wasm32"))]
pub use serde_json::Value;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_by_type() {
        let v = parse(r#"{"a":"x","n":null,"k":[ "p", "q" ],"o":{},"w":3,"f":1.5,"bad":[1]}"#).unwrap();
        assert_eq!(text(&v, "a"), Ok(Some("x".into())));
        assert_eq!(text(&v, "n"), Ok(None));
        assert_eq!(text(&v, "missing"), Ok(None));
        assert_eq!(text(&v, "w"), Err(WrongType));
        assert_eq!(texts(&v, "k"), Ok(Some(vec!["p".into(), "q".into()])));
        assert_eq!(texts(&v, "bad"), Err(WrongType));
        assert!(object(&v, "o").unwrap().is_some());
        assert_eq!(object(&v, "a").map(|o| o.is_some()), Err(WrongType));
        assert_eq!(whole(&v, "w", 5.0), Ok(Some(3.0)));
        assert_eq!(whole(&v, "f", 5.0), Err(WrongType));
        assert_eq!(whole(&v, "w", 2.0), Err(WrongType));
    }
}
