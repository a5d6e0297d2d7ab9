//! A Welsh source's items joined to their English twins.
//!
//! The rule: a Welsh item is the translation of the English item with the
//! same id in the English source, or else of the one whose link is the same
//! once the language is taken out of it: a `cy` or `en` path segment, a
//! `lang`, `language` or `locale` query parameter. A force's site publishes
//! the two versions of a story as translations of one page, which keep the
//! page's id or its address save for the language; joining on a title or a
//! time would pair unrelated stories. A Welsh item that joins nothing is
//! left out and tried again on the next import.

use url::Url;

use crate::db::Db;
use crate::updates::{self, Update};

/// The update the English source made of the twin of the Welsh item
/// `source_id` linking to `link`.
pub async fn twin(db: &Db, english: &str, source_id: &str, link: Option<&str>) -> sqlx::Result<Option<Update>> {
    match twin_id(db, english, source_id, link).await? {
        Some(id) => updates::get(db, &id).await,
        None => Ok(None),
    }
}

async fn twin_id(db: &Db, english: &str, source_id: &str, link: Option<&str>) -> sqlx::Result<Option<String>> {
    let same_id: Option<String> =
        sqlx::query_scalar("SELECT update_id FROM imported WHERE source = $1 AND source_id = $2")
            .bind(english)
            .bind(source_id)
            .fetch_optional(db)
            .await?;
    if same_id.is_some() {
        return Ok(same_id);
    }
    let Some(wanted) = link.and_then(without_language) else { return Ok(None) };
    let links: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT u.id, u.url FROM imported i JOIN updates u ON u.id = i.update_id WHERE i.source = $1")
            .bind(english)
            .fetch_all(db)
            .await?;
    Ok(links
        .into_iter()
        .find(|(_, url)| url.as_deref().and_then(without_language) == Some(wanted.clone()))
        .map(|l| l.0))
}

/// A link with its language taken out, for comparing translations.
fn without_language(link: &str) -> Option<String> {
    let mut url = Url::parse(link).ok()?;
    let path: Vec<String> = url
        .path_segments()?
        .filter(|s| !["cy", "en", "cy-gb", "en-gb"].contains(&s.to_ascii_lowercase().as_str()))
        .map(str::to_owned)
        .collect();
    url.set_path(&path.join("/"));
    let query: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| !["lang", "language", "locale"].contains(&k.to_ascii_lowercase().as_str()))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    url.set_query(None);
    if !query.is_empty() {
        url.query_pairs_mut().extend_pairs(query);
    }
    url.set_fragment(None);
    Some(url.to_string())
}

#[cfg(test)]
mod tests {
    use super::without_language;

    #[test]
    fn translations_share_a_link_without_their_language() {
        let same = |a: &str, b: &str| without_language(a) == without_language(b);
        assert!(same("https://police.example/cy/news/123", "https://police.example/en/news/123"));
        assert!(same("https://police.example/news/123?lang=cy", "https://police.example/news/123"));
        assert!(same("https://Police.example/CY/news/123?id=4&language=cy", "https://police.example/news/123?id=4"));
        assert!(!same("https://police.example/cy/news/124", "https://police.example/en/news/123"));
        assert!(!same("https://police.example/cyber/1", "https://police.example/1"), "only a whole segment");
        assert_eq!(without_language("not a link"), None);
    }
}
