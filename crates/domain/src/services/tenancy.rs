//! Provisioning a tenant: its developer, root department, self-built app and first admin (the
//! creator). Used by `--demo`, by the emulator's `POST /_roster/v1/tenants` and by the CLI.

use crate::error::{Error, Result};
use crate::model::{
    App, ContactScope, Department, I18nNames, NewAccount, NewApp, NewDepartment, NewTenant, NewUser,
    ROOT_DEPARTMENT_ID, Tenant, User, UserDepartment, UserStatus,
};
use crate::password;
use crate::services::Env;
use crate::store::Tx;

/// Everything needed to make a tenant; `None` fields are generated.
#[derive(Debug, Clone, Default)]
pub struct TenantSpec {
    pub name: String,
    pub tenant_key: Option<String>,
    pub mail_domain: Option<String>,
    pub app_id: Option<String>,
    pub app_secret: Option<String>,
    pub verification_token: Option<String>,
    pub encrypt_key: Option<String>,
    pub admin: AdminSpec,
}

#[derive(Debug, Clone, Default)]
pub struct AdminSpec {
    pub name: String,
    pub email: Option<String>,
    pub mobile: Option<String>,
    pub user_id: Option<String>,
    /// Plain password (hashed here) …
    pub password: Option<String>,
    /// … or an already computed argon2 hash, to share one hash across many seeded accounts.
    pub password_hash: Option<String>,
}

/// A freshly provisioned (or, for the demo, found) tenant.
#[derive(Debug, Clone)]
pub struct Provisioned {
    pub tenant: Tenant,
    pub app: App,
    pub admin: User,
    pub root: Department,
}

pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::fill(&mut buf[..]);
    hex::encode(buf)
}

/// Creates the tenant and everything it needs to be used through the Open API at once.
pub fn provision_tenant(tx: &mut dyn Tx, env: &Env, spec: &TenantSpec) -> Result<Provisioned> {
    let name = spec.name.trim();
    if name.is_empty() || name.chars().count() > 255 {
        return Err(Error::invalid("name", "a tenant needs a name of 1-255 characters"));
    }
    let tenant_key = spec.tenant_key.clone().unwrap_or_else(|| random_hex(8));
    if tx.tenant_by_key(&tenant_key)?.is_some() {
        return Err(Error::invalid("tenant_key", "already in use"));
    }
    let mail_domain = spec.mail_domain.clone().unwrap_or_else(|| format!("{}.roster.local", &tenant_key[..8]));
    let tenant_id = tx.insert_tenant(&NewTenant {
        tenant_key: tenant_key.clone(),
        name: name.to_owned(),
        mail_domain,
        created_at: env.now,
    })?;
    let root_id = tx.insert_department(&NewDepartment {
        tenant: tenant_id,
        department_id: ROOT_DEPARTMENT_ID.to_owned(),
        parent: None,
        name: name.to_owned(),
        i18n: I18nNames::default(),
        leader: None,
        leaders: vec![],
        order: 0,
        unit_ids: vec![],
        group_chat_employee_types: vec![],
        created_at: env.now,
    })?;
    let developer = tx.insert_developer(&format!("{name} developers"), env.now)?;
    let app_id = tx.insert_app(&NewApp {
        tenant: tenant_id,
        developer,
        app_id: spec.app_id.clone().unwrap_or_else(|| format!("cli_{}", random_hex(8))),
        app_secret: spec.app_secret.clone().unwrap_or_else(|| random_hex(16)),
        name: format!("{name} app"),
        bot_enabled: true,
        verification_token: spec.verification_token.clone().unwrap_or_else(|| random_hex(16)),
        encrypt_key: spec.encrypt_key.clone().unwrap_or_else(|| random_hex(16)),
        contact_scope: ContactScope { all: true, departments: vec![] },
        created_at: env.now,
    })?;
    let admin = &spec.admin;
    let password_hash = admin.password_hash.clone().or_else(|| admin.password.as_deref().map(password::hash));
    let account = tx.insert_account(&NewAccount {
        name: admin.name.clone(),
        email: admin.email.clone(),
        mobile: admin.mobile.clone(),
        password_hash,
        created_at: env.now,
    })?;
    let admin_id = tx.insert_user(&NewUser {
        tenant: tenant_id,
        account,
        user_id: admin.user_id.clone().unwrap_or_else(|| random_hex(4)),
        name: admin.name.clone(),
        en_name: admin.name.clone(),
        nickname: String::new(),
        email: admin.email.clone(),
        mobile: admin.mobile.clone(),
        mobile_visible: true,
        gender: 0,
        avatar_key: None,
        leader: None,
        city: String::new(),
        country: String::new(),
        work_station: String::new(),
        join_time: env.now.secs(),
        is_tenant_manager: true,
        employee_no: String::new(),
        employee_type: 1,
        enterprise_email: None,
        job_title: "Administrator".to_owned(),
        custom_attrs: None,
        status: UserStatus { is_activated: true, ..UserStatus::default() },
        departments: vec![UserDepartment { department: root_id, user_order: 0, department_order: 0, is_primary: true }],
        created_at: env.now,
    })?;
    tx.set_tenant_creator(tenant_id, admin_id)?;
    load(tx, tenant_id, app_id, admin_id)
}

fn load(
    tx: &mut dyn Tx,
    tenant: crate::ids::TenantId,
    app: crate::ids::AppId,
    admin: crate::ids::UserId,
) -> Result<Provisioned> {
    let missing = |what: &str| Error::Internal(format!("{what} vanished right after provisioning"));
    Ok(Provisioned {
        tenant: tx.tenant(tenant)?.ok_or_else(|| missing("tenant"))?,
        app: tx.app(app)?.ok_or_else(|| missing("app"))?,
        admin: tx.user(tenant, admin)?.ok_or_else(|| missing("admin"))?,
        root: tx.root_department(tenant)?.ok_or_else(|| missing("root department"))?,
    })
}

/// Loads an existing tenant's first app, creator and root, in the same shape.
pub fn load_provisioned(tx: &mut dyn Tx, tenant_key: &str) -> Result<Option<Provisioned>> {
    let Some(tenant) = tx.tenant_by_key(tenant_key)? else { return Ok(None) };
    let Some(app) = tx.apps_of_tenant(tenant.id)?.into_iter().next() else { return Ok(None) };
    let Some(creator) = tenant.creator else { return Ok(None) };
    load(tx, tenant.id, app.id, creator).map(Some)
}
