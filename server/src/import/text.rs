//! HTML from other sites reduced to plain text: scripts, styles and images
//! (tracking pixels included) dropped, block boundaries kept as spaces.

use scraper::{Html, Node};

const SKIPPED: [&str; 8] = ["script", "style", "noscript", "template", "iframe", "object", "svg", "head"];
const BLOCKS: [&str; 16] =
    ["p", "div", "br", "li", "ul", "ol", "tr", "td", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section"];

/// The readable text of an HTML fragment, white space collapsed.
pub fn html_to_text(html: &str) -> String {
    let fragment = Html::parse_fragment(html);
    let mut out = String::new();
    walk(fragment.tree.root(), &mut out);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn walk(node: ego_tree::NodeRef<'_, Node>, out: &mut String) {
    for child in node.children() {
        match child.value() {
            Node::Text(text) => out.push_str(text),
            Node::Element(el) if SKIPPED.contains(&el.name()) => {}
            Node::Element(el) => {
                let block = BLOCKS.contains(&el.name());
                if block {
                    out.push(' ');
                }
                walk(child, out);
                if block {
                    out.push(' ');
                }
            }
            _ => walk(child, out),
        }
    }
}

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
