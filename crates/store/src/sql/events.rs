//! SQL for the events area (EventRepo).

use super::SqlTx;
use roster_domain::store::EventRepo;

impl EventRepo for SqlTx<'_> {}
