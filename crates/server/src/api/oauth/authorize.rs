//! The authorize endpoint and its login page: `GET /open-apis/authen/v1/authorize` (and the
//! legacy `/authen/v1/index`) shows the sign-in form; `POST /open-apis/authen/v1/authorize` takes
//! it, then the tenant choice, and ends in a redirect to the app with `code` and `state` (or
//! `error`). The form is CSRF-safe: a random token in a `SameSite=Strict`, `HttpOnly` cookie
//! must come back in the form (double submit).

use crate::api::oauth::page::{self, Carried};
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use roster_domain::error::{AuthError, Error};
use roster_domain::ids::AccountId;
use roster_domain::services::accounts;
use roster_domain::services::auth::random_token;
use roster_domain::services::oauth::authorize::{self, AuthorizeRequest, Client, Grant};
use roster_domain::services::oauth::pkce::constant_time_eq;
use roster_domain::services::oauth::sign_in::{self, IssuedCode, SignIn};
use roster_proto::auth::{AuthorizeForm, AuthorizeQuery};

pub const CSRF_COOKIE: &str = "roster_oauth_csrf";

fn request_of(q: &AuthorizeQuery) -> AuthorizeRequest {
    AuthorizeRequest {
        client_id: q.client_id.clone(),
        app_id: q.app_id.clone(),
        redirect_uri: q.redirect_uri.clone(),
        state: q.state.clone(),
        scope: q.scope.clone(),
        code_challenge: q.code_challenge.clone(),
        code_challenge_method: q.code_challenge_method.clone(),
        response_type: q.response_type.clone(),
    }
}

/// `redirect_uri` with `params` appended to its query string.
pub fn redirect_to(redirect_uri: &str, params: &[(&str, &str)]) -> Response {
    let query = serde_html_form::to_string(params).unwrap_or_default();
    let sep = match redirect_uri.find('?') {
        None => "?",
        Some(_) if redirect_uri.ends_with('?') || redirect_uri.ends_with('&') => "",
        Some(_) => "&",
    };
    let location = format!("{redirect_uri}{sep}{query}");
    let mut resp = StatusCode::FOUND.into_response();
    match HeaderValue::from_str(&location) {
        Ok(v) => {
            resp.headers_mut().insert(header::LOCATION, v);
            resp.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            resp
        }
        Err(_) => page::html(
            StatusCode::BAD_REQUEST,
            page::error("Cannot return to the app", "The app's redirect_uri cannot carry the result.", None),
        ),
    }
}

/// Sends the browser back to the app with an OAuth error (RFC 6749 §4.1.2.1).
fn redirect_error(client: &Client, error: &str, description: &str) -> Response {
    let mut params = vec![("error", error), ("error_description", description)];
    if let Some(state) = &client.state {
        params.push(("state", state));
    }
    redirect_to(&client.redirect_uri, &params)
}

fn redirect_code(client: &Client, issued: &IssuedCode) -> Response {
    let mut params = vec![("code", issued.code.as_str())];
    if let Some(state) = &client.state {
        params.push(("state", state));
    }
    redirect_to(&client.redirect_uri, &params)
}

/// The OAuth `error` of a request problem found once the redirect URI is trusted.
fn grant_error(client: &Client, e: &Error) -> Response {
    match e {
        Error::Auth(AuthError::OAuthUnsupportedResponseType) => {
            redirect_error(client, "unsupported_response_type", "response_type must be code")
        }
        Error::Auth(AuthError::OAuthInvalidRequest(why)) => redirect_error(client, "invalid_request", why),
        other => internal(other),
    }
}

fn internal(e: &Error) -> Response {
    tracing::error!("the login page failed: {e}");
    page::html(
        StatusCode::INTERNAL_SERVER_ERROR,
        page::error("Something went wrong", "Roster could not finish this step. Try again in a moment.", None),
    )
}

/// The page for a request that cannot go back to any app: unknown app, unusable redirect URI.
fn client_error(e: &Error) -> Response {
    let message = match e {
        Error::Auth(AuthError::OAuthMissingParam(field)) => format!("The request has no {field}."),
        Error::Auth(AuthError::OAuthInvalidRequest(why)) => format!("The request is invalid: {why}."),
        Error::Auth(AuthError::OAuthAppNotExist) => "No app has this client_id.".to_owned(),
        Error::Auth(AuthError::OAuthAppUnavailable) => "This app is disabled.".to_owned(),
        Error::Auth(AuthError::OAuthBadRedirectUri(why)) => format!("The app's redirect_uri is unusable: {why}."),
        other => return internal(other),
    };
    page::html(StatusCode::BAD_REQUEST, page::error("This sign-in link does not work", &message, None))
}

