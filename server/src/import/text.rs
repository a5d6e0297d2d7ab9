//! HTML from other sites reduced to plain text, by the same reader as the
//! first view's: scripts, styles and images (tracking pixels included)
//! dropped, block boundaries kept as spaces.

pub use police_engage::text::html_to_text;

/// Text that may or may not be HTML (RSS titles often are).
pub fn plain(s: &str) -> String {
    if s.contains('<') || s.contains('&') {
        html_to_text(s)
    } else {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_words_drops_markup_scripts_and_pixels() {
        let html = r#"<p>Police are <b>appealing</b> for witnesses.</p><p>Call&nbsp;101 &amp; quote ref&#58; 123.</p>
            <script>alert("x")</script><style>p{}</style><img src="https://tracker.example/p.gif" width="1" height="1">
            <iframe src="https://ads.example"></iframe><ul><li>One</li><li>Two</li></ul>"#;
        assert_eq!(html_to_text(html), "Police are appealing for witnesses. Call 101 & quote ref: 123. One Two");
    }

    #[test]
    fn plain_text_passes_through() {
        assert_eq!(plain("  A  plain\ntitle "), "A plain title");
        assert_eq!(plain("Fish &amp; chips <em>now</em>"), "Fish & chips now");
    }
}
