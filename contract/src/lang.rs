//! The two languages: every word a resident or the force's staff sees
//! exists in English and Welsh.

use crate::wire::wire_enum;

wire_enum! {
    #[derive(Default)]
    pub enum Lang {
        #[default]
        En => "en",
        Cy => "cy",
    }
}

impl Lang {
    /// `cy`, `cy-GB`, `CY` → Welsh; anything else → English.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        Lang::parse(primary).unwrap_or_default()
    }

    /// The BCP 47 tag for `lang` attributes and `Intl` formatters.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en-GB",
            Lang::Cy => "cy",
        }
    }

    /// The other one, for a switch between them.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Cy,
            Lang::Cy => Lang::En,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn language_tags() {
        assert_eq!(Lang::from_tag("cy-GB"), Lang::Cy);
        assert_eq!(Lang::from_tag(" CY "), Lang::Cy);
        assert_eq!(Lang::from_tag("en"), Lang::En);
        assert_eq!(Lang::from_tag("fr"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
        assert_eq!((Lang::Cy.tag(), Lang::Cy.name(), Lang::En.other()), ("cy", "cy", Lang::Cy));
    }
}
