//! External ids without a lookup table: an id is the internal number, a kind tag and a scope
//! (the app for open_ids, the developer for union_ids), encrypted as one AES-128 block and
//! written as 32 hex digits after Lark's prefix.
//!
//! Decoding tells three cases apart, which the API needs for `invalid_id_list` versus
//! `not_existed_id_list`: a malformed or forged string fails the tag check ([`Decoded::Malformed`]);
//! a well-formed id minted for another app or developer decodes to a different scope
//! ([`Decoded::ForeignScope`]); anything else is a real internal number, which may or may not
//! exist ([`Decoded::Id`]).

use aes::Aes128;
use aes::cipher::{BlockCipherDecrypt, BlockCipherEncrypt, KeyInit};
use sha2::{Digest, Sha256};

/// What an external id names. The discriminant is part of the encrypted block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum IdKind {
    /// `ou_…`, scoped to an app.
    OpenUser = 1,
    /// `on_…`, scoped to a developer.
    UnionUser = 2,
    /// `oc_…`, global.
    Chat = 3,
    /// `od-…`, global.
    Department = 4,
}

impl IdKind {
    pub fn prefix(self) -> &'static str {
        match self {
            IdKind::OpenUser => "ou_",
            IdKind::UnionUser => "on_",
            IdKind::Chat => "oc_",
            IdKind::Department => "od-",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decoded {
    /// Not an id of this kind minted by this server.
    Malformed,
    /// A genuine id of this kind, minted for another scope (another app or developer).
    ForeignScope,
    /// A genuine internal number; whether the entity still exists is the store's business.
    Id(i64),
}

const MAGIC: u8 = 0xA7;

pub struct IdCodec {
    cipher: Aes128,
}

impl std::fmt::Debug for IdCodec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IdCodec(..)")
    }
}

impl IdCodec {
    /// Builds the codec from the server's master secret (kept in the store, so ids are stable
    /// across restarts).
    pub fn new(master_secret: &[u8]) -> Self {
        let mut h = Sha256::new();
        h.update(b"roster/id-codec/v1");
        h.update(master_secret);
        let digest = h.finalize();
        let cipher = Aes128::new_from_slice(&digest[..16]).expect("16-byte key");
        IdCodec { cipher }
    }

    /// `prefix` + 32 lowercase hex digits.
    pub fn encode(&self, kind: IdKind, scope: u32, id: i64) -> String {
        let mut block = [0u8; 16];
        block[0] = MAGIC;
        block[1] = kind as u8;
        block[4..8].copy_from_slice(&scope.to_be_bytes());
        block[8..16].copy_from_slice(&id.to_be_bytes());
        let mut b = block.into();
        self.cipher.encrypt_block(&mut b);
        let mut digits = [0u8; 32];
        hex::encode_to_slice(b, &mut digits).expect("32 hex digits for 16 bytes");
        let mut out = String::with_capacity(35);
        out.push_str(kind.prefix());
        out.push_str(std::str::from_utf8(&digits).expect("hex digits are ASCII"));
        out
    }

    /// Decodes `s` as an id of `kind` expected in `scope`.
    pub fn decode(&self, kind: IdKind, scope: u32, s: &str) -> Decoded {
        let Some(hex_part) = s.strip_prefix(kind.prefix()) else {
            return Decoded::Malformed;
        };
        let mut raw = [0u8; 16];
        if hex_part.len() != 32 || hex::decode_to_slice(hex_part, &mut raw).is_err() {
            return Decoded::Malformed;
        }
        let mut b = raw.into();
        self.cipher.decrypt_block(&mut b);
        let block: [u8; 16] = b.into();
        if block[0] != MAGIC || block[1] != kind as u8 || block[2] != 0 || block[3] != 0 {
            return Decoded::Malformed;
        }
        let got_scope = u32::from_be_bytes(block[4..8].try_into().expect("4 bytes"));
        if got_scope != scope {
            return Decoded::ForeignScope;
        }
        Decoded::Id(i64::from_be_bytes(block[8..16].try_into().expect("8 bytes")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn codec() -> IdCodec {
        IdCodec::new(b"test secret")
    }

    #[test]
    fn shape_matches_lark() {
        let id = codec().encode(IdKind::OpenUser, 7, 42);
        assert!(id.starts_with("ou_") && id.len() == 35, "{id}");
        assert!(id[3..].chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert!(codec().encode(IdKind::Department, 0, 1).starts_with("od-"));
    }

    #[test]
    fn cases_told_apart() {
        let c = codec();
        let id = c.encode(IdKind::OpenUser, 7, 42);
        assert_eq!(c.decode(IdKind::OpenUser, 7, &id), Decoded::Id(42));
        assert_eq!(c.decode(IdKind::OpenUser, 8, &id), Decoded::ForeignScope);
        assert_eq!(c.decode(IdKind::UnionUser, 7, &id.replacen("ou_", "on_", 1)), Decoded::Malformed);
        assert_eq!(c.decode(IdKind::OpenUser, 7, "ou_123"), Decoded::Malformed);
        assert_eq!(c.decode(IdKind::OpenUser, 7, "ou_7dab8a3d3cdcc9da365777c7ad535d62"), Decoded::Malformed);
        assert_eq!(IdCodec::new(b"other").decode(IdKind::OpenUser, 7, &id), Decoded::Malformed);
    }

    proptest! {
        #[test]
        fn round_trips(scope in any::<u32>(), id in any::<i64>()) {
            let c = codec();
            for kind in [IdKind::OpenUser, IdKind::UnionUser, IdKind::Chat, IdKind::Department] {
                prop_assert_eq!(c.decode(kind, scope, &c.encode(kind, scope, id)), Decoded::Id(id));
            }
        }

        #[test]
        fn random_strings_are_malformed(hexs in "[0-9a-f]{32}") {
            prop_assert_eq!(codec().decode(IdKind::Chat, 0, &format!("oc_{hexs}")), Decoded::Malformed);
        }
    }
}
