//! What the embed builder writes: the element's attributes for the options
//! chosen, the snippet to paste (as the README documents it), the CSS for
//! the colours, and which colour pairs fall short of WCAG AA contrast.

use police_engage_contract::{Category, EmbedInfo, Lang, HEADING_LEVEL_DEFAULT, LIMIT_DEFAULT};

use crate::contrast::{ratio, AA_TEXT};

/// The colours the builder offers, each a custom property of the theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Colour {
    Accent,
    AccentText,
    Text,
    Background,
}

impl Colour {
    pub const ALL: [Colour; 4] = [Colour::Accent, Colour::AccentText, Colour::Text, Colour::Background];

    pub fn property(self) -> &'static str {
        match self {
            Colour::Accent => "--pe-accent",
            Colour::AccentText => "--pe-accent-text",
            Colour::Text => "--pe-text",
            Colour::Background => "--pe-background",
        }
    }

    /// The theme's own colour, light or dark, read from the widget's
    /// stylesheet (`--pe-accent: light-dark(#1d70b8, #8fc1ff);`).
    pub fn default(self, dark: bool) -> String {
        const THEME: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../www/police-engage.css"));
        let declared = format!("{}: light-dark(", self.property());
        let pair = THEME.split_once(&declared).and_then(|(_, rest)| rest.split_once(')')).map(|(pair, _)| pair);
        let (light, night) = pair.and_then(|p| p.split_once(',')).unwrap_or_default();
        (if dark { night } else { light }).trim().to_owned()
    }
}

/// Text on its background: the pairs a resident must be able to read.
pub const PAIRS: [(Colour, Colour); 3] =
    [(Colour::Text, Colour::Background), (Colour::Accent, Colour::Background), (Colour::AccentText, Colour::Accent)];

/// What the partner chose.
#[derive(Clone, Debug, PartialEq)]
pub struct Choices {
    pub feed: String,
    pub categories: Vec<Category>,
    pub area: Option<String>,
    pub limit: usize,
    /// `None`: the page's own language.
    pub lang: Option<Lang>,
    /// `light` or `dark`; `None` follows the resident's device.
    pub theme: Option<&'static str>,
    pub heading_level: u8,
    /// The colours given, as `#rrggbb`.
    pub colours: Vec<(Colour, String)>,
}

impl Default for Choices {
    fn default() -> Choices {
        Choices {
            feed: String::new(),
            categories: Vec::new(),
            area: None,
            limit: LIMIT_DEFAULT,
            lang: None,
            theme: None,
            heading_level: HEADING_LEVEL_DEFAULT,
            colours: Vec::new(),
        }
    }
}

impl Choices {
    /// The element's attributes, in the order the snippet writes them;
    /// defaults left out, except `limit`, which partners look for.
    pub fn attributes(&self) -> Vec<(&'static str, String)> {
        let mut attributes = vec![("src", self.feed.clone()), ("limit", self.limit.to_string())];
        if !self.categories.is_empty() {
            attributes.push(("categories", self.categories.iter().map(|c| c.name()).collect::<Vec<_>>().join(",")));
        }
        attributes.extend(self.area.clone().map(|a| ("area", a)));
        attributes.extend(self.lang.map(|l| ("lang", l.name().to_owned())));
        attributes.extend(self.theme.map(|t| ("theme", t.to_owned())));
        if self.heading_level != HEADING_LEVEL_DEFAULT {
            attributes.push(("heading-level", self.heading_level.to_string()));
        }
        attributes
    }

