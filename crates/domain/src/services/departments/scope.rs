//! An app's contact scope, as the emulator sets it (`PATCH /_roster/v1/apps/{app_id}/contact_scope`):
//! the whole organization, or some departments and everything below them. Lark developers set
//! this in the developer console; tests need to set it too.

use crate::error::{Error, Result};
use crate::ids::{DepartmentIdType, DeptId};
use crate::model::{App, ContactScope, TokenKind};
use crate::services::ids::{self, Lookup};
use crate::services::{Caller, Env};
use crate::store::Tx;
use std::sync::Arc;

/// Sets the contact scope of the app `app_id`: `all`, or the departments `raws` name (in
/// `id_type`, in the app's own tenant). The caller invalidates cached tenant tokens afterwards.
pub fn set_contact_scope(
    tx: &mut dyn Tx,
    env: &Env,
    app_id: &str,
    all: bool,
    id_type: DepartmentIdType,
    raws: &[String],
) -> Result<App> {
    let mut app = tx.app_by_app_id(app_id)?.ok_or(Error::NotFound { what: "app" })?;
    let caller = Caller {
        app: Arc::new(app.clone()),
        tenant: app.tenant,
        user: None,
        token: TokenKind::Tenant,
        token_expires_at: env.now,
    };
    let mut departments: Vec<DeptId> = Vec::with_capacity(raws.len());
    let mut missing = Vec::new();
    for raw in raws {
        match ids::lookup_department(tx, env, &caller, id_type, raw)? {
            Lookup::Found(d) if !departments.contains(&d.id) => departments.push(d.id),
            Lookup::Found(_) => {}
            _ => missing.push(raw.clone()),
        }
    }
    if !missing.is_empty() {
        return Err(Error::DepartmentsNotExist { ids: missing });
    }
    app.contact_scope = ContactScope { all, departments: if all { vec![] } else { departments } };
    tx.update_app(&app)?;
    Ok(app)
}
