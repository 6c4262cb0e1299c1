//! The authorize step (`GET /open-apis/authen/v1/authorize`): which app asks, where the browser
//! goes back to, and what the code will be bound to. Failures before the redirect URI is known to
//! be usable are shown on the page; later ones travel back to the app on the redirect.

use crate::error::{AuthError, Result};
use crate::model::{App, PkceChallenge, TenantStatus};
use crate::services::oauth::{pkce, scope};
use crate::store::Tx;

/// The longest redirect URI the authorize step takes.
pub const MAX_REDIRECT_URI_LEN: usize = 2048;

/// The authorize request as it arrives (query string or the login form's hidden fields).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuthorizeRequest {
    /// The current name of the app id …
    pub client_id: Option<String>,
    /// … and the legacy one (`/authen/v1/index`).
    pub app_id: Option<String>,
    pub redirect_uri: Option<String>,
    pub state: Option<String>,
    pub scope: Option<String>,
    pub code_challenge: Option<String>,
    pub code_challenge_method: Option<String>,
    pub response_type: Option<String>,
}

/// Where a code for this request may be sent: a known app and a usable redirect URI.
#[derive(Debug, Clone, PartialEq)]
pub struct Client {
    pub app: App,
    pub redirect_uri: String,
    pub state: Option<String>,
}

/// What the code will be bound to, once the request is fully valid.
#[derive(Debug, Clone, PartialEq)]
pub struct Grant {
    pub scope: String,
    pub pkce: Option<PkceChallenge>,
}

fn non_empty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The app id of the request: `client_id`, or the legacy `app_id`; both must agree if both come.
pub fn client_id(req: &AuthorizeRequest) -> Result<&str> {
    match (non_empty(&req.client_id), non_empty(&req.app_id)) {
        (Some(c), Some(a)) if c != a => {
            Err(AuthError::OAuthInvalidRequest("client_id and app_id name different apps".into()).into())
        }
        (Some(id), _) | (None, Some(id)) => Ok(id),
        (None, None) => Err(AuthError::OAuthMissingParam("client_id".into()).into()),
    }
}

/// An absolute `http`/`https` URL with a host and no fragment, of printable ASCII. Roster apps
/// register no redirect URLs, so any such URL is accepted; the code is bound to it exactly.
pub fn check_redirect_uri(uri: &str) -> Result<()> {
    let bad = |why: &str| Err(AuthError::OAuthBadRedirectUri(why.to_owned()).into());
    if uri.is_empty() {
        return bad("redirect_uri is required");
    }
    if uri.len() > MAX_REDIRECT_URI_LEN {
        return bad("redirect_uri is too long");
    }
    if !uri.bytes().all(|b| b.is_ascii_graphic()) {
        return bad("redirect_uri must be URL-encoded printable ASCII");
    }
    let lower = uri.to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")) else {
        return bad("redirect_uri must be an absolute http or https URL");
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..host_end];
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host.is_empty() || host.starts_with(':') {
        return bad("redirect_uri has no host");
    }
    if uri.contains('#') {
        return bad("redirect_uri must not carry a fragment");
    }
    Ok(())
}

/// The app the request names and its redirect URI: unknown apps are 20048, disabled apps (or a
/// dissolved tenant) 20009, and an unusable redirect URI is refused before anything redirects.
pub fn client(tx: &mut dyn Tx, req: &AuthorizeRequest) -> Result<Client> {
    let id = client_id(req)?;
    let app = tx.app_by_app_id(id)?.ok_or(AuthError::OAuthAppNotExist)?;
    let tenant_live = tx.tenant(app.tenant)?.is_some_and(|t| t.status != TenantStatus::Dissolved);
    if !app.enabled || !tenant_live {
        return Err(AuthError::OAuthAppUnavailable.into());
    }
    let redirect_uri = req.redirect_uri.as_deref().unwrap_or("").trim().to_owned();
    check_redirect_uri(&redirect_uri)?;
    Ok(Client { app, redirect_uri, state: req.state.clone().filter(|s| !s.is_empty()) })
}

/// The rest of the request: `response_type` (only `code`), the scope and the PKCE challenge.
pub fn grant(req: &AuthorizeRequest) -> Result<Grant> {
    if non_empty(&req.response_type).is_some_and(|t| t != "code") {
        return Err(AuthError::OAuthUnsupportedResponseType.into());
    }
    let pkce = pkce::parse_challenge(non_empty(&req.code_challenge), non_empty(&req.code_challenge_method))?;
    Ok(Grant { scope: scope::normalize(req.scope.as_deref())?, pkce })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn redirect_uris() {
        let long = format!("https://a.example/{}", "x".repeat(MAX_REDIRECT_URI_LEN));
        let cases = [
            ("https://app.example/callback", true),
            ("http://127.0.0.1:8000/cb?x=1", true),
            ("HTTP://LOCALHOST/cb", true),
            ("http://user@host.example/cb", true),
            ("", false),
            ("/relative/path", false),
            ("javascript:alert(1)", false),
            ("ftp://host.example/x", false),
            ("https:///nohost", false),
            ("http://:80/x", false),
            ("https://app.example/cb#frag", false),
            ("https://app.example/c b", false),
            ("https://app.example/\u{e9}", false),
            (long.as_str(), false),
        ];
        for (uri, ok) in cases {
            assert_eq!(check_redirect_uri(uri).is_ok(), ok, "{uri:?}");
        }
    }

    #[test]
    fn client_id_or_app_id() {
        let req = |c: Option<&str>, a: Option<&str>| AuthorizeRequest {
            client_id: c.map(Into::into),
            app_id: a.map(Into::into),
            ..Default::default()
        };
        assert_eq!(client_id(&req(Some("cli_a"), None)).unwrap(), "cli_a");
        assert_eq!(client_id(&req(None, Some("cli_a"))).unwrap(), "cli_a");
        assert_eq!(client_id(&req(Some("cli_a"), Some("cli_a"))).unwrap(), "cli_a");
        assert!(client_id(&req(Some("cli_a"), Some("cli_b"))).is_err());
        assert!(client_id(&req(Some(" "), None)).is_err());
    }

    #[test]
    fn grants() {
        let ok =
            AuthorizeRequest { scope: Some("b a b".into()), response_type: Some("code".into()), ..Default::default() };
        assert_eq!(grant(&ok).unwrap(), Grant { scope: "b a".into(), pkce: None });
        let token = AuthorizeRequest { response_type: Some("token".into()), ..Default::default() };
        assert_eq!(grant(&token), Err(Error::Auth(AuthError::OAuthUnsupportedResponseType)));
        let bad_pkce = AuthorizeRequest { code_challenge_method: Some("S256".into()), ..Default::default() };
        assert!(matches!(grant(&bad_pkce), Err(Error::Auth(AuthError::OAuthInvalidRequest(_)))));
    }
}
