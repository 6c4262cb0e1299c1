//! Domain events, by area. Each is a [`crate::model::DomainEvent`] with internal ids; the
//! dispatcher renders it into Lark's schema 2.0 payload for each receiving app.

pub mod contact;
