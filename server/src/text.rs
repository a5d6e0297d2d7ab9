//! What was typed or asked for, as the server takes it.

/// A field or parameter as given: trimmed, and `None` when nothing is left of it.
pub fn given(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// Bytes as lower-case hex: ids, tokens, hashes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Text as HTML text: whatever a person wrote, never markup.
pub fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
