//! SQL for chat members (keyed by chat and join sequence) and the bots in chats.

use crate::sql::{Dialect, Row, SqlTx, p};
use roster_domain::clock::Timestamp;
use roster_domain::error::{Result, StoreError};
use roster_domain::ids::{AppId, ChatId, TenantId, UserId};
use roster_domain::model::{
    Candidate, ChatBot, ChatMember, ChatMemberRef, ChatStatus, MemberListing, NewMember, UserStatus,
};
use roster_domain::store::{ChatMemberStore, MembershipProbe};

/// `SELECT <member columns> FROM chat_members <tail>`
macro_rules! member_select {
    ($tail:literal) => {
        concat!(
            "SELECT chat_id, seq, user_id, user_tenant_id, is_manager, is_moderator, joined_at FROM chat_members ",
            $tail
        )
    };
}

// SQLite cannot tell how long a `json_each` list is, and left alone it walks the whole chat by
// its primary key instead of looking each user up: `INDEXED BY` pins the (user, chat) index.

fn member_row(r: Row<'_>) -> Result<ChatMember, StoreError> {
    Ok(ChatMember {
        chat: ChatId(r.i64(0)?),
        seq: r.i64(1)?,
        user: UserId(r.i64(2)?),
        user_tenant: TenantId(r.i64(3)?),
        is_manager: r.bool(4)?,
        is_moderator: r.bool(5)?,
        joined_at: r.ts(6)?,
    })
}

fn bot_row(r: Row<'_>) -> Result<ChatBot, StoreError> {
    Ok(ChatBot { chat: ChatId(r.i64(0)?), app: AppId(r.i64(1)?), is_manager: r.bool(2)?, joined_at: r.ts(3)? })
}