/// What the page says when signing in is refused.
fn refusal_text(e: &AuthError, app_name: &str) -> String {
    match e {
        AuthError::BadCredentials => "The email, mobile or password is wrong.".to_owned(),
        AuthError::OAuthUserUnavailable => {
            format!("Your account is frozen or has left the organization {app_name} belongs to. Ask its admin.")
        }
        AuthError::SignInNoTenant | AuthError::SignInTenantNotOffered => {
            format!("{app_name} is not available in your organizations.")
        }
        AuthError::SignInExpired => "This sign-in took too long. Sign in again.".to_owned(),
        other => format!("{other:?}"),
    }
}

fn refusal_status(e: &AuthError) -> StatusCode {
    match e {
        AuthError::BadCredentials => StatusCode::UNAUTHORIZED,
        _ => StatusCode::FORBIDDEN,
    }
}

fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == CSRF_COOKIE)
        .map(|(_, value)| value.to_owned())
        .filter(|v| v.len() == 40 && v.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn set_cookie(state: &AppState, token: &str) -> HeaderValue {
    let secure = if state.public_url.starts_with("https://") { "; Secure" } else { "" };
    let value =
        format!("{CSRF_COOKIE}={token}; Path=/open-apis/authen/v1; HttpOnly; SameSite=Strict; Max-Age=3600{secure}");
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static(""))
}

fn carried(client: &Client, grant: &Grant, csrf_token: &str) -> Carried {
    Carried {
        client_id: client.app.app_id.clone(),
        redirect_uri: client.redirect_uri.clone(),
        state: client.state.clone(),
        scope: grant.scope.clone(),
        code_challenge: grant.pkce.as_ref().map(|p| p.challenge.clone()),
        code_challenge_method: grant.pkce.as_ref().map(|p| p.method.as_str().to_owned()),
        csrf_token: csrf_token.to_owned(),
    }
}

/// `GET /open-apis/authen/v1/authorize` (and `/index`): the sign-in form.
pub async fn show(State(state): State<AppState>, headers: HeaderMap, raw: axum::http::Uri) -> Response {
    let q: AuthorizeQuery = match serde_html_form::from_str(raw.query().unwrap_or("")) {
        Ok(q) => q,
        Err(e) => {
            let msg = format!("The query string is malformed: {e}.");
            return page::html(StatusCode::BAD_REQUEST, page::error("This sign-in link does not work", &msg, None));
        }
    };
    let req = request_of(&q);
    let r = req.clone();
    let client = match state.db.read(move |tx| authorize::client(tx, &r)).await {
        Ok(c) => c,
        Err(e) => return client_error(&e),
    };
    let grant = match authorize::grant(&req) {
        Ok(g) => g,
        Err(e) => return grant_error(&client, &e),
    };
    let token = cookie_token(&headers).unwrap_or_else(|| random_token(""));
    let body = page::sign_in(&client.app.name, &carried(&client, &grant, &token), "", None);
    let mut resp = page::html(StatusCode::OK, body);
    resp.headers_mut().insert(header::SET_COOKIE, set_cookie(&state, &token));
    resp
}

/// The authorize URL that starts this request again (for an expired form).
fn restart_url(client: &Client, grant: &Grant) -> String {
    let mut params = vec![
        ("client_id", client.app.app_id.as_str()),
        ("redirect_uri", client.redirect_uri.as_str()),
        ("response_type", "code"),
    ];
    if let Some(s) = &client.state {
        params.push(("state", s));
    }
    if !grant.scope.is_empty() {
        params.push(("scope", &grant.scope));
    }
    if let Some(p) = &grant.pkce {
        params.push(("code_challenge", &p.challenge));
        params.push(("code_challenge_method", p.method.as_str()));
    }
    format!("authorize?{}", serde_html_form::to_string(&params).unwrap_or_default())
}

/// `POST /open-apis/authen/v1/authorize`: the sign-in form, the tenant choice, or Cancel.
pub async fn submit(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let form: AuthorizeForm = match serde_html_form::from_bytes(&body) {
        Ok(f) => f,
        Err(e) => {
            let msg = format!("The form is malformed: {e}.");
            return page::html(StatusCode::BAD_REQUEST, page::error("This sign-in link does not work", &msg, None));
        }
    };
    let req = request_of(&form.request);
    let r = req.clone();
    let client = match state.db.read(move |tx| authorize::client(tx, &r)).await {
        Ok(c) => c,
        Err(e) => return client_error(&e),
    };
    let grant = match authorize::grant(&req) {
        Ok(g) => g,
        Err(e) => return grant_error(&client, &e),
    };
    let sent = form.csrf_token.as_deref().unwrap_or("");
    let csrf_ok = cookie_token(&headers).is_some_and(|c| constant_time_eq(c.as_bytes(), sent.as_bytes()));
    if !csrf_ok {
        let msg = "This sign-in form expired or did not come from Roster. Start again.";
        let page = page::error("Sign-in form expired", msg, Some(&restart_url(&client, &grant)));
        return page::html(StatusCode::FORBIDDEN, page);
    }
    let carried = carried(&client, &grant, sent);
    match form.action.as_deref() {
        Some("deny") => redirect_error(&client, "access_denied", "the user declined to sign in"),
        Some("choose") => choose(&state, client, grant, carried, &form).await,
        _ => sign_in(&state, client, grant, carried, &form).await,
    }
}

