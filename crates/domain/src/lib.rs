//! Roster's model and rules: typed ids, entities, the Store and Clock ports, and the use-case
//! services. Nothing here knows HTTP, SQL or Lark's JSON; the server maps in and out of it.

pub mod clock;
pub mod codec;
pub mod error;
pub mod events;
pub mod ids;
pub mod model;
pub mod password;
pub mod services;
pub mod settings;
pub mod store;

pub use clock::{Clock, Timestamp};
pub use error::{Error, Result};
