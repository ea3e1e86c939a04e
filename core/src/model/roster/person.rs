//! One person, owned, and the small enums of a person's part and
//! attendance.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::names::names;

/// Splits a full name into (given, family), the one rule for every name
/// written whole (an import's name column, a reply's `CN`): "Family, Given"
/// when there is a comma, else the last word is the family name; one word
/// is a family name.
#[inline]
pub(crate) fn split_full_name(full: &str) -> (&str, &str) {
    let full = full.trim();
    if let Some((family, given)) = full.split_once(',') {
        return (given.trim(), family.trim());
    }
    match full.rsplit_once(char::is_whitespace) {
        Some((given, family)) => (given.trim(), family.trim()),
        None => ("", full),
    }
}

pub(crate) fn full_name(given: &str, family: &str) -> String {
    let given = given.trim();
    let family = family.trim();
    match (given.is_empty(), family.is_empty()) {
        (false, false) => format!("{given} {family}"),
        (true, _) => family.to_owned(),
        (false, true) => given.to_owned(),
    }
}

/// One invited person, owned: what is put on a [`Roster`](crate::Roster) and taken from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Person {
    /// Given name or names ("Anne Kristine").
    pub given_name: String,
    /// Family name ("Feltman").
    pub family_name: String,
    /// The organisation the person represents ("Bærum kommune").
    #[serde(default)]
    pub organisation: String,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone number as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Job title (*stilling*), as written: "Rådgiver", "Daglig leder".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The person's part in the body.
    #[serde(default)]
    pub role: Role,
    /// For a substitute (or anyone standing in): the person on the roster
    /// they stand in for, by email or by full name ("Anne Kristine
    /// Feltman"); validation reports one that names nobody.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub substitute_for: Option<String>,
    /// What the person answered to the invitation, before the meeting.
    #[serde(default, skip_serializing_if = "Response::is_needs_action")]
    pub response: Response,
    /// What happened at the meeting: whether the person came.
    #[serde(default)]
    pub attendance: Attendance,
    /// The reason given for not coming (*forfall*), when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excuse: Option<String>,
    /// Attributes the model does not know (further columns of an import),
    /// by name. Kept so that nothing read is lost.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique_keys"
    )]
    pub extra: BTreeMap<String, String>,
}

impl Person {
    /// A member, invited, with no email, phone or extra attributes.
    pub fn new(
        given_name: impl Into<String>,
        family_name: impl Into<String>,
        organisation: impl Into<String>,
    ) -> Person {
        Person {
            given_name: given_name.into(),
            family_name: family_name.into(),
            organisation: organisation.into(),
            email: None,
            phone: None,
            title: None,
            role: Role::Member,
            substitute_for: None,
            response: Response::NeedsAction,
            attendance: Attendance::Invited,
            excuse: None,
            extra: BTreeMap::new(),
        }
    }

    /// Given and family name, separated by a space, as printed on a list.
    pub fn full_name(&self) -> String {
        full_name(&self.given_name, &self.family_name)
    }
}

/// A person's part in the body.
///
/// The members' roles are those of the archive's code list
/// *møtedeltakerfunksjon* (Fiks Arkiv): see [`Role::archive_code`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Role {
    /// A member (the default).
    #[default]
    Member,
    /// The chair (leder / møteleder).
    Chair,
    /// The secretary (sekretær / referent).
    Secretary,
    /// A guest invited for an item.
    Guest,
    /// An observer without a vote.
    Observer,
    /// The deputy chair (nestleder).
    DeputyChair,
    /// A substitute (varamedlem), who may stand in for a member: see
    /// [`Person::substitute_for`].
    Substitute,
}

names!(Role, "role" {
    Member => "member", "medlem", ["fast medlem"];
    Chair => "chair", "leder", ["chairperson", "møteleder", "styreleder", "leiar"];
    Secretary => "secretary", "sekretær", ["referent", "sekretariat"];
    Guest => "guest", "gjest";
    Observer => "observer", "observatør";
    DeputyChair => "deputy_chair", "nestleder", ["vice chair", "nestleiar", "nestformann"];
    Substitute => "substitute", "varamedlem", ["vara", "varamann", "vararepresentant"];
});

