-- employee_no is unique among a tenant's non-resigned members (44051). Not a unique index:
-- members written before the rule may share one, so the check runs in the transaction, under a
-- per-tenant lock; this index makes it one probe.
CREATE INDEX users_employee_no ON users (tenant_id, employee_no) WHERE is_resigned = 0 AND employee_no <> '';