    /// The HTML to paste: the loader (this release's own, pinned with
    /// `integrity`, when the server serves a release build), the element,
    /// and its fallback link.
    pub fn html(&self, info: &EmbedInfo, link_words: &str) -> String {
        let (loader, integrity) = match &info.pinned {
            Some(pinned) => {
                (&pinned.url, format!(r#" integrity="{}" crossorigin="anonymous""#, attribute(&pinned.integrity)))
            }
            None => (&info.loader_url, String::new()),
        };
        let attributes: String =
            self.attributes().iter().map(|(name, value)| format!(r#" {name}="{}""#, attribute(value))).collect();
        format!(
            "<script type=\"module\" src=\"{}\"{integrity}></script>\n<police-engage{attributes}>\n  <a href=\"{}\">{}</a>\n</police-engage>",
            attribute(loader),
            attribute(&info.home_url),
            text(link_words),
        )
    }

    /// The stylesheet rule for the colours given, if any.
    pub fn css(&self) -> Option<String> {
        if self.colours.is_empty() {
            return None;
        }
        let lines: String = self.colours.iter().map(|(c, v)| format!("  {}: {v};\n", c.property())).collect();
        Some(format!("police-engage {{\n{lines}}}"))
    }

    /// Each pair, in each scheme the theme may show, that a colour given
    /// leaves under WCAG AA: (text, background, ratio).
    pub fn low_contrast(&self) -> Vec<(Colour, Colour, f64)> {
        let schemes: &[bool] = match self.theme {
            Some("light") => &[false],
            Some("dark") => &[true],
            _ => &[false, true],
        };
        let colour = |c: Colour, dark: bool| {
            self.colours.iter().find(|(given, _)| *given == c).map_or_else(|| c.default(dark), |(_, v)| v.clone())
        };
        let given = |c: Colour| self.colours.iter().any(|(g, _)| *g == c);
        let mut low = Vec::new();
        for (fore, back) in PAIRS.into_iter().filter(|(f, b)| given(*f) || given(*b)) {
            let worst = schemes
                .iter()
                .filter_map(|dark| ratio(&colour(fore, *dark), &colour(back, *dark)))
                .fold(f64::INFINITY, f64::min);
            if worst < AA_TEXT {
                low.push((fore, back, worst));
            }
        }
        low
    }
}

fn attribute(value: &str) -> String {
    text(value).replace('"', "&quot;")
}

fn text(value: &str) -> String {
    value.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use police_engage_contract::PinnedLoader;

    use super::*;

    fn info(integrity: Option<&str>) -> EmbedInfo {
        EmbedInfo {
            feed_url: "https://police.example/v1/feed.json".into(),
            loader_url: "https://police.example/widget/police-engage.js".into(),
            home_url: "https://police.example/".into(),
            pinned: integrity.map(|sri| PinnedLoader {
                url: "https://police.example/widget/police-engage.1a2b3c4d.js".into(),
                integrity: sri.into(),
            }),
            areas: vec![],
        }
    }

    #[test]
    fn the_snippet_names_what_was_chosen_and_no_default() {
        let plain = Choices { feed: "https://police.example/v1/feed.json".into(), ..Choices::default() };
        assert_eq!(
            plain.html(&info(None), "Latest news from the police"),
            "<script type=\"module\" src=\"https://police.example/widget/police-engage.js\"></script>\n\
             <police-engage src=\"https://police.example/v1/feed.json\" limit=\"5\">\n  \
             <a href=\"https://police.example/\">Latest news from the police</a>\n</police-engage>"
        );
        let chosen = Choices {
            categories: vec![Category::Appeal, Category::Warning],
            area: Some("Pen-y-bryn \"North\"".into()),
            limit: 3,
            lang: Some(Lang::Cy),
            theme: Some("dark"),
            heading_level: 3,
            ..plain
        };
        let html = chosen.html(&info(Some("sha384-abc")), "Newyddion");
        assert!(html.contains(
            r#"src="https://police.example/widget/police-engage.1a2b3c4d.js" integrity="sha384-abc" crossorigin="anonymous""#
        ));
        assert!(html.contains(
            r#"limit="3" categories="appeal,warning" area="Pen-y-bryn &quot;North&quot;" lang="cy" theme="dark" heading-level="3">"#
        ));
        assert_eq!(chosen.css(), None);
    }

    #[test]
    fn colours_become_css_and_low_contrast_is_found() {
        assert_eq!(Colour::Accent.default(false), "#1d70b8", "read from the widget's stylesheet");
        assert_eq!(Colour::Background.default(true), "#17191c");
        let pale = Choices { colours: vec![(Colour::Accent, "#ffdd00".into())], ..Choices::default() };
        assert_eq!(pale.css().unwrap(), "police-engage {\n  --pe-accent: #ffdd00;\n}");
        let low: Vec<_> = pale.low_contrast().into_iter().map(|(f, b, _)| (f, b)).collect();
        // Yellow links on white fail; white on yellow buttons fail too.
        assert_eq!(low, [(Colour::Accent, Colour::Background), (Colour::AccentText, Colour::Accent)]);
        let brand =
            Choices { colours: vec![(Colour::Accent, "#00594f".into())], theme: Some("light"), ..Choices::default() };
        assert!(brand.low_contrast().is_empty());
        assert!(Choices::default().low_contrast().is_empty(), "nothing given, nothing to warn of");
    }
}
