-- OAuth (issue 2, §2.3): authorization codes (single use, 5 minutes, bound to the app, the
-- redirect URI and an optional PKCE challenge), sign-in tickets (an account that proved its
-- password and still has to choose a tenant), and the scope granted with each refresh token.
-- Times are Unix milliseconds; expired codes and tickets are purged a day after they expire.

CREATE TABLE oauth_codes (
    code TEXT PRIMARY KEY,
    app_id INTEGER NOT NULL,
    tenant_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    redirect_uri TEXT NOT NULL,
    scope TEXT NOT NULL,
    code_challenge TEXT,
    code_challenge_method TEXT,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);
CREATE INDEX oauth_codes_expiry ON oauth_codes (expires_at);

CREATE TABLE oauth_sign_in_tickets (
    ticket TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL,
    app_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);
CREATE INDEX oauth_sign_in_tickets_expiry ON oauth_sign_in_tickets (expires_at);

CREATE TABLE oauth_token_scopes (
    token TEXT PRIMARY KEY,
    scope TEXT NOT NULL
);