impl ChatMemberStore for SqlTx<'_> {
    fn chat_member(&mut self, chat: ChatId, user: UserId) -> Result<Option<ChatMember>> {
        self.one(member_select!("WHERE chat_id = $1 AND user_id = $2"), p![chat.0, user.0], member_row)
    }

    fn candidates(&mut self, tenant: TenantId, users: &[UserId]) -> Result<Vec<Candidate>> {
        if users.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<i64> = users.iter().map(|u| u.0).collect();
        let sql = self.pick(
            // `+tenant_id`: look the ids up rather than walk the tenant's users.
            "SELECT id, tenant_id, is_frozen, is_resigned, is_activated, is_exited, is_unjoin, name, user_id FROM users \
             WHERE +tenant_id = $1 AND id IN (SELECT value FROM json_each($2))",
            "SELECT id, tenant_id, is_frozen, is_resigned, is_activated, is_exited, is_unjoin, name, user_id FROM users \
             WHERE tenant_id = $1 AND id = ANY($2)",
        );
        self.all(sql, p![tenant.0, &ids[..]], |r| {
            Ok(Candidate {
                user: UserId(r.i64(0)?),
                tenant: TenantId(r.i64(1)?),
                status: UserStatus {
                    is_frozen: r.bool(2)?,
                    is_resigned: r.bool(3)?,
                    is_activated: r.bool(4)?,
                    is_exited: r.bool(5)?,
                    is_unjoin: r.bool(6)?,
                },
                name: r.text(7)?,
                user_id: r.text(8)?,
            })
        })
    }

    fn chat_members_among(&mut self, chat: ChatId, users: &[UserId]) -> Result<Vec<ChatMember>> {
        if users.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<i64> = users.iter().map(|u| u.0).collect();
        let sql = self.pick(
            member_select!(
                "INDEXED BY chat_members_user WHERE chat_id = $1 AND user_id IN (SELECT value FROM json_each($2)) ORDER BY seq"
            ),
            member_select!("WHERE chat_id = $1 AND user_id = ANY($2) ORDER BY seq"),
        );
        self.all(sql, p![chat.0, &ids[..]], member_row)
    }

    fn insert_chat_members(
        &mut self,
        chat: ChatId,
        first_seq: i64,
        members: &[NewMember],
        now: Timestamp,
    ) -> Result<Vec<UserId>> {
        let mut inserted = Vec::with_capacity(members.len());
        if self.dialect() == Dialect::Sqlite {
            // In-process SQLite: a cached single-row statement per member beats any batch form.
            for (i, m) in members.iter().enumerate() {
                let n = self.exec(
                    "INSERT INTO chat_members (chat_id, seq, user_id, user_tenant_id, is_manager, is_moderator, joined_at) \
                     VALUES ($1, $2, $3, $4, $5, 0, $6) ON CONFLICT (user_id, chat_id) DO NOTHING",
                    p![chat.0, first_seq + i as i64, m.user.0, m.user_tenant.0, m.is_manager, now],
                )?;
                if n > 0 {
                    inserted.push(m.user);
                }
            }
            return Ok(inserted);
        }
        if members.is_empty() {
            return Ok(inserted);
        }
        // PostgreSQL: one round trip for the whole batch.
        let users: Vec<i64> = members.iter().map(|m| m.user.0).collect();
        let tenants: Vec<i64> = members.iter().map(|m| m.user_tenant.0).collect();
        let managers: Vec<i64> = members.iter().map(|m| i64::from(m.is_manager)).collect();
        let rows = self.all(
            "INSERT INTO chat_members (chat_id, seq, user_id, user_tenant_id, is_manager, is_moderator, joined_at) \
             SELECT $1, $2 + x.ord - 1, x.u, x.t, x.m, 0, $3 \
             FROM unnest($4::bigint[], $5::bigint[], $6::bigint[]) WITH ORDINALITY AS x(u, t, m, ord) \
             ON CONFLICT (user_id, chat_id) DO NOTHING RETURNING user_id",
            p![chat.0, first_seq, now, &users[..], &tenants[..], &managers[..]],
            |r| r.i64(0),
        )?;
        inserted.extend(rows.into_iter().map(UserId));
        Ok(inserted)
    }

    fn delete_chat_members(&mut self, chat: ChatId, users: &[UserId]) -> Result<u64> {
        if users.is_empty() {
            return Ok(0);
        }
        let ids: Vec<i64> = users.iter().map(|u| u.0).collect();
        let sql = self.pick(
            "DELETE FROM chat_members INDEXED BY chat_members_user WHERE chat_id = $1 \
             AND user_id IN (SELECT value FROM json_each($2))",
            "DELETE FROM chat_members WHERE chat_id = $1 AND user_id = ANY($2)",
        );
        self.exec(sql, p![chat.0, &ids[..]])
    }

    fn set_member_flags(&mut self, chat: ChatId, user: UserId, is_manager: bool, is_moderator: bool) -> Result<()> {
        self.exec(
            "UPDATE chat_members SET is_manager = $3, is_moderator = $4 WHERE chat_id = $1 AND user_id = $2",
            p![chat.0, user.0, is_manager, is_moderator],
        )?;
        Ok(())
    }

    fn member_page(&mut self, chat: ChatId, after_seq: i64, limit: u32) -> Result<Vec<MemberListing>> {
        self.all(
            "SELECT m.seq, m.user_id, m.user_tenant_id, u.name, u.user_id FROM chat_members m JOIN users u ON u.id = m.user_id \
             WHERE m.chat_id = $1 AND m.seq > $2 ORDER BY m.seq LIMIT $3",
            p![chat.0, after_seq, limit as i64],
            |r| {
                Ok(MemberListing {
                    seq: r.i64(0)?,
                    user: UserId(r.i64(1)?),
                    user_tenant: TenantId(r.i64(2)?),
                    name: r.text(3)?,
                    user_id: r.text(4)?,
                })
            },
        )
    }

    fn chat_managers(&mut self, chat: ChatId) -> Result<Vec<ChatMember>> {
        let sql = self.pick(
            member_select!("INDEXED BY chat_members_managers WHERE chat_id = $1 AND is_manager = 1 ORDER BY seq"),
            member_select!("WHERE chat_id = $1 AND is_manager = 1 ORDER BY seq"),
        );
        self.all(sql, p![chat.0], member_row)
    }

    fn chat_moderators(&mut self, chat: ChatId, after_seq: i64, limit: u32) -> Result<Vec<ChatMember>> {
        let sql = self.pick(
            member_select!(
                "INDEXED BY chat_members_moderators WHERE chat_id = $1 AND is_moderator = 1 AND seq > $2 ORDER BY seq LIMIT $3"
            ),
            member_select!("WHERE chat_id = $1 AND is_moderator = 1 AND seq > $2 ORDER BY seq LIMIT $3"),
        );
        self.all(sql, p![chat.0, after_seq, limit as i64], member_row)
    }

    fn earliest_members(&mut self, chat: ChatId, tenant: TenantId, limit: u32) -> Result<Vec<ChatMember>> {
        self.all(
            member_select!("WHERE chat_id = $1 AND user_tenant_id = $2 ORDER BY seq LIMIT $3"),
            p![chat.0, tenant.0, limit as i64],
            member_row,
        )
    }

    fn chat_bots(&mut self, chat: ChatId) -> Result<Vec<ChatBot>> {
        self.all(
            "SELECT chat_id, app_id, is_manager, joined_at FROM chat_bots WHERE chat_id = $1 ORDER BY joined_at, app_id",
            p![chat.0],
            bot_row,
        )
    }

    fn insert_chat_bot(&mut self, bot: &ChatBot) -> Result<()> {
        self.exec(
            "INSERT INTO chat_bots (chat_id, app_id, is_manager, joined_at) VALUES ($1, $2, $3, $4)",
            p![bot.chat.0, bot.app.0, bot.is_manager, bot.joined_at],
        )?;
        Ok(())
    }

    fn delete_chat_bot(&mut self, chat: ChatId, app: AppId) -> Result<u64> {
        self.exec("DELETE FROM chat_bots WHERE chat_id = $1 AND app_id = $2", p![chat.0, app.0])
    }

    fn set_bot_manager(&mut self, chat: ChatId, app: AppId, is_manager: bool) -> Result<()> {
        self.exec(
            "UPDATE chat_bots SET is_manager = $3 WHERE chat_id = $1 AND app_id = $2",
            p![chat.0, app.0, is_manager],
        )?;
        Ok(())
    }

    fn is_chat_member(&mut self, chat: ChatId, who: ChatMemberRef) -> Result<bool> {
        let n = match who {
            ChatMemberRef::User(u) => {
                self.count("SELECT COUNT(*) FROM chat_members WHERE chat_id = $1 AND user_id = $2", p![chat.0, u.0])?
            }
            ChatMemberRef::Bot(a) => {
                self.count("SELECT COUNT(*) FROM chat_bots WHERE chat_id = $1 AND app_id = $2", p![chat.0, a.0])?
            }
        };
        Ok(n > 0)
    }

    fn probe_membership(&mut self, chat: ChatId, who: ChatMemberRef) -> Result<Option<MembershipProbe>> {
        let (sql, id) = match who {
            ChatMemberRef::User(u) => (
                "SELECT c.tenant_id, c.status, (SELECT COUNT(*) FROM chat_members m WHERE m.chat_id = c.id AND m.user_id = $2) \
                 FROM chats c WHERE c.id = $1",
                u.0,
            ),
            ChatMemberRef::Bot(a) => (
                "SELECT c.tenant_id, c.status, (SELECT COUNT(*) FROM chat_bots b WHERE b.chat_id = c.id AND b.app_id = $2) \
                 FROM chats c WHERE c.id = $1",
                a.0,
            ),
        };
        self.one(sql, p![chat.0, id], |r| {
            Ok(MembershipProbe {
                tenant: TenantId(r.i64(0)?),
                dissolved: r.text(1)? == ChatStatus::Dissolved.as_str(),
                member: r.i64(2)? > 0,
            })
        })
    }
}
