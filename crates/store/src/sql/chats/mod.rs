//! SQL for group chats: the chat rows themselves (this file), their members and bots
//! (`members.rs`), and join requests, share links, policies and collaborations (`access.rs`).

mod access;
mod members;

use super::{Row, SqlTx, p, to_json};
use roster_domain::clock::Timestamp;
use roster_domain::error::{Result, StoreError};
use roster_domain::ids::{AppId, ChatId, TenantId, UserId};
use roster_domain::model::{Chat, ChatMemberRef, ChatOwner, ChatStatus, ChatType, I18nNames, NewChat};
use roster_domain::store::{ChatCounts, ChatCursor, ChatSort, ChatStore};

/// `SELECT <chat columns> FROM chats c <tail>`
macro_rules! chat_select {
    ($tail:literal) => {
        concat!(
            "SELECT c.id, c.tenant_id, c.kind, c.name, c.description, c.avatar, c.i18n_zh_cn, c.i18n_ja_jp, c.i18n_en_us, \
             c.owner_user_id, c.owner_app_id, c.creator_app_id, c.chat_type, c.external, c.options, c.status, c.user_count, \
             c.bot_count, c.next_seq, c.uuid, c.created_at, c.active_at, c.dissolved_at FROM chats c ",
            $tail
        )
    };
}

fn bad(what: &str, v: &str) -> StoreError {
    StoreError::Other(format!("unknown {what} {v:?} in store"))
}

fn chat_row(r: Row<'_>) -> Result<Chat, StoreError> {
    let owner = match (r.opt_i64(9)?, r.opt_i64(10)?) {
        (Some(u), _) => ChatOwner::User(UserId(u)),
        (None, Some(a)) => ChatOwner::Bot(AppId(a)),
        (None, None) => return Err(StoreError::Other("a chat without an owner".into())),
    };
    let chat_type = r.text(12)?;
    let status = r.text(15)?;
    Ok(Chat {
        id: ChatId(r.i64(0)?),
        tenant: TenantId(r.i64(1)?),
        kind: r.json(2)?,
        name: r.text(3)?,
        description: r.text(4)?,
        avatar: r.text(5)?,
        i18n: I18nNames { zh_cn: r.opt_text(6)?, ja_jp: r.opt_text(7)?, en_us: r.opt_text(8)? },
        owner,
        creator_bot: r.opt_i64(11)?.map(AppId),
        chat_type: ChatType::parse(&chat_type).ok_or_else(|| bad("chat type", &chat_type))?,
        external: r.bool(13)?,
        options: r.json(14)?,
        status: ChatStatus::parse(&status).ok_or_else(|| bad("chat status", &status))?,
        user_count: r.i64(16)?,
        bot_count: r.i64(17)?,
        next_seq: r.i64(18)?,
        uuid: r.opt_text(19)?,
        created_at: r.ts(20)?,
        active_at: r.ts(21)?,
        dissolved_at: r.opt_ts(22)?,
    })
}

fn owner_columns(o: ChatOwner) -> (Option<i64>, Option<i64>) {
    match o {
        ChatOwner::User(u) => (Some(u.0), None),
        ChatOwner::Bot(a) => (None, Some(a.0)),
    }
}

/// `%needle%` for LIKE with `\` escaping the needle's own wildcards.
fn like_pattern(needle: &str) -> String {
    let mut s = String::with_capacity(needle.len() + 2);
    s.push('%');
    for c in needle.chars() {
        if matches!(c, '%' | '_' | '\\') {
            s.push('\\');
        }
        s.push(c);
    }
    s.push('%');
    s
}

