//! Which URLs become links or image sources: absolute `http:` or `https:`
//! with a host, and nothing that could hide another scheme or break out of
//! an attribute. The widget follows no other; the server stores no other
//! (besides paths on itself, which it makes absolute in the feed).

/// The URL, trimmed, when it may be followed; `None` for `javascript:`,
/// `data:`, relative paths, and junk.
pub fn web_url(raw: &str) -> Option<&str> {
    let url = raw.trim();
    let (scheme, rest) = url.split_once(':')?;
    let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    let has_host = rest.strip_prefix("//").is_some_and(|r| !r.is_empty() && !r.starts_with('/'));
    let clean = !url.chars().any(|c| c.is_control() || c.is_whitespace());
    (web && has_host && clean && url.len() <= crate::URL_MAX).then_some(url)
}

#[cfg(test)]
mod tests {
    use super::web_url;

    #[test]
    fn keeps_web_links() {
        assert_eq!(web_url(" https://example.police.uk/news/1 "), Some("https://example.police.uk/news/1"));
        assert_eq!(web_url("HTTP://example.org"), Some("HTTP://example.org"));
    }

    #[test]
    fn drops_everything_else() {
        let long = format!("https://example.org/{}", "a".repeat(crate::URL_MAX));
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
            &long,
        ] {
            assert_eq!(web_url(bad), None, "{bad}");
        }
    }
}