/// Checks the password off the async workers (argon2 takes tens of milliseconds).
async fn verify_password(state: &AppState, login: String, password: String) -> Result<AccountId, Error> {
    let db = state.db.clone();
    let handle = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || {
        handle.block_on(db.read(move |tx| accounts::verify_password(tx, &login, &password).map(|a| a.id)))
    })
    .await
    .unwrap_or_else(|e| Err(Error::Internal(format!("password check failed: {e}"))))
}

async fn sign_in(state: &AppState, client: Client, grant: Grant, carried: Carried, form: &AuthorizeForm) -> Response {
    let login = form.login.as_deref().unwrap_or("").trim().to_owned();
    let password = form.password.clone().unwrap_or_default();
    let app_name = client.app.name.clone();
    let refuse = |e: &AuthError, carried: &Carried, login: &str| {
        let body = page::sign_in(&app_name, carried, login, Some(&refusal_text(e, &app_name)));
        page::html(refusal_status(e), body)
    };
    if login.is_empty() || password.is_empty() {
        let body = page::sign_in(&app_name, &carried, &login, Some("Enter your email or mobile and your password."));
        return page::html(StatusCode::BAD_REQUEST, body);
    }
    let account = match verify_password(state, login.clone(), password).await {
        Ok(a) => a,
        Err(Error::Auth(e)) => return refuse(&e, &carried, &login),
        Err(e) => return internal(&e),
    };
    let env = state.env();
    let (c, g) = (client.clone(), grant.clone());
    match state.db.write(move |tx| sign_in::sign_in(tx, &env, &c, &g, account)).await {
        Ok(SignIn::Granted(issued)) => redirect_code(&client, &issued),
        Ok(SignIn::Choose { ticket, choices }) => {
            page::html(StatusCode::OK, page::choose(&app_name, &carried, &ticket, &choices, None))
        }
        Err(Error::Auth(e)) if sign_in::is_sign_in_refusal(&e) => refuse(&e, &carried, &login),
        Err(e) => internal(&e),
    }
}

async fn choose(state: &AppState, client: Client, grant: Grant, carried: Carried, form: &AuthorizeForm) -> Response {
    let ticket = form.ticket.clone().unwrap_or_default();
    let tenant_key = form.tenant_key.clone().unwrap_or_default();
    let app_name = client.app.name.clone();
    let env = state.env();
    let (c, g, t) = (client.clone(), grant.clone(), ticket.clone());
    let result = state.db.write(move |tx| sign_in::choose_tenant(tx, &env, &c, &g, &t, &tenant_key)).await;
    match result {
        Ok(issued) => redirect_code(&client, &issued),
        Err(Error::Auth(AuthError::SignInTenantNotOffered)) => {
            let env = state.env();
            let app = client.app.clone();
            let t = ticket.clone();
            match state.db.read(move |tx| sign_in::ticket_choices(tx, &env, &app, &t)).await {
                Ok(choices) => {
                    let msg = refusal_text(&AuthError::SignInTenantNotOffered, &app_name);
                    page::html(StatusCode::FORBIDDEN, page::choose(&app_name, &carried, &ticket, &choices, Some(&msg)))
                }
                Err(Error::Auth(e)) => page::html(
                    refusal_status(&e),
                    page::sign_in(&app_name, &carried, "", Some(&refusal_text(&e, &app_name))),
                ),
                Err(e) => internal(&e),
            }
        }
        Err(Error::Auth(e)) if sign_in::is_sign_in_refusal(&e) => {
            page::html(refusal_status(&e), page::sign_in(&app_name, &carried, "", Some(&refusal_text(&e, &app_name))))
        }
        Err(e) => internal(&e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirects_keep_the_apps_query() {
        let loc = |uri: &str| {
            let r = redirect_to(uri, &[("code", "abc"), ("state", "x y&z")]);
            r.headers()[header::LOCATION].to_str().unwrap().to_owned()
        };
        assert_eq!(loc("https://a/cb"), "https://a/cb?code=abc&state=x+y%26z");
        assert_eq!(loc("https://a/cb?k=v"), "https://a/cb?k=v&code=abc&state=x+y%26z");
        assert_eq!(loc("https://a/cb?"), "https://a/cb?code=abc&state=x+y%26z");
    }

    #[test]
    fn the_csrf_cookie_is_read_among_others() {
        let mut h = HeaderMap::new();
        let token = "a".repeat(40);
        h.insert(header::COOKIE, HeaderValue::from_str(&format!("x=1; {CSRF_COOKIE}={token}; y=2")).unwrap());
        assert_eq!(cookie_token(&h).as_deref(), Some(token.as_str()));
        h.insert(header::COOKIE, HeaderValue::from_static("roster_oauth_csrf=short"));
        assert_eq!(cookie_token(&h), None);
    }
}
