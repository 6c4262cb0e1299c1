//! OAuth scopes: the space-separated list the authorize step grants, and the narrowing a token
//! request may ask for. Roster records scopes and hands them back; it does not enforce them per
//! endpoint (its apps have no scope catalogue). Pure rules.

use crate::error::{AuthError, Error, Result};

/// The longest scope string the authorize step takes.
pub const MAX_SCOPE_LEN: usize = 4096;

/// The authorize step's `scope`: split on whitespace, duplicates dropped, order kept.
pub fn normalize(scope: Option<&str>) -> Result<String> {
    let raw = scope.unwrap_or("");
    if raw.len() > MAX_SCOPE_LEN {
        return Err(AuthError::OAuthInvalidRequest(format!("scope is longer than {MAX_SCOPE_LEN} characters")).into());
    }
    let mut out: Vec<&str> = Vec::new();
    for s in raw.split_whitespace() {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    Ok(out.join(" "))
}

/// A token request's `scope` narrows what was granted: none means all of it; a repeated entry is
/// 20067 and one that was not granted is 20068.
pub fn narrow(granted: &str, requested: Option<&str>) -> Result<String> {
    let Some(requested) = requested.filter(|r| !r.trim().is_empty()) else { return Ok(granted.to_owned()) };
    let granted: Vec<&str> = granted.split_whitespace().collect();
    let mut out: Vec<&str> = Vec::new();
    for s in requested.split_whitespace() {
        if out.contains(&s) {
            return Err(Error::from(AuthError::OAuthDuplicateScope));
        }
        if !granted.contains(&s) {
            return Err(Error::from(AuthError::OAuthScopeNotGranted));
        }
        out.push(s);
    }
    Ok(out.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizing() {
        let cases = [
            (None, ""),
            (Some(""), ""),
            (Some("  a   b a\tc "), "a b c"),
            (Some("contact:user.base:readonly offline_access"), "contact:user.base:readonly offline_access"),
        ];
        for (input, want) in cases {
            assert_eq!(normalize(input).unwrap(), want, "{input:?}");
        }
        assert!(normalize(Some(&"x".repeat(MAX_SCOPE_LEN + 1))).is_err());
    }

    #[test]
    fn narrowing() {
        let granted = "a b c";
        let cases: &[(Option<&str>, Result<&str, AuthError>)] = &[
            (None, Ok("a b c")),
            (Some(" "), Ok("a b c")),
            (Some("b"), Ok("b")),
            (Some("c a"), Ok("c a")),
            (Some("a a"), Err(AuthError::OAuthDuplicateScope)),
            (Some("a d"), Err(AuthError::OAuthScopeNotGranted)),
        ];
        for (requested, want) in cases {
            let got = narrow(granted, *requested).map_err(|e| match e {
                Error::Auth(a) => a,
                other => panic!("{other:?}"),
            });
            assert_eq!(got, want.clone().map(str::to_owned), "{requested:?}");
        }
        assert_eq!(narrow("", None).unwrap(), "");
        assert!(narrow("", Some("a")).is_err());
    }
}
