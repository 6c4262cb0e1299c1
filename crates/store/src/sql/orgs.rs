//! SQL for the orgs area (OrgRepo).

use super::SqlTx;
use roster_domain::store::OrgRepo;

impl OrgRepo for SqlTx<'_> {}
