//! The demo tenant `--demo` creates: fixed, documented credentials, an admin, a few users and
//! departments. Seeding is idempotent: a second run finds the tenant and changes nothing.

use crate::error::Result;
use crate::model::{App, NewDepartment, NewUser, UserDepartment, UserStatus};
use crate::password;
use crate::services::Env;
use crate::services::tenancy::{self, AdminSpec, Provisioned, TenantSpec};
use crate::store::Tx;

pub const TENANT_KEY: &str = "7d5e1c0a9b3f2e41";
pub const TENANT_NAME: &str = "Roster Demo";
pub const APP_ID: &str = "cli_a1b2c3d4e5f60718";
pub const APP_SECRET: &str = "roster-demo-app-secret";
pub const VERIFICATION_TOKEN: &str = "roster-demo-verification-token";
pub const ENCRYPT_KEY: &str = "roster-demo-encrypt-key";
pub const MAIL_DOMAIN: &str = "demo.roster.local";
pub const ADMIN_EMAIL: &str = "admin@demo.roster.local";
pub const ADMIN_USER_ID: &str = "admin";
/// The password of every demo account.
pub const PASSWORD: &str = "roster-demo";

/// (custom department_id, name)
pub const DEPARTMENTS: &[(&str, &str)] = &[("engineering", "Engineering"), ("sales", "Sales")];
/// (user_id, name, email local part, mobile, department_id)
pub const USERS: &[(&str, &str, &str, &str, &str)] = &[
    ("alice", "Alice Liddell", "alice", "+15550000001", "engineering"),
    ("bob", "Bob Builder", "bob", "+15550000002", "engineering"),
    ("carol", "Carol Danvers", "carol", "+15550000003", "sales"),
    ("dan", "Dan Brown", "dan", "+15550000004", "sales"),
];

/// Creates the demo tenant unless it exists; returns it either way.
pub fn seed(tx: &mut dyn Tx, env: &Env) -> Result<Provisioned> {
    if let Some(p) = tenancy::load_provisioned(tx, TENANT_KEY)? {
        return Ok(p);
    }
    let hash = password::hash(PASSWORD);
    let p = tenancy::provision_tenant(
        tx,
        env,
        &TenantSpec {
            name: TENANT_NAME.into(),
            tenant_key: Some(TENANT_KEY.into()),
            mail_domain: Some(MAIL_DOMAIN.into()),
            app_id: Some(APP_ID.into()),
            app_secret: Some(APP_SECRET.into()),
            verification_token: Some(VERIFICATION_TOKEN.into()),
            encrypt_key: Some(ENCRYPT_KEY.into()),
            admin: AdminSpec {
                name: "Ada Admin".into(),
                email: Some(ADMIN_EMAIL.into()),
                mobile: Some("+15550000000".into()),
                user_id: Some(ADMIN_USER_ID.into()),
                password: None,
                password_hash: Some(hash.clone()),
            },
        },
    )?;
    seed_people(tx, env, &p, &hash)?;
    crate::services::orgs::demo::seed_plan(tx, env, &p)?;
    Ok(p)
}

fn seed_people(tx: &mut dyn Tx, env: &Env, p: &Provisioned, hash: &str) -> Result<()> {
    let mut depts = Vec::new();
    for (i, (id, name)) in DEPARTMENTS.iter().enumerate() {
        let d = tx.insert_department(&NewDepartment {
            tenant: p.tenant.id,
            department_id: (*id).into(),
            parent: Some(p.root.id),
            name: (*name).into(),
            i18n: Default::default(),
            leader: None,
            leaders: vec![],
            order: i as i64,
            unit_ids: vec![],
            group_chat_employee_types: vec![],
            created_at: env.now,
        })?;
        depts.push((*id, d));
    }
    for (user_id, name, local, mobile, dept) in USERS {
        let email = format!("{local}@{MAIL_DOMAIN}");
        let account = tx.insert_account(&crate::model::NewAccount {
            name: (*name).into(),
            email: Some(email.clone()),
            mobile: Some((*mobile).into()),
            password_hash: Some(hash.to_owned()),
            created_at: env.now,
        })?;
        let department = depts.iter().find(|(id, _)| id == dept).map(|(_, d)| *d).unwrap_or(p.root.id);
        tx.insert_user(&NewUser {
            tenant: p.tenant.id,
            account,
            user_id: (*user_id).into(),
            name: (*name).into(),
            en_name: (*name).into(),
            nickname: String::new(),
            email: Some(email),
            mobile: Some((*mobile).into()),
            mobile_visible: true,
            gender: 0,
            avatar_key: None,
            leader: None,
            city: String::new(),
            country: String::new(),
            work_station: String::new(),
            join_time: env.now.secs(),
            is_tenant_manager: false,
            employee_no: String::new(),
            employee_type: 1,
            enterprise_email: None,
            job_title: String::new(),
            custom_attrs: None,
            status: UserStatus { is_activated: true, ..UserStatus::default() },
            departments: vec![UserDepartment { department, user_order: 0, department_order: 0, is_primary: true }],
            created_at: env.now,
        })?;
    }
    Ok(())
}

/// Whether `app` is the demo app (its credentials are public, so only `--demo` should have it).
pub fn is_demo_app(app: &App) -> bool {
    app.app_id == APP_ID
}
