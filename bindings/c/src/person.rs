//! People: one person of a roster, copied out of it, and their fields.

use std::ffi::c_char;

use crate::convert::{c_str, handle, out_ptr, write_opt_string, write_string};
use crate::error::{free_box, guard, roundtable_status, Failure};

/// One person of a roster (opaque), copied out of it.
pub struct roundtable_person {
    pub(crate) person: roundtable::Person,
}

/// Frees a person. NULL is a no-op.
///
/// # Safety
///
/// `person` is NULL or a person from this library not freed before,
/// which no other thread is using.
#[no_mangle]
pub unsafe extern "C" fn roundtable_person_free(person: *mut roundtable_person) {
    free_box(person);
}

/// Writes a field of the person to `*out`, or NULL when it is absent; the
/// caller frees the string with roundtable_string_free().
///
/// `name` (NUL-terminated) is one of "given_name", "family_name",
/// "organisation", "email", "phone", "title", "role" ("member", "chair",
/// "secretary", "guest", "observer", "deputy_chair", "substitute"),
/// "archive_role" (the role's Fiks Arkiv code: "LEDER", "NESTL", "MEDL",
/// "VARA", "SEKR"; NULL for guests and observers), "substitute_for",
/// "response" ("needs_action", "accepted", "declined", "tentative",
/// "delegated"), "attendance" ("invited", "present", "excused", "absent")
/// or "excuse"; another name is the person's extra attribute of that name
/// (NULL when the person has none). Use roundtable_person_extra_name() to
/// list those.
///
/// # Safety
///
/// `person` is a valid person; `name` a NUL-terminated string; `out`
/// points to writable memory. Thread-safe on a shared person.
#[no_mangle]
pub unsafe extern "C" fn roundtable_person_field(
    person: *const roundtable_person,
    name: *const c_char,
    out: *mut *mut c_char,
) -> roundtable_status {
    guard(|| {
        let p = &handle(person, "person")?.person;
        let name = c_str(name, "name")?;
        let value = match name {
            "given_name" => Some(p.given_name.as_str()),
            "family_name" => Some(p.family_name.as_str()),
            "organisation" => Some(p.organisation.as_str()),
            "email" => p.email.as_deref(),
            "phone" => p.phone.as_deref(),
            "title" => p.title.as_deref(),
            "role" => Some(p.role.name()),
            "archive_role" => p.role.archive_code(),
            "substitute_for" => p.substitute_for.as_deref(),
            "response" => Some(p.response.name()),
            "attendance" => Some(p.attendance.name()),
            "excuse" => p.excuse.as_deref(),
            extra => p.extra.get(extra).map(String::as_str),
        };
        write_opt_string(out, value)
    })
}

/// Writes the number of extra attributes of the person to `*out`.
///
/// # Safety
///
/// `person` is a valid person; `out` points to writable memory.
/// Thread-safe on a shared person.
#[no_mangle]
pub unsafe extern "C" fn roundtable_person_extra_count(
    person: *const roundtable_person,
    out: *mut usize,
) -> roundtable_status {
    guard(|| {
        let p = handle(person, "person")?;
        out_ptr(out, "out")?;
        *out = p.person.extra.len();
        Ok(())
    })
}

/// Writes the name of extra attribute `index` (from 0, in name order) of
/// the person to `*out`; the caller frees it with roundtable_string_free().
///
/// # Safety
///
/// `person` is a valid person; `out` points to writable memory.
/// Thread-safe on a shared person.
#[no_mangle]
pub unsafe extern "C" fn roundtable_person_extra_name(
    person: *const roundtable_person,
    index: usize,
    out: *mut *mut c_char,
) -> roundtable_status {
    guard(|| {
        let p = &handle(person, "person")?.person;
        out_ptr(out, "out")?;
        let name = p
            .extra
            .keys()
            .nth(index)
            .ok_or_else(|| Failure::out_of_range("extra attribute", index, p.extra.len()))?;
        write_string(out, name)
    })
}
