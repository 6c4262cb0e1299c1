//! `contact/v3/users` handlers: create and get here, bulk reads in `read`, changes in `write`.

pub mod read;
pub mod reply_cache;
pub mod write;

use super::convert::{ContactQuery, user_fields, user_to_wire};
use crate::http::errors::ApiError;
use crate::http::extract::{AnyCaller, Path, Query, TenantCaller, parse_json};
use crate::http::reply::{self, Reply};
use crate::state::AppState;
use axum::extract::State;
use axum::response::Response;
use bytes::Bytes;
use reply_cache::ReplyKey;
use roster_domain::model::TokenKind;
use roster_domain::services::users::{self, ClientToken};
use roster_proto::contact::{UserBody, UserData};
use sha2::{Digest, Sha256};

/// `client_token` with a fingerprint of the exact body it came with.
pub fn client_token(q: &ContactQuery, body: &[u8]) -> Option<ClientToken> {
    let token = q.client_token.clone().filter(|t| !t.is_empty())?;
    Some(ClientToken { token, fingerprint: hex::encode(Sha256::digest(body)) })
}

pub async fn create(
    State(state): State<AppState>,
    TenantCaller(caller): TenantCaller,
    Query(q): Query<ContactQuery>,
    body: Bytes,
) -> Result<Reply<UserData>, ApiError> {
    let ids = q.id_types()?;
    let fields = user_fields(parse_json::<UserBody>(&body)?);
    let ct = client_token(&q, &body);
    let env = state.env();
    let c = caller.clone();
    let view = state.db.write(move |tx| users::create_user(tx, &env, &c, ids, &fields, ct.as_ref())).await?;
    let mut user = user_to_wire(&state.env(), &caller.app, ids, &view);
    user.mobile = None; // the create response omits the mobile (spec §4.2)
    Ok(Reply(UserData { user }))
}

/// `GET /contact/v3/users/:user_id`. A tenant token's reply is kept in [`reply_cache`] until
/// the store's contact generation moves on.
pub async fn get(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(user_id): Path<String>,
    Query(q): Query<ContactQuery>,
) -> Result<Response, ApiError> {
    let ids = q.id_types()?;
    let cacheable = caller.token == TokenKind::Tenant;
    let generation = state.db.contact_generation().filter(|_| cacheable);
    let key = ReplyKey { tenant: caller.tenant, app: caller.app.id, ids, raw_id: user_id };
    if let Some(body) = generation.and_then(|g| state.user_replies.get(&key, g)) {
        return Ok(reply::json_bytes(body));
    }
    let env = state.env();
    let (c, raw) = (caller.clone(), key.raw_id.clone());
    let view = state.db.read(move |tx| users::get_user(tx, &env, &c, ids, &raw)).await?;
    let data = UserData { user: user_to_wire(&state.env(), &caller.app, ids, &view) };
    let body = Bytes::from(reply::envelope_bytes(&data)?);
    if let Some(g) = generation {
        state.user_replies.insert(key, g, body.clone());
    }
    Ok(reply::json_bytes(body))
}
