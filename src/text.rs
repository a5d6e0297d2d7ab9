//! Plain text from feed HTML, by the browser's own parser.
//!
//! `DOMParser` builds an inert document: its scripts never run and its
//! images never load, so hostile markup is harmless while we read its text.

use wasm_bindgen::JsCast;
use web_sys::{DomParser, Element, SupportedType};

/// Elements whose text is not prose a resident should read.
const HIDDEN: &str = "script,style,template,noscript,iframe,object";
/// Elements that end a line, so their words do not run together.
const BLOCKS: &str = "p,div,li,br,tr,h1,h2,h3,h4,h5,h6,blockquote,section,article";

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
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
