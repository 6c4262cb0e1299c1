//! PKCE (RFC 7636): which challenges the authorize step accepts and whether a token request's
//! `code_verifier` answers the challenge its code was issued under. Pure rules.

use crate::error::{AuthError, Error, Result};
use crate::model::{PkceChallenge, PkceMethod};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// RFC 7636 §4.1: 43-128 characters of `[A-Za-z0-9-._~]`. Plain challenges follow the same rule.
fn is_verifier_shaped(s: &str) -> bool {
    (43..=128).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
}

/// An S256 challenge is an unpadded base64url SHA-256 digest: exactly 43 characters.
fn is_s256_shaped(s: &str) -> bool {
    s.len() == 43 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Validates the authorize step's `code_challenge` and `code_challenge_method`. No challenge
/// means no PKCE; a challenge without a method is `plain` (RFC 7636 §4.3).
pub fn parse_challenge(challenge: Option<&str>, method: Option<&str>) -> Result<Option<PkceChallenge>> {
    let invalid = |why: &str| Error::from(AuthError::OAuthInvalidRequest(why.to_owned()));
    let challenge = challenge.filter(|c| !c.is_empty());
    let method = method.filter(|m| !m.is_empty());
    let Some(challenge) = challenge else {
        return match method {
            Some(_) => Err(invalid("code_challenge_method was given without a code_challenge")),
            None => Ok(None),
        };
    };
    let method = match method {
        None => PkceMethod::Plain,
        Some(m) => PkceMethod::parse(m).ok_or_else(|| invalid("code_challenge_method must be S256 or plain"))?,
    };
    let shaped = match method {
        PkceMethod::S256 => is_s256_shaped(challenge),
        PkceMethod::Plain => is_verifier_shaped(challenge),
    };
    if !shaped {
        return Err(invalid(match method {
            PkceMethod::S256 => "an S256 code_challenge is 43 characters of base64url",
            PkceMethod::Plain => "a plain code_challenge is 43-128 characters of [A-Za-z0-9-._~]",
        }));
    }
    Ok(Some(PkceChallenge { method, challenge: challenge.to_owned() }))
}

/// `BASE64URL(SHA256(verifier))`, the S256 transform.
pub fn s256(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// Checks a token request's `code_verifier` against the code's challenge (20049 on failure). A
/// code issued without PKCE must be redeemed without a verifier, and one issued with PKCE with one.
pub fn verify(challenge: Option<&PkceChallenge>, verifier: Option<&str>) -> Result<()> {
    let failed = |why: &str| Error::from(AuthError::OAuthPkceFailed(why.to_owned()));
    let verifier = verifier.filter(|v| !v.is_empty());
    match (challenge, verifier) {
        (None, None) => Ok(()),
        (None, Some(_)) => Err(failed("the code was issued without a code_challenge")),
        (Some(_), None) => Err(failed("code_verifier is required for this code")),
        (Some(_), Some(v)) if !is_verifier_shaped(v) => {
            Err(failed("code_verifier must be 43-128 characters of [A-Za-z0-9-._~]"))
        }
        (Some(c), Some(v)) => {
            let derived = match c.method {
                PkceMethod::S256 => s256(v),
                PkceMethod::Plain => v.to_owned(),
            };
            if constant_time_eq(derived.as_bytes(), c.challenge.as_bytes()) {
                Ok(())
            } else {
                Err(failed("code_verifier does not match the code_challenge"))
            }
        }
    }
}

/// Compares secrets without an early exit on the first differing byte.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 7636 Appendix B.
    const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    fn pkce(method: PkceMethod, challenge: &str) -> PkceChallenge {
        PkceChallenge { method, challenge: challenge.into() }
    }

    #[test]
    fn s256_matches_the_rfc_example() {
        assert_eq!(s256(VERIFIER), CHALLENGE);
    }

    #[test]
    fn challenges_the_authorize_step_accepts() {
        let long = "a".repeat(129);
        // (challenge, method, the method it yields or Err when refused)
        type Case<'a> = (Option<&'a str>, Option<&'a str>, Result<Option<PkceMethod>, ()>);
        let cases: &[Case] = &[
            (None, None, Ok(None)),
            (Some(""), Some(""), Ok(None)),
            (Some(CHALLENGE), Some("S256"), Ok(Some(PkceMethod::S256))),
            (Some(VERIFIER), None, Ok(Some(PkceMethod::Plain))),
            (Some(VERIFIER), Some("plain"), Ok(Some(PkceMethod::Plain))),
            (None, Some("S256"), Err(())),
            (Some(CHALLENGE), Some("s256"), Err(())),
            (Some(CHALLENGE), Some("MD5"), Err(())),
            (Some("short"), Some("S256"), Err(())),
            (Some("short"), Some("plain"), Err(())),
            (Some(&long), Some("plain"), Err(())),
            (Some("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM"), Some("S256"), Err(())),
        ];
        for (challenge, method, want) in cases {
            let got = parse_challenge(*challenge, *method).map(|p| p.map(|p| p.method)).map_err(|_| ());
            assert_eq!(&got, want, "{challenge:?} {method:?}");
        }
    }

    #[test]
    fn verifiers_against_challenges() {
        let s = pkce(PkceMethod::S256, CHALLENGE);
        let p = pkce(PkceMethod::Plain, VERIFIER);
        let other = "x".repeat(43);
        let cases: &[(Option<&PkceChallenge>, Option<&str>, bool)] = &[
            (None, None, true),
            (None, Some(""), true),
            (None, Some(VERIFIER), false),
            (Some(&s), Some(VERIFIER), true),
            (Some(&s), Some(CHALLENGE), false),
            (Some(&s), None, false),
            (Some(&s), Some(&other), false),
            (Some(&s), Some("bad verifier with spaces and long enough to pass length"), false),
            (Some(&p), Some(VERIFIER), true),
            (Some(&p), Some(&other), false),
        ];
        for (challenge, verifier, ok) in cases {
            let got = verify(*challenge, *verifier);
            assert_eq!(got.is_ok(), *ok, "{challenge:?} {verifier:?}: {got:?}");
            if let Err(e) = got {
                assert!(matches!(e, Error::Auth(AuthError::OAuthPkceFailed(_))), "{e:?}");
            }
        }
    }
}
