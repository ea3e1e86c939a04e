//! The model: the types a meeting document is made of — the meeting and
//! its notice, the agenda items and their kinds, the contributions, the
//! roster and its people, the meeting's time and zone, the archive's fields
//! of a meeting and an item, and the trace replies leave (`ReplyRecord`, with the meeting).
//!
//! This is the ground floor. Every feature (validation, import and export,
//! rendering, the calendar, replies, the archive, the meeting plan) stands
//! on it; no file here imports a feature, only the small shared floors
//! (`codes`, `error`, `names`, `text`). What a feature does *with* a
//! meeting is an `impl Meeting` block in that feature's module.

pub(crate) mod agenda;
pub(crate) mod archive;
pub(crate) mod contribution;
pub(crate) mod meeting;
pub(crate) mod roster;
pub(crate) mod time;
pub(crate) mod zone;
