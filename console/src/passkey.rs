//! The browser's half of a passkey ceremony: the server's WebAuthn options
//! (JSON, binary fields in base64url) turned into what
//! `navigator.credentials` takes, and its answer back into JSON. Written by
//! hand rather than with `PublicKeyCredential.parseCreationOptionsFromJSON`,
//! which older Safari and Firefox lack.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = r#"
const bytes = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
const text = (b) => btoa(String.fromCharCode(...new Uint8Array(b))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const ids = (list) => (list || []).map((c) => ({ ...c, id: bytes(c.id) }));
const answer = (c) => {
  const r = c.response, out = { id: c.id, rawId: text(c.rawId), type: c.type, clientExtensionResults: c.getClientExtensionResults(), response: { clientDataJSON: text(r.clientDataJSON) } };
  if (r.attestationObject) { out.response.attestationObject = text(r.attestationObject); out.response.transports = r.getTransports ? r.getTransports() : []; }
  if (r.authenticatorData) { out.response.authenticatorData = text(r.authenticatorData); out.response.signature = text(r.signature); out.response.userHandle = r.userHandle ? text(r.userHandle) : null; }
  return JSON.stringify(out);
};
export function supported() { return !!(window.PublicKeyCredential && navigator.credentials); }
export async function create(json) {
  const o = JSON.parse(json);
  o.challenge = bytes(o.challenge); o.user.id = bytes(o.user.id); o.excludeCredentials = ids(o.excludeCredentials);
  return answer(await navigator.credentials.create({ publicKey: o }));
}
export async function get(json) {
  const o = JSON.parse(json);
  o.challenge = bytes(o.challenge); o.allowCredentials = ids(o.allowCredentials);
  return answer(await navigator.credentials.get({ publicKey: o }));
}
"#)]
extern "C" {
    fn supported() -> bool;
    #[wasm_bindgen(catch)]
    fn create(options: &str) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch)]
    fn get(options: &str) -> Result<js_sys::Promise, JsValue>;
}

/// Whether this browser offers passkeys at all.
pub fn available() -> bool {
    supported()
}

/// Makes a passkey on this device; the browser's answer as JSON, or `None`
/// when the person cancelled or the device refused.
pub async fn register(options: &str) -> Option<String> {
    JsFuture::from(create(options).ok()?).await.ok()?.as_string()
}

/// Signs with a passkey on this device.
pub async fn sign(options: &str) -> Option<String> {
    JsFuture::from(get(options).ok()?).await.ok()?.as_string()
}