impl Role {
    /// The code of the role in the archive's code list
    /// *møtedeltakerfunksjon* (Fiks Arkiv v1): `LEDER`, `NESTL`, `MEDL`,
    /// `VARA`, `SEKR`. Guests and observers are not participants of the
    /// body and have none.
    pub fn archive_code(self) -> Option<&'static str> {
        match self {
            Role::Chair => Some("LEDER"),
            Role::DeputyChair => Some("NESTL"),
            Role::Member => Some("MEDL"),
            Role::Substitute => Some("VARA"),
            Role::Secretary => Some("SEKR"),
            Role::Guest | Role::Observer => None,
        }
    }

    /// The role of an archive code (`"VARA"`), if it is one.
    pub fn from_archive_code(code: &str) -> Option<Role> {
        Role::ALL
            .iter()
            .copied()
            .find(|r| r.archive_code() == Some(code.trim()))
    }

    /// Whether the role counts among the members of the body for a quorum
    /// (chair, deputy chair, member).
    pub fn is_member_of_body(self) -> bool {
        matches!(self, Role::Chair | Role::DeputyChair | Role::Member)
    }
}

/// What a person answered to the invitation: the participation statuses of
/// iCalendar (RFC 5545 `PARTSTAT`) that a reply can carry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Response {
    /// No answer yet (the default).
    #[default]
    NeedsAction,
    /// Will come.
    Accepted,
    /// Will not come.
    Declined,
    /// May come.
    Tentative,
    /// Sends someone else (see the delegate's `substitute_for`).
    Delegated,
}

names!(Response, "response" {
    NeedsAction => "needs_action", "ikke svart", ["no answer", "ubesvart"];
    Accepted => "accepted", "kommer", ["accept", "ja", "yes", "påmeldt", "deltar"];
    Declined => "declined", "kommer ikke", ["decline", "nei", "no", "avslått", "deltar ikke"];
    Tentative => "tentative", "kanskje", ["maybe", "usikker"];
    Delegated => "delegated", "sender vara", ["delegert", "delegate"];
});

impl Response {
    /// The iCalendar `PARTSTAT` value (`NEEDS-ACTION`, `ACCEPTED`, …).
    pub fn partstat(self) -> &'static str {
        match self {
            Response::NeedsAction => "NEEDS-ACTION",
            Response::Accepted => "ACCEPTED",
            Response::Declined => "DECLINED",
            Response::Tentative => "TENTATIVE",
            Response::Delegated => "DELEGATED",
        }
    }

    /// The response of a `PARTSTAT` value, matched without regard to case.
    pub fn from_partstat(value: &str) -> Option<Response> {
        Response::ALL
            .iter()
            .copied()
            .find(|r| r.partstat().eq_ignore_ascii_case(value.trim()))
    }

    fn is_needs_action(&self) -> bool {
        *self == Response::NeedsAction
    }
}

/// Whether a person came to the meeting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Attendance {
    /// Invited; not known whether they come (the default).
    #[default]
    #[serde(alias = "unknown")]
    Invited,
    /// Came.
    Present,
    /// Sent word they could not come ("forfall").
    Excused,
    /// Did not come, without word.
    Absent,
}

names!(Attendance, "attendance" {
    Invited => "invited", "invitert", ["unknown", "ukjent"];
    Present => "present", "til stede", ["møtt", "ja", "yes"];
    Excused => "excused", "forfall", ["meldt forfall"];
    Absent => "absent", "fravær", ["ikke møtt", "nei", "no"];
});

/// Reads `extra`, refusing a name given twice: JSON readers disagree on
/// which value wins, so neither is taken silently.
fn unique_keys<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, String>, D::Error> {
    struct Unique;
    impl<'de> serde::de::Visitor<'de> for Unique {
        type Value = BTreeMap<String, String>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a map of attribute names to text")
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some((key, value)) = map.next_entry::<String, String>()? {
                if out.contains_key(&key) {
                    return Err(serde::de::Error::custom(format_args!(
                        "the attribute {:?} is given twice",
                        crate::error::shorten(&key)
                    )));
                }
                out.insert(key, value);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Unique)
}

#[cfg(test)]
mod tests {
    use super::split_full_name;

    #[test]
    fn full_names_split_on_the_last_word_or_the_comma() {
        assert_eq!(
            split_full_name("Anne Kristine Feltman"),
            ("Anne Kristine", "Feltman")
        );
        assert_eq!(
            split_full_name("Feltman, Anne Kristine"),
            ("Anne Kristine", "Feltman")
        );
        assert_eq!(split_full_name("Cher"), ("", "Cher"));
    }
}
