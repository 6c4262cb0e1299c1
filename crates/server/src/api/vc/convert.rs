//! Conversions between VC wire types and the meeting domain: query parameters, request bodies,
//! and reserve/meeting objects rendered in the caller's id type.

use crate::http::errors::ApiError;
use roster_domain::Timestamp;
use roster_domain::ids::UserIdType;
use roster_domain::model::{CheckList, CheckMode, LARK_USER, Participant, ParticipantStatus, Reserve};
use roster_domain::services::meetings::live::MeetingView;
use roster_domain::services::meetings::reserves::{CheckerInput, PermissionInput, ReserveView, SettingsInput};
use roster_domain::services::meetings::{IdNames, PartyRef};
use roster_proto::de::{opt_int_or_string, opt_lark_bool};
use roster_proto::vc as wire;
use serde::Deserialize;

/// The query parameters VC endpoints take.
#[derive(Debug, Default, Deserialize)]
pub struct VcQuery {
    pub user_id_type: Option<String>,
    #[serde(default, deserialize_with = "opt_lark_bool")]
    pub with_participants: Option<bool>,
    #[serde(default, deserialize_with = "opt_lark_bool")]
    pub with_meeting_ability: Option<bool>,
    #[serde(default, deserialize_with = "opt_int_or_string")]
    pub query_mode: Option<i64>,
}

/// `user_id_type`, defaulting to open_id.
pub fn id_type(raw: Option<&str>) -> Result<UserIdType, ApiError> {
    match raw {
        None | Some("") => Ok(UserIdType::OpenId),
        Some(t) => UserIdType::parse(t)
            .ok_or_else(|| ApiError::invalid("user_id_type", "must be open_id, union_id or user_id")),
    }
}

impl VcQuery {
    pub fn id_type(&self) -> Result<UserIdType, ApiError> {
        id_type(self.user_id_type.as_deref())
    }
}

pub fn party_ref(u: wire::MeetingUser) -> PartyRef {
    PartyRef { id: u.id, user_type: u.user_type }
}

pub fn party_refs(v: Option<Vec<wire::MeetingUser>>) -> Vec<PartyRef> {
    v.unwrap_or_default().into_iter().map(party_ref).collect()
}

pub fn settings_input(s: wire::ReserveMeetingSetting) -> SettingsInput {
    SettingsInput {
        topic: s.topic,
        action_permissions: s.action_permissions.map(|ps| {
            ps.into_iter()
                .map(|p| PermissionInput {
                    permission: p.permission,
                    checkers: p.permission_checkers.map(|cs| {
                        cs.into_iter()
                            .map(|c| CheckerInput {
                                check_field: c.check_field,
                                check_mode: c.check_mode,
                                check_list: c.check_list,
                            })
                            .collect()
                    }),
                })
                .collect()
        }),
        meeting_initial_type: s.meeting_initial_type,
        auto_record: s.auto_record,
        meeting_connect: s.meeting_connect,
        assign_host_list: s
            .assign_host_list
            .map(|hs| hs.into_iter().map(|h| PartyRef { id: h.id, user_type: h.user_type }).collect()),
        password: s.password,
    }
}

fn settings_to_wire(r: &Reserve, names: &IdNames) -> wire::ReserveMeetingSetting {
    let s = &r.settings;
    let action_permissions = s
        .action_permissions
        .iter()
        .map(|p| wire::ActionPermission {
            permission: Some(p.permission.code()),
            permission_checkers: Some(
                p.checkers
                    .iter()
                    .map(|c| {
                        let (field, list) = match &c.list {
                            CheckList::Users(us) => {
                                (1, us.iter().filter_map(|u| names.user(*u).map(str::to_owned)).collect())
                            }
                            CheckList::UserTypes(ts) => (2, ts.iter().map(i64::to_string).collect()),
                            CheckList::TenantKeys(ks) => (3, ks.clone()),
                        };
                        let mode = match c.mode {
                            CheckMode::Allow => 1,
                            CheckMode::Deny => 2,
                        };
                        wire::PermissionChecker {
                            check_field: Some(field),
                            check_mode: Some(mode),
                            check_list: Some(list),
                        }
                    })
                    .collect(),
            ),
        })
        .collect();
    wire::ReserveMeetingSetting {
        topic: Some(s.topic.clone()),
        action_permissions: Some(action_permissions),
        meeting_initial_type: Some(1),
        meeting_connect: Some(s.meeting_connect),
        call_setting: None,
        auto_record: Some(s.auto_record),
        assign_host_list: Some(
            s.assign_hosts
                .iter()
                .filter_map(|u| names.user(*u))
                .map(|id| wire::AssignHost { user_type: Some(LARK_USER), id: Some(id.to_owned()) })
                .collect(),
        ),
        password: s.password.clone(),
    }
}

