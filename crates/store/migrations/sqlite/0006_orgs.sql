-- Organization membership: the invitation policy, admin grants, plans, seat groups, the seat
-- ledger, invitations, join requests, the invitation notifier's outbox and the audit.
-- plans.taken and seat_groups.taken count their unreleased seats (reservations included, expired
-- or not); live counts subtract the unreleased reservations past their expiry.

CREATE TABLE org_policies (
    tenant_id INTEGER PRIMARY KEY,
    members_can_invite INTEGER NOT NULL,
    member_limit INTEGER,
    updated_at INTEGER NOT NULL
);

CREATE TABLE org_admins (
    tenant_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    permissions TEXT NOT NULL,
    granted_by_kind TEXT NOT NULL,
    granted_by_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);

CREATE TABLE org_plans (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    seats INTEGER NOT NULL,
    taken INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX org_plans_tenant ON org_plans (tenant_id, id);

CREATE TABLE org_seat_groups (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    plan_id INTEGER NOT NULL,
    seats INTEGER NOT NULL,
    taken INTEGER NOT NULL,
    department_id INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX org_seat_groups_tenant ON org_seat_groups (tenant_id, id);

CREATE TABLE org_seats (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    plan_id INTEGER,
    group_id INTEGER,
    holder_kind TEXT NOT NULL,
    holder_id INTEGER NOT NULL,
    reason TEXT NOT NULL,
    granted_by_kind TEXT NOT NULL,
    granted_by_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    released_at INTEGER
);
CREATE INDEX org_seats_holder ON org_seats (tenant_id, holder_kind, holder_id) WHERE released_at IS NULL;
CREATE INDEX org_seats_ledger ON org_seats (tenant_id, id) WHERE released_at IS NULL;
CREATE INDEX org_seats_expiring_plan ON org_seats (plan_id, expires_at) WHERE released_at IS NULL AND expires_at IS NOT NULL;
CREATE INDEX org_seats_expiring_group ON org_seats (group_id, expires_at) WHERE released_at IS NULL AND expires_at IS NOT NULL;
CREATE INDEX org_seats_reservations ON org_seats (tenant_id) WHERE released_at IS NULL AND holder_kind <> 'user';

CREATE TABLE org_invitations (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    code TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    channel TEXT NOT NULL,
    invitee_user_id INTEGER,
    invitee_address TEXT,
    invitee_name TEXT,
    expires_at INTEGER,
    max_uses INTEGER,
    uses INTEGER NOT NULL,
    allowed_domains TEXT NOT NULL,
    department_id INTEGER,
    require_approval INTEGER NOT NULL,
    created_by_kind TEXT NOT NULL,
    created_by_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE INDEX org_invitations_tenant ON org_invitations (tenant_id, id);
CREATE INDEX org_invitations_member ON org_invitations (tenant_id, invitee_user_id, id) WHERE invitee_user_id IS NOT NULL;

CREATE TABLE org_join_requests (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    invitation_id INTEGER NOT NULL,
    account_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    email TEXT,
    mobile TEXT,
    via TEXT NOT NULL,
    status TEXT NOT NULL,
    user_id INTEGER,
    decided_by_kind TEXT,
    decided_by_id INTEGER,
    decided_at INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX org_join_requests_tenant ON org_join_requests (tenant_id, status, id);
CREATE UNIQUE INDEX org_join_requests_pending ON org_join_requests (tenant_id, account_id) WHERE status = 'pending';

CREATE TABLE org_notifications (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    invitation_id INTEGER,
    user_id INTEGER,
    channel TEXT NOT NULL,
    address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    created_at INTEGER NOT NULL,
    sent_at INTEGER
);
CREATE INDEX org_notifications_tenant ON org_notifications (tenant_id, id);
CREATE INDEX org_notifications_queued ON org_notifications (id) WHERE status = 'queued';

CREATE TABLE org_audit (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL,
    action TEXT NOT NULL,
    actor_kind TEXT NOT NULL,
    actor_id INTEGER NOT NULL,
    channel TEXT NOT NULL,
    target_user_id INTEGER,
    invitation_id INTEGER,
    request_id INTEGER,
    detail TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX org_audit_tenant ON org_audit (tenant_id, id);
CREATE INDEX org_audit_target ON org_audit (tenant_id, target_user_id, id) WHERE target_user_id IS NOT NULL;
