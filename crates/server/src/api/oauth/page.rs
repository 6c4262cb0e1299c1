//! The login page's HTML: the sign-in form, the tenant choice and the error page. Server-rendered,
//! no JavaScript; every value is escaped, and every form carries the authorize request in hidden
//! fields plus the CSRF token.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use roster_domain::services::oauth::sign_in::TenantChoice;

/// The authorize request, carried from step to step in hidden fields.
#[derive(Debug, Clone, Default)]
pub struct Carried {
    pub client_id: String,
    pub redirect_uri: String,
    pub state: Option<String>,
    pub scope: String,
    pub code_challenge: Option<String>,
    pub code_challenge_method: Option<String>,
    pub csrf_token: String,
}

/// Escapes text for HTML element content and double-quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn hidden(name: &str, value: &str) -> String {
    format!(r#"<input type="hidden" name="{}" value="{}">"#, escape(name), escape(value))
}

fn carried_fields(c: &Carried) -> String {
    let mut out = vec![
        hidden("client_id", &c.client_id),
        hidden("redirect_uri", &c.redirect_uri),
        hidden("scope", &c.scope),
        hidden("csrf_token", &c.csrf_token),
    ];
    if let Some(s) = &c.state {
        out.push(hidden("state", s));
    }
    if let Some(s) = &c.code_challenge {
        out.push(hidden("code_challenge", s));
    }
    if let Some(s) = &c.code_challenge_method {
        out.push(hidden("code_challenge_method", s));
    }
    out.concat()
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;background:#f5f6f7;margin:0}\
main{max-width:380px;margin:64px auto;background:#fff;border-radius:8px;padding:32px;box-shadow:0 1px 4px #0002}\
h1{font-size:20px;margin:0 0 4px}p.sub{color:#646a73;margin:0 0 24px}\
label{display:block;font-size:14px;margin:16px 0 4px}\
input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:8px;font-size:15px}\
button{margin-top:20px;padding:8px 16px;font-size:15px;cursor:pointer}\
button.primary{background:#3370ff;color:#fff;border:0;border-radius:4px}\
.error{background:#fef0f0;color:#d83931;padding:8px 12px;border-radius:4px;margin-bottom:12px}\
ul{list-style:none;padding:0}li{margin:8px 0}li.off{color:#8f959e}";

fn document(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{} · Roster</title><style>{STYLE}</style></head><body><main>{body}</main></body></html>",
        escape(title)
    )
}

fn error_banner(error: Option<&str>) -> String {
    error.map(|e| format!(r#"<p class="error" role="alert">{}</p>"#, escape(e))).unwrap_or_default()
}

/// What signing in grants the app, when it asked for scopes.
fn asks(scope: &str) -> String {
    if scope.is_empty() {
        return String::new();
    }
    let items: Vec<String> = scope.split(' ').map(|s| format!("<code>{}</code>", escape(s))).collect();
    format!(r#"<p class="sub">It asks for: {}</p>"#, items.join(", "))
}

/// The sign-in form: email or mobile, password, and a way to decline.
pub fn sign_in(app_name: &str, carried: &Carried, login: &str, error: Option<&str>) -> String {
    let body = format!(
        r#"<h1>Sign in to {app}</h1><p class="sub">with your Roster account</p>{asks}{banner}
<form method="post" action="authorize">{fields}
<label for="login">Email or mobile</label><input type="text" id="login" name="login" value="{login}" autocomplete="username" required autofocus>
<label for="password">Password</label><input type="password" id="password" name="password" autocomplete="current-password" required>
<button class="primary" type="submit" name="action" value="sign_in">Sign in and authorize</button>
<button type="submit" name="action" value="deny" formnovalidate>Cancel</button>
</form>"#,
        app = escape(app_name),
        asks = asks(&carried.scope),
        banner = error_banner(error),
        fields = carried_fields(carried),
        login = escape(login),
    );
    document(&format!("Sign in to {app_name}"), &body)
}

/// The tenant choice: one button per tenant where the app lives; the account's other tenants are
/// listed as unavailable.
pub fn choose(
    app_name: &str,
    carried: &Carried,
    ticket: &str,
    choices: &[TenantChoice],
    error: Option<&str>,
) -> String {
    let items: String = choices
        .iter()
        .map(|c| {
            if c.offered {
                format!(
                    r#"<li><button type="submit" name="tenant_key" value="{key}">{tenant}</button> as {user}</li>"#,
                    key = escape(&c.tenant_key),
                    tenant = escape(&c.tenant_name),
                    user = escape(&c.user_name),
                )
            } else {
                format!(
                    r#"<li class="off">{tenant}: {app} is not available in this organization</li>"#,
                    tenant = escape(&c.tenant_name),
                    app = escape(app_name),
                )
            }
        })
        .collect();
    let body = format!(
        r#"<h1>Choose an organization</h1><p class="sub">Your account belongs to several organizations. Which one signs in to {app}?</p>{banner}
<form method="post" action="authorize">{fields}{ticket}{action}<ul>{items}</ul></form>
<form method="post" action="authorize">{fields}<button type="submit" name="action" value="deny">Cancel</button></form>"#,
        app = escape(app_name),
        banner = error_banner(error),
        fields = carried_fields(carried),
        ticket = hidden("ticket", ticket),
        action = hidden("action", "choose"),
    );
    document("Choose an organization", &body)
}

/// A page that ends the flow here (no usable app or redirect URI, an expired form).
pub fn error(title: &str, message: &str, retry: Option<&str>) -> String {
    let retry = retry.map(|href| format!(r#"<p><a href="{}">Start again</a></p>"#, escape(href))).unwrap_or_default();
    let body = format!(r#"<h1>{}</h1><p class="error" role="alert">{}</p>{retry}"#, escape(title), escape(message));
    document(title, &body)
}

/// An HTML response that is never cached or framed (the page takes passwords).
pub fn html(status: StatusCode, body: String) -> Response {
    let mut resp = (status, body).into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"),
    );
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped() {
        assert_eq!(escape(r#"<a href="x">'&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        let carried = Carried {
            client_id: "cli_1".into(),
            redirect_uri: "https://x/cb?a=1&b=\"2\"".into(),
            state: Some("<script>".into()),
            csrf_token: "tok".into(),
            ..Default::default()
        };
        let page = sign_in("App <b>", &carried, "\"bob", Some("wrong <password>"));
        assert!(!page.contains("<script>"), "{page}");
        assert!(!page.contains("App <b>"), "{page}");
        assert!(page.contains(r#"name="redirect_uri" value="https://x/cb?a=1&amp;b=&quot;2&quot;""#), "{page}");
        assert!(page.contains(r#"name="state" value="&lt;script&gt;""#), "{page}");
        assert!(page.contains(r#"name="csrf_token" value="tok""#), "{page}");
        assert!(page.contains("wrong &lt;password&gt;"), "{page}");
        let scoped = Carried { scope: "contact:user.base:readonly <x>".into(), ..Default::default() };
        let page = sign_in("App", &scoped, "", None);
        assert!(
            page.contains("It asks for: <code>contact:user.base:readonly</code>, <code>&lt;x&gt;</code>"),
            "{page}"
        );
    }

    #[test]
    fn the_choice_offers_only_tenants_where_the_app_lives() {
        let choices = vec![
            TenantChoice { tenant_key: "k1".into(), tenant_name: "Acme".into(), user_name: "Al".into(), offered: true },
            TenantChoice {
                tenant_key: "k2".into(),
                tenant_name: "Beta".into(),
                user_name: "Al".into(),
                offered: false,
            },
        ];
        let page = choose("App", &Carried::default(), "tk", &choices, None);
        assert!(page.contains(r#"name="tenant_key" value="k1""#), "{page}");
        assert!(!page.contains(r#"value="k2""#), "{page}");
        assert!(page.contains("Beta: App is not available"), "{page}");
        assert!(page.contains(r#"name="ticket" value="tk""#), "{page}");
    }
}
