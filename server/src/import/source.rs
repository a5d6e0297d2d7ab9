//! Where updates are imported from, and the defaults each source gives them.

use std::path::PathBuf;

use police_engage_contract::Category;

/// A source: a URL (polled) or a file (imported once), with a default
/// category and area for its items, or else the Welsh version of another
/// source. Written `URL#category=appeal&area=Riverside` or `URL#welsh-of=URL`.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub location: Location,
    pub category: Option<Category>,
    pub area: Option<String>,
    /// The key of the English source whose items this one's translate.
    pub welsh_of: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Location {
    Url(String),
    File(PathBuf),
}

impl Source {
    /// Parses `URL[#category=C&area=A]` or `URL#welsh-of=URL`; anything not
    /// http(s) is taken as a file path.
    pub fn parse(spec: &str) -> Result<Source, String> {
        let spec = spec.trim();
        let (target, options) = spec.split_once('#').unwrap_or((spec, ""));
        let mut source = Source { location: Location::of(target), category: None, area: None, welsh_of: None };
        for (key, value) in serde_urlencoded::from_str::<Vec<(String, String)>>(options).map_err(|e| e.to_string())? {
            match key.as_str() {
                "category" if Category::parse(&value).is_some() => source.category = Category::parse(&value),
                "area" => source.area = Some(value),
                "welsh-of" => source.welsh_of = Some(Location::of(&value).key()),
                _ => return Err(format!("unknown source option {key}={value} (known: category, area, welsh-of)")),
            }
        }
        Ok(source)
    }

    /// The source's identity in the database: its URL or path, without options.
    pub fn key(&self) -> String {
        self.location.key()
    }
}

impl Location {
    fn of(target: &str) -> Location {
        if target.starts_with("http://") || target.starts_with("https://") {
            Location::Url(target.to_owned())
        } else {
            Location::File(PathBuf::from(target))
        }
    }

    fn key(&self) -> String {
        match self {
            Location::Url(url) => url.clone(),
            Location::File(path) => format!("file:{}", path.display()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_options_from_the_fragment() {
        let s = Source::parse("https://police.example/news.rss#category=appeal&area=Pen-y-bryn%20North").unwrap();
        assert_eq!(s.location, Location::Url("https://police.example/news.rss".into()));
        assert_eq!((s.category, s.area.as_deref()), (Some(Category::Appeal), Some("Pen-y-bryn North")));
        assert_eq!(Source::parse("fixtures/news.xml").unwrap().location, Location::File("fixtures/news.xml".into()));
        assert!(Source::parse("https://x.example/#category=gossip").is_err());
        assert!(Source::parse("https://x.example/#colour=blue").is_err());
        let welsh = Source::parse("https://police.example/cy/news.rss#welsh-of=https://police.example/en/news.rss");
        assert_eq!(welsh.unwrap().welsh_of.as_deref(), Some("https://police.example/en/news.rss"));
    }
}
