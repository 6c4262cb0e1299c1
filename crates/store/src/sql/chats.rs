//! SQL for the chats area (ChatRepo).

use super::SqlTx;
use roster_domain::store::ChatRepo;

impl ChatRepo for SqlTx<'_> {}
