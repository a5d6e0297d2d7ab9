//! Plain text from feed HTML, by a real HTML parser: the browser's own in
//! the widget, scraper's on the server (the first view).
//!
//! `DOMParser` builds an inert document: its scripts never run and its
//! images never load, so hostile markup is harmless while we read its text.

/// Elements whose text is not prose a resident should read.
const HIDDEN: &str = "script,style,template,noscript,iframe,object";
/// Elements that end a line, so their words do not run together.
const BLOCKS: &str = "p,div,li,br,tr,h1,h2,h3,h4,h5,h6,blockquote,section,article";

/// Words joined by one space each. By hand rather than with `join`, whose
/// copies for each element type cost the wasm a kilobyte apiece.
pub fn spaced<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for word in words {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(target_arch = "wasm32")]
pub use browser::html_to_text;
#[cfg(not(target_arch = "wasm32"))]
pub use native::html_to_text;

#[cfg(target_arch = "wasm32")]
mod browser {
    use wasm_bindgen::JsCast;
    use web_sys::{DomParser, Element, SupportedType};

    use super::{BLOCKS, HIDDEN};

    /// The readable text of `html`, with white space collapsed.
    pub fn html_to_text(html: &str) -> String {
        let body = DomParser::new()
            .and_then(|parser| parser.parse_from_string(html, SupportedType::TextHtml))
            .ok()
            .and_then(|doc| doc.body());
        let Some(body) = body else {
            return String::new();
        };
        for_each(&body, HIDDEN, |el| el.remove());
        for_each(&body, BLOCKS, |el| {
            let _ = el.append_with_str_1(" ");
        });
        let text = body.text_content().unwrap_or_default();
        super::spaced(text.split_whitespace())
    }

    fn for_each(root: &Element, selector: &str, mut f: impl FnMut(Element)) {
        let Ok(nodes) = root.query_selector_all(selector) else {
            return;
        };
        for i in 0..nodes.length() {
            if let Some(el) = nodes.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                f(el);
            }
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use ego_tree::iter::Edge;
    use scraper::{Html, Node};

    use super::{BLOCKS, HIDDEN};

    /// The readable text of `html`, with white space collapsed. The tree is
    /// walked in a loop, not by recursion, so no depth of nesting in a
    /// hostile page can overflow the stack.
    pub fn html_to_text(html: &str) -> String {
        let document = Html::parse_document(html);
        let mut out = String::new();
        let mut hidden_by = None;
        for edge in document.root_element().traverse() {
            match (edge, hidden_by) {
                (Edge::Close(node), Some(id)) if node.id() == id => hidden_by = None,
                (_, Some(_)) => {}
                (Edge::Open(node), None) => match node.value() {
                    Node::Text(text) => out.push_str(text),
                    Node::Element(el) if is_in(HIDDEN, el.name()) => hidden_by = Some(node.id()),
                    _ => {}
                },
                (Edge::Close(node), None) => {
                    if node.value().as_element().is_some_and(|el| is_in(BLOCKS, el.name())) {
                        out.push(' ');
                    }
                }
            }
        }
        super::spaced(out.split_whitespace())
    }

    fn is_in(list: &str, name: &str) -> bool {
        list.split(',').any(|n| n == name)
    }

    #[cfg(test)]
    mod tests {
        use super::html_to_text;

        #[test]
        fn reads_text_as_the_browser_does() {
            let html = "<p>Call <b>101</b></p><p>quoting 42.</p><script>alert(1)</script><style>p{}</style>";
            assert_eq!(html_to_text(html), "Call 101 quoting 42.");
            assert_eq!(html_to_text("<img src=x onerror=alert(1)>&lt;b&gt;"), "<b>");
        }

        #[test]
        fn nesting_deeper_than_the_stack_would_hold_reads() {
            // A walk by recursion needs far more than this small stack at this depth.
            let depth = 10_000;
            let html = format!("{}deep{}", "<div>".repeat(depth), "</div>".repeat(depth));
            let read = std::thread::Builder::new().stack_size(128 * 1024).spawn(move || html_to_text(&html));
            assert_eq!(read.unwrap().join().unwrap(), "deep");
        }
    }
}
