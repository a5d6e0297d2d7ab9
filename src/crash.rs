//! If the widget ever panics, every widget on the page shows a plain error
//! with a Retry button instead of freezing. A panicked wasm instance cannot
//! be trusted again, so Retry (handled by the loader, which watches for
//! `data-pe-recover`) starts a fresh instance.

use std::cell::RefCell;
use std::panic::PanicHookInfo;

use web_sys::{Document, Element};

use crate::i18n::{Lang, Words};

thread_local! {
    /// Each mounted widget's root and language. Never borrowed across a call
    /// that can panic, so the hook can always read it.
    static ROOTS: RefCell<Vec<(Element, Lang)>> = const { RefCell::new(Vec::new()) };
}

/// Installs the hook once per wasm instance.
pub fn install() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| yew::set_custom_panic_hook(Box::new(hook)));
}

pub fn register(root: &Element, lang: Lang) {
    ROOTS.with(|roots| {
        let mut roots = roots.borrow_mut();
        roots.retain(|(r, _)| r != root);
        roots.push((root.clone(), lang));
    });
}

pub fn forget(root: &Element) {
    ROOTS.with(|roots| roots.borrow_mut().retain(|(r, _)| r != root));
}

fn hook(info: &PanicHookInfo<'_>) {
    console_error_panic_hook::hook(info);
    let roots = ROOTS.with(|roots| roots.try_borrow().map(|r| r.clone()).unwrap_or_default());
    for (root, lang) in roots {
        let _ = show(&root, lang);
    }
}

/// Replaces the widget's content with the crash notice, built from plain DOM
/// calls because Yew may be what failed.
pub fn show(root: &Element, lang: Lang) -> Option<()> {
    let text = lang.text();
    let doc = root.owner_document()?;
    let section = element(&doc, "section", "pe")?;
    section.set_attribute("lang", lang.tag()).ok()?;
    section.set_attribute("part", "widget").ok()?;
    let notice = element(&doc, "div", "pe-error")?;
    notice.set_attribute("role", "alert").ok()?;
    notice.set_attribute("part", "error").ok()?;
    let heading = element(&doc, "h2", "pe-heading")?;
    heading.set_text_content(Some(text.heading));
    let message = element(&doc, "p", "pe-error-title")?;
    message.set_text_content(Some(text.crashed));
    let button = element(&doc, "button", "pe-button")?;
    button.set_attribute("type", "button").ok()?;
    button.set_attribute("part", "button").ok()?;
    button.set_attribute("data-pe-recover", "").ok()?;
    button.set_text_content(Some(text.retry));
    notice.append_with_node_2(&message, &button).ok()?;
    section.append_with_node_2(&heading, &notice).ok()?;
    root.replace_children_with_node_1(&section);
    Some(())
}

fn element(doc: &Document, tag: &str, class: &str) -> Option<Element> {
    let el = doc.create_element(tag).ok()?;
    el.set_class_name(class);
    Some(el)
}
