//! Randomness from the operating system, for ids, references and tokens.

use crate::text::hex;

/// `N` random bytes.
pub fn bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("the OS has randomness");
    bytes
}

/// A new id: `prefix`, a dash and 64 random bits in hex (`p-1a2b…`).
pub fn id(prefix: &str) -> String {
    format!("{prefix}-{}", hex(&bytes::<8>()))
}

/// A secret no one can guess: 256 random bits in hex.
pub fn token() -> String {
    hex(&bytes::<32>())
}
