//! Idempotency keys: one per submission, so a retried send stores once.

/// 128 random bits as hex (works on plain http pages, where
/// `crypto.randomUUID` does not).
pub fn new_key() -> String {
    let mut bytes = [0u8; 16];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    if bytes == [0; 16] {
        let fallback = js_sys::Math::random().to_bits() ^ (js_sys::Date::now() as u64);
        bytes[..8].copy_from_slice(&fallback.to_le_bytes());
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
