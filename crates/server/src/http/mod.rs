//! HTTP plumbing shared by every endpoint: replies and errors in Lark's envelope, extractors that
//! keep that envelope on bad input, authentication, rate limits, middleware and the listener.

pub mod authcache;
pub mod errors;
pub mod extract;
pub mod logid;
pub mod middleware;
pub mod qr;
pub mod ratelimit;
pub mod reply;
pub mod serve;
