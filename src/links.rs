//! Which feed URLs the widget may turn into links or image sources.

/// The URL, trimmed, if it is absolute `http:` or `https:`; anything else
/// (`javascript:`, `data:`, relative paths, junk) is not followed.
pub fn safe_url(raw: &str) -> Option<String> {
    let url = raw.trim();
    let (scheme, rest) = url.split_once(':')?;
    let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    let has_host = rest.strip_prefix("//").is_some_and(|r| !r.is_empty() && !r.starts_with('/'));
    let clean = !url.chars().any(|c| c.is_control() || c.is_whitespace());
    (web && has_host && clean).then(|| url.to_owned())
}

#[cfg(test)]
mod tests {
    use super::safe_url;

    #[test]
    fn keeps_web_links() {
        assert_eq!(safe_url(" https://example.police.uk/news/1 ").as_deref(), Some("https://example.police.uk/news/1"));
        assert_eq!(safe_url("HTTP://example.org").as_deref(), Some("HTTP://example.org"));
    }

    #[test]
    fn drops_everything_else() {
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "/relative/path",
            "//example.org/protocol-relative",
            "https:///no-host",
            "https:example.org",
            "https://exa mple.org",
            "https://example.org/\u{0}x",
            "mailto:someone@example.org",
            "",
        ] {
            assert_eq!(safe_url(bad), None, "{bad}");
        }
    }
}
