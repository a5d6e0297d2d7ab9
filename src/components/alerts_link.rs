//! The way to alerts by email: a link to the force's sign-up page with this
//! widget's area and language chosen, when the feed offers alerts.

use yew::prelude::*;

use crate::config::Config;
use crate::i18n::Words;

/// The link, if `page` (the feed's `alerts_url`) is an absolute http(s)
/// address and the element has not turned alerts off.
pub fn alerts_link(page: Option<&str>, config: &Config) -> Option<Html> {
    let page = page.filter(|p| config.alerts && (p.starts_with("https://") || p.starts_with("http://")))?;
    let mut href = format!("{page}?lang={}", config.lang.tag());
    if let Some(area) = &config.filter.area {
        href.push_str("&area=");
        for b in area.bytes() {
            push_query_byte(&mut href, b);
        }
    }
    Some(html! {
        <p class="pe-alerts" part="alerts"><a {href}>{ config.lang.text().get_alerts }</a></p>
    })
}

/// One byte of a query value, percent-encoded unless unreserved (RFC 3986).
fn push_query_byte(out: &mut String, b: u8) {
    if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
        out.push(char::from(b));
    } else {
        *out += &format!("%{b:02X}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_and_language_travel_encoded() {
        let mut encoded = String::new();
        "Glan-yr-afon & Tŷ Du".bytes().for_each(|b| push_query_byte(&mut encoded, b));
        assert_eq!(encoded, "Glan-yr-afon%20%26%20T%C5%B7%20Du");
    }
}
