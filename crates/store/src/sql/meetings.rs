//! SQL for the meetings area (MeetingRepo): reserves, meetings (read joined with their reserve),
//! participants keyed by a party string, and busy marks.

use super::{Row, SqlTx, p, to_json};
use roster_domain::clock::Timestamp;
use roster_domain::error::{Result, StoreError};
use roster_domain::ids::{AppId, MeetingId, ReserveId, TenantId, UserId};
use roster_domain::model::{
    LARK_USER, Meeting, MeetingState, MeetingStatus, Participant, ParticipantStatus, Party, Reserve, UserStatus,
};
use roster_domain::store::{InviteeState, MeetingRef, MeetingRepo, PartyUser};

/// The key of a party in `meeting_participants.party`.
fn party_key(p: &Party) -> String {
    match p {
        Party::User(u) => format!("{LARK_USER}:{}", u.0),
        Party::Endpoint { user_type, id } => format!("{user_type}:{id}"),
    }
}

fn reserve_row(r: Row<'_>) -> Result<Reserve, StoreError> {
    Ok(Reserve {
        id: ReserveId(r.i64(0)?),
        tenant: TenantId(r.i64(1)?),
        app: AppId(r.i64(2)?),
        owner: UserId(r.i64(3)?),
        meeting_no: r.text(4)?,
        end_time: r.i64(5)?,
        settings: r.json(6)?,
        created_at: r.ts(7)?,
        deleted: r.bool(8)?,
    })
}

/// `SELECT <meeting columns, with the reserve's> FROM meetings m JOIN meeting_reserves r … <tail>`
macro_rules! meeting_select {
    ($tail:literal) => {
        concat!(
            "SELECT m.id, m.tenant_id, m.reserve_id, r.app_id, r.owner_user_id, r.meeting_no, r.settings, m.status, \
             m.host_user_id, m.locked, m.participant_cap, m.peak_count, m.start_time, m.end_time \
             FROM meetings m JOIN meeting_reserves r ON r.id = m.reserve_id ",
            $tail
        )
    };
}

fn meeting_row(r: Row<'_>) -> Result<Meeting, StoreError> {
    let status = r.i64(7)?;
    Ok(Meeting {
        id: MeetingId(r.i64(0)?),
        tenant: TenantId(r.i64(1)?),
        reserve: ReserveId(r.i64(2)?),
        app: AppId(r.i64(3)?),
        owner: UserId(r.i64(4)?),
        meeting_no: r.text(5)?,
        settings: r.json(6)?,
        status: MeetingStatus::from_code(status)
            .ok_or_else(|| StoreError::Other(format!("unknown meeting status {status}")))?,
        host: r.opt_i64(8)?.map(UserId),
        locked: r.bool(9)?,
        participant_cap: r.i64(10)?,
        peak_count: r.i64(11)?,
        start_time: r.ts(12)?,
        end_time: r.opt_ts(13)?,
    })
}

/// `SELECT <participant columns> FROM meeting_participants <tail>`
macro_rules! participant_select {
    ($tail:literal) => {
        concat!(
            "SELECT meeting_id, tenant_id, user_type, user_id, endpoint_id, status, first_join, final_leave, joined_at, \
             in_meeting_ms FROM meeting_participants ",
            $tail
        )
    };
}

fn participant_row(r: Row<'_>) -> Result<Participant, StoreError> {
    let user_type = r.i64(2)?;
    let party = if user_type == LARK_USER {
        Party::User(UserId(r.i64(3)?))
    } else {
        Party::Endpoint { user_type, id: r.text(4)? }
    };
    let status = r.i64(5)?;
    Ok(Participant {
        meeting: MeetingId(r.i64(0)?),
        tenant: TenantId(r.i64(1)?),
        party,
        status: ParticipantStatus::from_code(status)
            .ok_or_else(|| StoreError::Other(format!("unknown participant status {status}")))?,
        first_join: r.opt_ts(6)?,
        final_leave: r.opt_ts(7)?,
        joined_at: r.opt_ts(8)?,
        in_meeting_ms: r.i64(9)?,
    })
}

