//! What an app with an Encrypt Key gets (spec §6): the body as `{"encrypt": base64(iv ‖
//! AES-256-CBC(sha256(key), PKCS#7))}` and the signature headers, where `X-Lark-Signature` is
//! lower-hex sha256(timestamp ‖ nonce ‖ encrypt_key ‖ body).

use aes::Aes256;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use cbc::cipher::{BlockModeEncrypt, KeyIvInit, block_padding::Pkcs7};
use roster_proto::events::Encrypted;
use sha2::{Digest, Sha256};

/// `{"encrypt":"…"}` of `plaintext` under `key`, with a fresh random IV.
pub fn encrypt_body(key: &str, plaintext: &[u8]) -> String {
    let mut iv = [0u8; 16];
    rand::fill(&mut iv);
    encrypt_with_iv(key, &iv, plaintext)
}

fn encrypt_with_iv(key: &str, iv: &[u8; 16], plaintext: &[u8]) -> String {
    let digest = Sha256::digest(key.as_bytes());
    let cipher = cbc::Encryptor::<Aes256>::new_from_slices(&digest, iv).expect("32-byte key, 16-byte iv");
    let ciphertext = cipher.encrypt_padded_vec::<Pkcs7>(plaintext);
    let mut out = Vec::with_capacity(16 + ciphertext.len());
    out.extend_from_slice(iv);
    out.extend_from_slice(&ciphertext);
    serde_json::to_string(&Encrypted { encrypt: STANDARD.encode(out) }).expect("a string field serializes")
}

/// `X-Lark-Signature` of a body.
pub fn signature(timestamp: &str, nonce: &str, key: &str, body: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(timestamp.as_bytes());
    h.update(nonce.as_bytes());
    h.update(key.as_bytes());
    h.update(body);
    hex::encode(h.finalize())
}

/// A fresh `X-Lark-Request-Nonce`.
pub fn nonce() -> String {
    let mut b = [0u8; 8];
    rand::fill(&mut b);
    hex::encode(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cbc::cipher::BlockModeDecrypt;

    fn decrypt(key: &str, body: &str) -> Vec<u8> {
        let enc: Encrypted = serde_json::from_str(body).unwrap();
        let raw = STANDARD.decode(enc.encrypt).unwrap();
        let digest = Sha256::digest(key.as_bytes());
        let d = cbc::Decryptor::<Aes256>::new_from_slices(&digest, &raw[..16]).unwrap();
        d.decrypt_padded_vec::<Pkcs7>(&raw[16..]).unwrap()
    }

    #[test]
    fn round_trips_and_pads() {
        for text in ["", "x", "exactly sixteen!", "{\"schema\":\"2.0\",\"name\":\"李雷\"}"] {
            let body = encrypt_body("k3y", text.as_bytes());
            assert!(body.starts_with("{\"encrypt\":\"") && !body.contains("\\/"), "{body}");
            let raw = STANDARD.decode(serde_json::from_str::<Encrypted>(&body).unwrap().encrypt).unwrap();
            assert_eq!(raw.len(), 16 + (text.len() / 16 + 1) * 16, "IV plus PKCS#7-padded blocks");
            assert_eq!(decrypt("k3y", &body), text.as_bytes());
        }
        assert_ne!(encrypt_body("k", b"same"), encrypt_body("k", b"same"), "fresh IV each time");
    }

    /// Pinned against Python's `AESCipher` (lark_oapi/core/utils/decryptor.py) and `hashlib`.
    #[test]
    fn known_vectors() {
        let body = encrypt_with_iv("test key", &[7u8; 16], b"{\"challenge\":\"abc\"}");
        assert_eq!(body, r#"{"encrypt":"BwcHBwcHBwcHBwcHBwcHB4xAdRL1ZfXsxtKuKsHnkt0jSYoJgdMD9Qv3IV8+Nqg7"}"#);
        assert_eq!(
            signature("1700000000", "n0nce", "test key", b"{\"encrypt\":\"x\"}"),
            "0ed942375b5214f730db97c9e72745ea2dfbb6e93a6d1fcdf1b6901aca5dd283"
        );
    }
}