impl ChatStore for SqlTx<'_> {
    fn insert_chat(&mut self, c: &NewChat) -> Result<ChatId> {
        let (owner_user, owner_app) = owner_columns(c.owner);
        self.insert_id(
            "INSERT INTO chats (tenant_id, kind, name, description, avatar, i18n_zh_cn, i18n_ja_jp, i18n_en_us, owner_user_id, \
             owner_app_id, creator_app_id, chat_type, external, options, status, user_count, bot_count, next_seq, uuid, \
             created_at, active_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'normal', 0, 0, 0, \
             $15, $16, $16) RETURNING id",
            p![
                c.tenant.0,
                to_json(&c.kind).as_str(),
                &c.name,
                &c.description,
                &c.avatar,
                &c.i18n.zh_cn,
                &c.i18n.ja_jp,
                &c.i18n.en_us,
                owner_user,
                owner_app,
                c.creator_bot.map(|a| a.0),
                c.chat_type.as_str(),
                c.external,
                to_json(&c.options).as_str(),
                &c.uuid,
                c.created_at
            ],
        )
        .map(ChatId)
    }

    fn chat(&mut self, id: ChatId) -> Result<Option<Chat>> {
        self.one(chat_select!("WHERE c.id = $1"), p![id.0], chat_row)
    }

    fn update_chat(&mut self, c: &Chat) -> Result<()> {
        let (owner_user, owner_app) = owner_columns(c.owner);
        self.exec(
            "UPDATE chats SET kind = $2, name = $3, description = $4, avatar = $5, i18n_zh_cn = $6, i18n_ja_jp = $7, \
             i18n_en_us = $8, owner_user_id = $9, owner_app_id = $10, creator_app_id = $11, chat_type = $12, external = $13, \
             options = $14, status = $15, active_at = $16, dissolved_at = $17 WHERE id = $1",
            p![
                c.id.0,
                to_json(&c.kind).as_str(),
                &c.name,
                &c.description,
                &c.avatar,
                &c.i18n.zh_cn,
                &c.i18n.ja_jp,
                &c.i18n.en_us,
                owner_user,
                owner_app,
                c.creator_bot.map(|a| a.0),
                c.chat_type.as_str(),
                c.external,
                to_json(&c.options).as_str(),
                c.status.as_str(),
                c.active_at,
                c.dissolved_at
            ],
        )?;
        Ok(())
    }

    fn set_chat_counts(&mut self, chat: ChatId, k: ChatCounts) -> Result<()> {
        self.exec(
            "UPDATE chats SET user_count = $2, bot_count = $3, next_seq = $4, active_at = $5 WHERE id = $1",
            p![chat.0, k.user_count, k.bot_count, k.next_seq, k.active_at],
        )?;
        Ok(())
    }

    fn chat_by_uuid(
        &mut self,
        tenant: TenantId,
        uuid: &str,
        owner: ChatOwner,
        since: Timestamp,
    ) -> Result<Option<Chat>> {
        let (owner_user, owner_app) = owner_columns(owner);
        self.one(
            chat_select!(
                "WHERE c.tenant_id = $1 AND c.uuid = $2 AND c.status = 'normal' AND c.created_at >= $3 \
                 AND COALESCE(c.owner_user_id, -1) = COALESCE(CAST($4 AS BIGINT), -1) \
                 AND COALESCE(c.owner_app_id, -1) = COALESCE(CAST($5 AS BIGINT), -1) \
                 ORDER BY c.id DESC LIMIT 1"
            ),
            p![tenant.0, uuid, since, owner_user, owner_app],
            chat_row,
        )
    }

    fn public_chat_named(&mut self, tenant: TenantId, name: &str, except: Option<ChatId>) -> Result<bool> {
        let n = self.count(
            "SELECT COUNT(*) FROM chats WHERE tenant_id = $1 AND chat_type = 'public' AND status = 'normal' \
             AND name = $2 AND id <> $3",
            p![tenant.0, name, except.map_or(-1, |c| c.0)],
        )?;
        Ok(n > 0)
    }

    fn chats_of(
        &mut self,
        who: ChatMemberRef,
        sort: ChatSort,
        after: Option<ChatCursor>,
        limit: u32,
    ) -> Result<Vec<Chat>> {
        let who_id = match who {
            ChatMemberRef::User(u) => u.0,
            ChatMemberRef::Bot(b) => b.0,
        };
        if sort == ChatSort::ByCreateTimeAsc {
            let sql = match who {
                ChatMemberRef::User(_) => chat_select!(
                    "JOIN chat_members m ON m.chat_id = c.id WHERE m.user_id = $1 AND c.status = 'normal' \
                     AND c.id > $2 ORDER BY c.id LIMIT $3"
                ),
                ChatMemberRef::Bot(_) => chat_select!(
                    "JOIN chat_bots b ON b.chat_id = c.id WHERE b.app_id = $1 AND c.status = 'normal' \
                     AND c.id > $2 ORDER BY c.id LIMIT $3"
                ),
            };
            return self.all(sql, p![who_id, after.map_or(0, |c| c.id.0), limit as i64], chat_row);
        }
        let sql = match who {
            ChatMemberRef::User(_) => chat_select!(
                "JOIN chat_members m ON m.chat_id = c.id WHERE m.user_id = $1 AND c.status = 'normal' \
                 AND (c.active_at < $2 OR (c.active_at = $2 AND c.id < $3)) ORDER BY c.active_at DESC, c.id DESC LIMIT $4"
            ),
            ChatMemberRef::Bot(_) => chat_select!(
                "JOIN chat_bots b ON b.chat_id = c.id WHERE b.app_id = $1 AND c.status = 'normal' \
                 AND (c.active_at < $2 OR (c.active_at = $2 AND c.id < $3)) ORDER BY c.active_at DESC, c.id DESC LIMIT $4"
            ),
        };
        let (active, id) = after.map_or((i64::MAX, i64::MAX), |c| (c.active_at.0, c.id.0));
        self.all(sql, p![who_id, active, id, limit as i64], chat_row)
    }

    fn search_chats(
        &mut self,
        tenant: TenantId,
        who: ChatMemberRef,
        needle: &str,
        after: Option<ChatId>,
        limit: u32,
    ) -> Result<Vec<Chat>> {
        let pattern = like_pattern(needle);
        let (sql, who_id) = match who {
            ChatMemberRef::User(u) => (
                chat_select!(
                    "WHERE c.status = 'normal' AND c.id > $3 \
                     AND (c.id IN (SELECT chat_id FROM chat_members WHERE user_id = $2) \
                          OR (c.tenant_id = $1 AND c.chat_type = 'public')) \
                     AND (LOWER(c.name) LIKE $4 ESCAPE '\\' OR LOWER(COALESCE(c.i18n_zh_cn, '')) LIKE $4 ESCAPE '\\' \
                          OR LOWER(COALESCE(c.i18n_en_us, '')) LIKE $4 ESCAPE '\\' \
                          OR LOWER(COALESCE(c.i18n_ja_jp, '')) LIKE $4 ESCAPE '\\' \
                          OR EXISTS (SELECT 1 FROM chat_members sm JOIN users su ON su.id = sm.user_id \
                                     WHERE sm.chat_id = c.id AND LOWER(su.name) LIKE $4 ESCAPE '\\')) \
                     ORDER BY c.id LIMIT $5"
                ),
                u.0,
            ),
            ChatMemberRef::Bot(b) => (
                chat_select!(
                    "WHERE c.status = 'normal' AND c.id > $3 \
                     AND (c.id IN (SELECT chat_id FROM chat_bots WHERE app_id = $2) \
                          OR (c.tenant_id = $1 AND c.chat_type = 'public')) \
                     AND (LOWER(c.name) LIKE $4 ESCAPE '\\' OR LOWER(COALESCE(c.i18n_zh_cn, '')) LIKE $4 ESCAPE '\\' \
                          OR LOWER(COALESCE(c.i18n_en_us, '')) LIKE $4 ESCAPE '\\' \
                          OR LOWER(COALESCE(c.i18n_ja_jp, '')) LIKE $4 ESCAPE '\\' \
                          OR EXISTS (SELECT 1 FROM chat_members sm JOIN users su ON su.id = sm.user_id \
                                     WHERE sm.chat_id = c.id AND LOWER(su.name) LIKE $4 ESCAPE '\\')) \
                     ORDER BY c.id LIMIT $5"
                ),
                b.0,
            ),
        };
        self.all(sql, p![tenant.0, who_id, after.map_or(0, |c| c.0), pattern.as_str(), limit as i64], chat_row)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(super::like_pattern("a%b_c\\"), "%a\\%b\\_c\\\\%");
    }
}
