//! SQL for the meetings area (MeetingRepo).

use super::SqlTx;
use roster_domain::store::MeetingRepo;

impl MeetingRepo for SqlTx<'_> {}
