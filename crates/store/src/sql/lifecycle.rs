//! SQL for the lifecycle area (LifecycleRepo).

use super::SqlTx;
use roster_domain::store::LifecycleRepo;

impl LifecycleRepo for SqlTx<'_> {}
