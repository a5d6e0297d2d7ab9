//! Enums whose variants have fixed names on the wire, declared once each:
//! the macro gives every one the same `ALL`, `name`, `parse`, `names`, and
//! serde and `TryFrom<String>` through those names.

/// `wire_enum! { /// docs  pub enum Name { Variant => "wire", ... } }`
macro_rules! wire_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident => $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            pub const ALL: [$name; [$($wire),+].len()] = [$($name::$variant),+];

            /// The name on the wire.
            pub fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $wire),+
                }
            }

            /// A wire name, in any case, with spaces around it.
            pub fn parse(s: &str) -> Option<$name> {
                let s = s.trim();
                $name::ALL.into_iter().find(|v| v.name().eq_ignore_ascii_case(s))
            }

            /// Every wire name, for messages that list them.
            pub fn names() -> String {
                $name::ALL.map($name::name).join(", ")
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.name())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<$name, D::Error> {
                let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                $name::parse(&s).ok_or_else(|| serde::de::Error::unknown_variant(&s, &[$($wire),+]))
            }
        }

        /// For storage, where the wire name is kept as text.
        impl TryFrom<String> for $name {
            type Error = String;

            fn try_from(s: String) -> Result<$name, String> {
                $name::parse(&s).ok_or_else(|| format!("unknown {} {s:?}", stringify!($name)))
            }
        }
    };
}

pub(crate) use wire_enum;

#[cfg(test)]
mod tests {
    wire_enum! {
        pub enum Colour { Red => "red", DarkBlue => "dark_blue" }
    }

    #[test]
    fn names_parse_and_serde_agree() {
        for c in Colour::ALL {
            assert_eq!(Colour::parse(&format!(" {} ", c.name().to_uppercase())), Some(c));
            assert_eq!(serde_json::to_string(&c).unwrap(), format!("\"{}\"", c.name()));
            assert_eq!(serde_json::from_str::<Colour>(&format!("\"{}\"", c.name())).unwrap(), c);
            assert_eq!(Colour::try_from(c.name().to_owned()), Ok(c));
        }
        assert_eq!(Colour::names(), "red, dark_blue");
        assert!(serde_json::from_str::<Colour>("\"green\"").is_err());
        assert_eq!(Colour::try_from("green".to_owned()), Err("unknown Colour \"green\"".to_owned()));
    }
}
