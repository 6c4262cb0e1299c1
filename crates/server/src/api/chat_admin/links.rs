//! Share links: what a link leads to, following it (a user joins, or files a join request), and
//! its QR code as SVG or PNG.

use crate::api::im::share_url;
use crate::http::errors::ApiError;
use crate::http::extract::{AnyCaller, Path, UserCaller};
use crate::http::qr;
use crate::http::reply::Reply;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use roster_domain::services::chats::links;
use roster_domain::services::{Caller, Env};
use roster_proto::chat_admin as wire;

pub async fn info(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(token): Path<String>,
) -> Result<Reply<wire::LinkInfo>, ApiError> {
    let env = state.env();
    let (link, chat) = state.db.read(move |tx| links::open_link(tx, &env, &caller, &token)).await?;
    Ok(Reply(wire::LinkInfo {
        chat_id: state.env().chat_id(chat.id),
        name: chat.name,
        share_link: share_url(&state, &link.token),
        expire_time: link.expires_at.map_or(0, |t| t.secs()).to_string(),
        is_permanent: link.expires_at.is_none(),
        membership_approval: chat.options.membership_approval.as_str().into(),
    }))
}

pub async fn join(
    State(state): State<AppState>,
    UserCaller(caller): UserCaller,
    Path(token): Path<String>,
) -> Result<Reply<wire::JoinByLinkData>, ApiError> {
    let env = state.env();
    let (chat, outcome) = state.db.write(move |tx| links::join_by_link(tx, &env, &caller, &token)).await?;
    Ok(Reply(wire::JoinByLinkData { chat_id: state.env().chat_id(chat.id), status: outcome.as_str().into() }))
}

/// The link's URL, once the caller may see the link and it has not expired.
async fn link_url(state: &AppState, env: Env, caller: Caller, token: String) -> Result<String, ApiError> {
    let (link, _) = state.db.read(move |tx| links::open_link(tx, &env, &caller, &token)).await?;
    Ok(share_url(state, &link.token))
}

fn image(content_type: &'static str, body: Vec<u8>) -> Response {
    let mut resp = body.into_response();
    resp.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    resp
}

fn qr_failed(e: qr::QrError) -> ApiError {
    roster_domain::Error::Internal(e.0).into()
}

pub async fn qr_svg(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(token): Path<String>,
) -> Result<Response, ApiError> {
    let url = link_url(&state, state.env(), caller, token).await?;
    Ok(image("image/svg+xml", qr::svg(&url).map_err(qr_failed)?.into_bytes()))
}

pub async fn qr_png(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(token): Path<String>,
) -> Result<Response, ApiError> {
    let url = link_url(&state, state.env(), caller, token).await?;
    Ok(image("image/png", qr::png(&url).map_err(qr_failed)?))
}