pub fn join_url(public_url: &str, meeting_no: &str) -> String {
    format!("{public_url}/j/{meeting_no}")
}

pub fn reserve_to_wire(public_url: &str, now: Timestamp, v: &ReserveView) -> wire::Reserve {
    let r = &v.reserve;
    wire::Reserve {
        id: r.id.0.to_string(),
        meeting_no: r.meeting_no.clone(),
        password: r.settings.password.clone(),
        url: join_url(public_url, &r.meeting_no),
        end_time: r.end_time.to_string(),
        expire_status: if r.is_expired(now) { 2 } else { 1 },
        reserve_user_id: v.names.user(r.owner).unwrap_or("").to_owned(),
        meeting_settings: settings_to_wire(r, &v.names),
    }
}

pub fn reserve_data(public_url: &str, now: Timestamp, v: &ReserveView, with_check_info: bool) -> wire::ReserveData {
    wire::ReserveData {
        reserve: reserve_to_wire(public_url, now, v),
        reserve_correction_check_info: with_check_info
            .then(|| wire::ReserveCorrectionCheckInfo { invalid_host_id_list: v.invalid_hosts.clone() }),
    }
}

fn secs(t: Timestamp) -> String {
    t.secs().to_string()
}

fn participant_to_wire(
    now: Timestamp,
    host: Option<i64>,
    names: &IdNames,
    p: &Participant,
) -> Option<wire::Participant> {
    Some(wire::Participant {
        id: names.party(&p.party)?,
        first_join_time: p.first_join.map(secs),
        final_leave_time: match p.status {
            ParticipantStatus::InMeeting => None,
            _ => p.final_leave.map(secs),
        },
        in_meeting_duration: (p.duration_ms(now) / 1000).to_string(),
        user_type: p.party.user_type(),
        is_host: p.party.user().map(|u| u.0) == host && host.is_some(),
        is_cohost: false,
        is_external: false,
        status: p.status.code(),
    })
}

pub fn host_user(names: &IdNames, host: Option<roster_domain::ids::UserId>) -> Option<wire::HostUser> {
    let id = names.user(host?)?;
    Some(wire::HostUser { id: id.to_owned(), user_type: LARK_USER })
}

pub fn meeting_to_wire(public_url: &str, now: Timestamp, v: &MeetingView, with_ability: bool) -> wire::Meeting {
    let m = &v.meeting;
    let host = m.host.map(|h| h.0);
    wire::Meeting {
        id: m.id.0.to_string(),
        topic: m.settings.topic.clone(),
        url: join_url(public_url, &m.meeting_no),
        meeting_no: m.meeting_no.clone(),
        password: m.settings.password.clone(),
        create_time: secs(m.start_time),
        start_time: secs(m.start_time),
        end_time: m.end_time.map(secs),
        host_user: host_user(&v.names, m.host),
        meeting_connect: m.settings.meeting_connect,
        status: m.status.code(),
        participant_count: m.peak_count.to_string(),
        participant_count_accumulated: v.ever_joined.to_string(),
        participants: v
            .participants
            .as_ref()
            .map(|ps| ps.iter().filter_map(|p| participant_to_wire(now, host, &v.names, p)).collect()),
        ability: with_ability.then(wire::MeetingAbility::default),
    }
}