impl MeetingRepo for SqlTx<'_> {
    fn party_users(&mut self, tenant: TenantId, ids: &[UserId]) -> Result<Vec<PartyUser>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let raw: Vec<i64> = ids.iter().map(|i| i.0).collect();
        // `+tenant_id` keeps SQLite on the primary key: with an index on tenant_id available it
        // would otherwise scan the whole tenant and test each row against the list.
        let sql = self.pick(
            "SELECT id, user_id, is_frozen, is_resigned, is_activated, is_exited, is_unjoin FROM users \
             WHERE id IN (SELECT value FROM json_each($2)) AND +tenant_id = $1",
            "SELECT id, user_id, is_frozen, is_resigned, is_activated, is_exited, is_unjoin FROM users \
             WHERE tenant_id = $1 AND id = ANY($2)",
        );
        self.all(sql, p![tenant.0, &raw[..]], |r| {
            Ok(PartyUser {
                id: UserId(r.i64(0)?),
                user_id: r.text(1)?,
                status: UserStatus {
                    is_frozen: r.bool(2)?,
                    is_resigned: r.bool(3)?,
                    is_activated: r.bool(4)?,
                    is_exited: r.bool(5)?,
                    is_unjoin: r.bool(6)?,
                },
            })
        })
    }

    fn insert_reserve(&mut self, r: &Reserve) -> Result<()> {
        self.exec(
            "INSERT INTO meeting_reserves (id, tenant_id, app_id, owner_user_id, meeting_no, end_time, settings, created_at, deleted) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            p![
                r.id.0,
                r.tenant.0,
                r.app.0,
                r.owner.0,
                &r.meeting_no,
                r.end_time,
                &to_json(&r.settings),
                r.created_at,
                r.deleted
            ],
        )?;
        Ok(())
    }

    fn reserve(&mut self, tenant: TenantId, id: ReserveId) -> Result<Option<Reserve>> {
        self.one(
            "SELECT id, tenant_id, app_id, owner_user_id, meeting_no, end_time, settings, created_at, deleted \
             FROM meeting_reserves WHERE tenant_id = $1 AND id = $2",
            p![tenant.0, id.0],
            reserve_row,
        )
    }

    fn meeting_no_taken(&mut self, meeting_no: &str) -> Result<bool> {
        Ok(self.count("SELECT COUNT(*) FROM meeting_reserves WHERE meeting_no = $1", p![meeting_no])? > 0)
    }

    fn update_reserve(&mut self, r: &Reserve) -> Result<()> {
        self.exec(
            "UPDATE meeting_reserves SET end_time = $3, settings = $4, deleted = $5 WHERE tenant_id = $1 AND id = $2",
            p![r.tenant.0, r.id.0, r.end_time, &to_json(&r.settings), r.deleted],
        )?;
        Ok(())
    }

    fn locate_meeting_ref(&mut self, id: i64) -> Result<Option<MeetingRef>> {
        if let Some(t) = self.one("SELECT tenant_id FROM meetings WHERE id = $1", p![id], |r| r.i64(0))? {
            return Ok(Some(MeetingRef::Meeting(TenantId(t), MeetingId(id))));
        }
        let reserve =
            self.one("SELECT tenant_id FROM meeting_reserves WHERE id = $1 AND deleted = 0", p![id], |r| r.i64(0))?;
        Ok(reserve.map(|t| MeetingRef::Reserve(TenantId(t), ReserveId(id))))
    }

    fn insert_meeting(&mut self, m: &Meeting) -> Result<()> {
        self.exec(
            "INSERT INTO meetings (id, tenant_id, reserve_id, status, host_user_id, locked, participant_cap, peak_count, start_time, end_time) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            p![
                m.id.0,
                m.tenant.0,
                m.reserve.0,
                m.status.code(),
                m.host.map(|h| h.0),
                m.locked,
                m.participant_cap,
                m.peak_count,
                m.start_time,
                m.end_time
            ],
        )?;
        Ok(())
    }

    fn meeting(&mut self, tenant: TenantId, id: MeetingId) -> Result<Option<Meeting>> {
        self.one(meeting_select!("WHERE m.tenant_id = $1 AND m.id = $2"), p![tenant.0, id.0], meeting_row)
    }

    fn active_meeting(&mut self, tenant: TenantId, reserve: ReserveId) -> Result<Option<Meeting>> {
        self.one(
            meeting_select!("WHERE m.tenant_id = $1 AND m.reserve_id = $2 AND m.status = 2"),
            p![tenant.0, reserve.0],
            meeting_row,
        )
    }

    fn update_meeting(&mut self, tenant: TenantId, id: MeetingId, s: &MeetingState) -> Result<()> {
        self.exec(
            "UPDATE meetings SET status = $3, host_user_id = $4, locked = $5, peak_count = $6, end_time = $7 \
             WHERE tenant_id = $1 AND id = $2",
            p![tenant.0, id.0, s.status.code(), s.host.map(|h| h.0), s.locked, s.peak_count, s.end_time],
        )?;
        Ok(())
    }

    fn meetings_by_no(
        &mut self,
        tenant: TenantId,
        meeting_no: &str,
        from: Timestamp,
        to: Timestamp,
        after: Option<(Timestamp, MeetingId)>,
        limit: u32,
    ) -> Result<Vec<Meeting>> {
        let (after_t, after_id) = after.map_or((i64::MIN, i64::MIN), |(t, m)| (t.0, m.0));
        self.all(
            meeting_select!(
                "WHERE r.meeting_no = $2 AND m.tenant_id = $1 AND m.start_time >= $3 AND m.start_time <= $4 \
                 AND (m.start_time > $5 OR (m.start_time = $5 AND m.id > $6)) \
                 ORDER BY m.start_time, m.id LIMIT $7"
            ),
            p![tenant.0, meeting_no, from, to, after_t, after_id, limit as i64],
            meeting_row,
        )
    }

    fn participants(&mut self, meeting: MeetingId) -> Result<Vec<Participant>> {
        self.all(
            participant_select!(
                "WHERE meeting_id = $1 ORDER BY CASE WHEN first_join IS NULL THEN 1 ELSE 0 END, first_join, party"
            ),
            p![meeting.0],
            participant_row,
        )
    }

    fn participant(&mut self, meeting: MeetingId, party: &Party) -> Result<Option<Participant>> {
        self.one(
            participant_select!("WHERE meeting_id = $1 AND party = $2"),
            p![meeting.0, &party_key(party)],
            participant_row,
        )
    }

    fn upsert_participant(&mut self, p: &Participant) -> Result<()> {
        let (user, endpoint) = match &p.party {
            Party::User(u) => (Some(u.0), None),
            Party::Endpoint { id, .. } => (None, Some(id.as_str())),
        };
        self.exec(
            "INSERT INTO meeting_participants (meeting_id, party, tenant_id, user_type, user_id, endpoint_id, status, \
             first_join, final_leave, joined_at, in_meeting_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
             ON CONFLICT (meeting_id, party) DO UPDATE SET status = excluded.status, first_join = excluded.first_join, \
             final_leave = excluded.final_leave, joined_at = excluded.joined_at, in_meeting_ms = excluded.in_meeting_ms",
            p![
                p.meeting.0,
                &party_key(&p.party),
                p.tenant.0,
                p.party.user_type(),
                user,
                endpoint,
                p.status.code(),
                p.first_join,
                p.final_leave,
                p.joined_at,
                p.in_meeting_ms
            ],
        )?;
        Ok(())
    }

    fn count_in_meeting(&mut self, meeting: MeetingId) -> Result<i64> {
        self.count("SELECT COUNT(*) FROM meeting_participants WHERE meeting_id = $1 AND status = 2", p![meeting.0])
    }

    fn count_ever_joined(&mut self, meeting: MeetingId) -> Result<i64> {
        self.count(
            "SELECT COUNT(*) FROM meeting_participants WHERE meeting_id = $1 AND first_join IS NOT NULL",
            p![meeting.0],
        )
    }

    fn meeting_of_party(
        &mut self,
        tenant: TenantId,
        party: &Party,
        except: Option<MeetingId>,
    ) -> Result<Option<MeetingId>> {
        let except = except.map_or(0, |m| m.0);
        let found = self.one(
            "SELECT meeting_id FROM meeting_participants WHERE tenant_id = $1 AND party = $2 AND status = 2 \
             AND meeting_id <> $3 LIMIT 1",
            p![tenant.0, &party_key(party), except],
            |r| r.i64(0),
        )?;
        Ok(found.map(MeetingId))
    }

    fn invitee_states(&mut self, tenant: TenantId, meeting: MeetingId, parties: &[Party]) -> Result<Vec<InviteeState>> {
        if parties.is_empty() {
            return Ok(Vec::new());
        }
        let keys: Vec<String> = parties.iter().map(party_key).collect();
        let list = to_json(&keys);
        let here = self.pick(
            "SELECT party, status FROM meeting_participants WHERE meeting_id = $1 \
             AND party IN (SELECT value FROM json_each($2))",
            "SELECT party, status FROM meeting_participants WHERE meeting_id = $1 \
             AND party IN (SELECT jsonb_array_elements_text($2::text::jsonb))",
        );
        let statuses = self.all(here, p![meeting.0, &list], |r| Ok((r.text(0)?, r.i64(1)?)))?;
        let elsewhere = self.pick(
            "SELECT DISTINCT party FROM meeting_participants WHERE tenant_id = $1 AND status = 2 AND meeting_id <> $2 \
             AND party IN (SELECT value FROM json_each($3))",
            "SELECT DISTINCT party FROM meeting_participants WHERE tenant_id = $1 AND status = 2 AND meeting_id <> $2 \
             AND party IN (SELECT jsonb_array_elements_text($3::text::jsonb))",
        );
        let busy_elsewhere = self.all(elsewhere, p![tenant.0, meeting.0, &list], |r| r.text(0))?;
        let users: Vec<i64> = parties.iter().filter_map(|p| p.user().map(|u| u.0)).collect();
        let marked: Vec<i64> = if users.is_empty() {
            Vec::new()
        } else {
            let sql = self.pick(
                "SELECT user_id FROM meeting_busy_users WHERE tenant_id = $1 AND user_id IN (SELECT value FROM json_each($2))",
                "SELECT user_id FROM meeting_busy_users WHERE tenant_id = $1 AND user_id = ANY($2)",
            );
            self.all(sql, p![tenant.0, &users[..]], |r| r.i64(0))?
        };
        let mut out = Vec::with_capacity(parties.len());
        for (party, key) in parties.iter().zip(&keys) {
            let status = match statuses.iter().find(|(k, _)| k == key) {
                Some((_, code)) => Some(
                    ParticipantStatus::from_code(*code)
                        .ok_or_else(|| StoreError::Other(format!("unknown participant status {code}")))?,
                ),
                None => None,
            };
            out.push(InviteeState {
                status,
                in_other_meeting: busy_elsewhere.contains(key),
                marked_busy: party.user().is_some_and(|u| marked.contains(&u.0)),
            });
        }
        Ok(out)
    }

    fn call_parties(&mut self, tenant: TenantId, meeting: MeetingId, parties: &[Party]) -> Result<()> {
        if parties.is_empty() {
            return Ok(());
        }
        let mut sorted: Vec<&Party> = parties.iter().collect();
        sorted.sort_by_key(|p| party_key(p));
        let rows: Vec<serde_json::Value> = sorted
            .into_iter()
            .map(|p| {
                serde_json::json!({
                    "party": party_key(p),
                    "user_type": p.user_type(),
                    "user_id": p.user().map(|u| u.0),
                    "endpoint_id": match p { Party::Endpoint { id, .. } => Some(id.as_str()), Party::User(_) => None },
                })
            })
            .collect();
        let rows = to_json(&rows);
        let sql = self.pick(
            "INSERT INTO meeting_participants (meeting_id, party, tenant_id, user_type, user_id, endpoint_id, status, \
             first_join, final_leave, joined_at, in_meeting_ms) \
             SELECT $1, json_extract(value, '$.party'), $2, json_extract(value, '$.user_type'), \
             json_extract(value, '$.user_id'), json_extract(value, '$.endpoint_id'), 1, NULL, NULL, NULL, 0 \
             FROM json_each($3) WHERE true \
             ON CONFLICT (meeting_id, party) DO UPDATE SET status = 1 WHERE meeting_participants.status <> 2",
            "INSERT INTO meeting_participants (meeting_id, party, tenant_id, user_type, user_id, endpoint_id, status, \
             first_join, final_leave, joined_at, in_meeting_ms) \
             SELECT $1::bigint, e->>'party', $2::bigint, (e->>'user_type')::bigint, (e->>'user_id')::bigint, \
             e->>'endpoint_id', 1, NULL, NULL, NULL, 0 \
             FROM jsonb_array_elements($3::text::jsonb) AS e \
             ON CONFLICT (meeting_id, party) DO UPDATE SET status = 1 WHERE meeting_participants.status <> 2",
        );
        self.exec(sql, p![meeting.0, tenant.0, &rows])?;
        Ok(())
    }

    fn set_marked_busy(&mut self, tenant: TenantId, user: UserId, busy: bool) -> Result<()> {
        if busy {
            self.exec(
                "INSERT INTO meeting_busy_users (tenant_id, user_id) VALUES ($1, $2) ON CONFLICT (tenant_id, user_id) DO NOTHING",
                p![tenant.0, user.0],
            )?;
        } else {
            self.exec("DELETE FROM meeting_busy_users WHERE tenant_id = $1 AND user_id = $2", p![tenant.0, user.0])?;
        }
        Ok(())
    }
}
