//! Partner sites: who may send residents' feedback to the force, and the
//! rule for an origin (scheme, host and port; no path, no wildcard).

use serde::{Deserialize, Serialize};

/// A partner, as admins see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Partner {
    pub id: String,
    pub name: String,
    pub origins: Vec<String>,
    pub contact: Option<String>,
    pub created_at: String,
}

/// `POST /v1/partners`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewPartner {
    pub name: String,
    pub origins: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
}

/// Longest partner name.
pub const PARTNER_NAME_MAX: usize = 200;
/// Longest contact (a name, an email, a phone number).
pub const PARTNER_CONTACT_MAX: usize = 300;
/// Most origins one partner may have.
pub const PARTNER_ORIGINS_MAX: usize = 20;

/// A partner, named (for the inbox's filter).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnerRef {
    pub id: String,
    pub name: String,
}
