//! The admin API's bearer token: given by the operator, or made on first
//! start and printed once. Only its SHA-256 hash is stored.

use crate::text::hex;
use sha2::{Digest, Sha256};

use crate::db::{self, Db};

const KEY: &str = "admin_token_sha256";

/// Makes sure a token exists. Returns the new token when one was generated
/// now, so the caller can show it to the operator this once.
pub async fn ensure(db: &Db, given: Option<&str>) -> anyhow::Result<Option<String>> {
    if let Some(token) = given {
        db::set_setting(db, KEY, &hash(token)).await?;
        return Ok(None);
    }
    if db::setting(db, KEY).await?.is_some() {
        return Ok(None);
    }
    let token = crate::random::token();
    // Several servers starting on one new database: only the first one's token is kept and shown.
    Ok(db::add_setting(db, KEY, &hash(&token)).await?.then_some(token))
}

/// The stored hash, which `ensure` has made sure exists.
pub async fn stored_hash(db: &Db) -> anyhow::Result<String> {
    db::setting(db, KEY).await?.ok_or_else(|| anyhow::anyhow!("no admin token hash stored"))
}

pub fn hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn generates_once_then_keeps_the_hash() {
        let dir = tempfile::tempdir().unwrap();
        let db = db::open(&format!("sqlite://{}/t.db", dir.path().display())).await.unwrap();
        let token = ensure(&db, None).await.unwrap().expect("a new token");
        assert_eq!(token.len(), 64);
        assert_eq!(ensure(&db, None).await.unwrap(), None);
        assert_eq!(db::setting(&db, KEY).await.unwrap(), Some(hash(&token)));
        assert_eq!(ensure(&db, Some("operator-set")).await.unwrap(), None);
        assert_eq!(db::setting(&db, KEY).await.unwrap(), Some(hash("operator-set")));
    }
}
