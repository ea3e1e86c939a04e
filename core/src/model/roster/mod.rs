//! The roster of invited people.

use std::collections::HashMap;
use std::fmt;
use std::hash::BuildHasherDefault;

use crate::text::FastHasher;

mod duplicates;
mod parts;
mod person;
mod person_ref;
mod references;

use parts::{locate, Part, Rows};

pub(crate) use person::split_full_name;
pub use person::{Attendance, Person, Response, Role};
pub use person_ref::PersonRef;
pub(crate) use references::References;

/// The ids, among the extra values, of a person's optional fields: most
/// people have none of them, so they cost a row nothing, and a million-row
/// import keeps its rows small. Extra-name ids never come near them.
const TITLE: u32 = u32::MAX;
const SUBSTITUTE_FOR: u32 = u32::MAX - 1;
const EXCUSE: u32 = u32::MAX - 2;
const FIRST_FIELD: u32 = EXCUSE;

use serde::{Deserialize, Serialize, Serializer};

/// The people invited to a meeting, in order.
///
/// A roster may hold a million people from an import, so it does not keep a
/// [`Person`] with its own strings per row: all text lives in one buffer,
/// each person is a few offsets into it, and an organisation that repeats on
/// every row is stored once. (Two imports running side by side each fill
/// a buffer and a list of their own; the roster then keeps them all
/// rather than copy one into the other, until its first change.) Read a
/// person through [`PersonRef`]; change one with [`Roster::update`] or
/// [`Roster::set`]. Text replaced by an edit stays in the buffer until the
/// roster is rebuilt (cloning or collecting it again), which is the right
/// trade for a list that is mostly read.
///
/// # Example
///
/// ```
/// use roundtable::{Person, Roster};
///
/// let mut roster = Roster::default();
/// roster.push(Person::new("Anne Kristine", "Feltman", "Bærum kommune"));
/// roster.update(0, |p| p.email = Some("anne.feltman@baerum.kommune.no".into()));
/// let anne = roster.get(0).unwrap();
/// assert_eq!(anne.full_name(), "Anne Kristine Feltman");
/// assert_eq!(anne.email(), Some("anne.feltman@baerum.kommune.no"));
/// ```
#[derive(Clone)]
pub struct Roster {
    /// The text buffers; new text goes to the last. Never empty.
    segments: Vec<String>,
    /// The people, as the lists of the parts that wrote them; never empty.
    parts: Vec<Part>,
    /// Each organisation's text: (segment, span).
    organisations: Vec<(u16, Span)>,
    organisation_ids: HashMap<Box<str>, u32, BuildHasherDefault<FastHasher>>,
    extra_names: Vec<Box<str>>,
    /// The id of each extra name: a file with thousands of columns finds
    /// them without a search each.
    extra_ids: HashMap<Box<str>, u32, BuildHasherDefault<FastHasher>>,
}

/// A piece of the roster's text buffer. `NONE` stands for an absent value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    start: u32,
    len: u32,
}

/// Where a row's given name, family name, email and phone stand: from
/// `start`, one after another, each as long as its length; an absent
/// email or phone has the length [`Names::ABSENT`] and takes no room.
#[derive(Debug, Clone, Copy)]
struct Names {
    start: u32,
    given: u32,
    family: u32,
    email: u32,
    phone: u32,
}

impl Names {
    const ABSENT: u32 = u32::MAX;

    fn len(length: u32) -> u32 {
        if length == Names::ABSENT {
            0
        } else {
            length
        }
    }

    fn span(start: u32, len: u32) -> Span {
        if len == Names::ABSENT {
            Span::NONE
        } else {
            Span { start, len }
        }
    }

    fn given(&self) -> Span {
        Names::span(self.start, self.given)
    }

    fn family(&self) -> Span {
        Names::span(self.start.wrapping_add(self.given), self.family)
    }

    fn email(&self) -> Span {
        let at = self
            .start
            .wrapping_add(self.given)
            .wrapping_add(self.family);
        Names::span(at, self.email)
    }

    fn phone(&self) -> Span {
        let at = self
            .start
            .wrapping_add(self.given)
            .wrapping_add(self.family)
            .wrapping_add(Names::len(self.email));
        Names::span(at, self.phone)
    }
}

impl Span {
    const NONE: Span = Span {
        start: u32::MAX,
        len: 0,
    };
    const EMPTY: Span = Span { start: 0, len: 0 };
}

const _: () = assert!(std::mem::size_of::<Row>() <= 40);

/// A person: text in the buffer `segment`. The optional fields and extra
/// values, then the names, email and phone, are written one after
/// another, so a row keeps where its names start and the lengths (40
/// bytes a row instead of 52, and 8 an extra value instead of 12: a
/// seventh of a large import's memory).
#[derive(Debug, Clone, Copy)]
struct Row {
    segment: u16,
    names: Names,
    organisation: u32,
    extra_start: u32,
    extra_len: u32,
    role: Role,
    response: Response,
    attendance: Attendance,
}

impl Default for Roster {
    fn default() -> Self {
        Roster::with_capacity(0, 0)
    }
}

impl Roster {
    /// An empty roster.
    pub fn new() -> Roster {
        Roster::default()
    }

    /// An empty roster with room for `people` people and `text` bytes of
    /// names, so that a large import grows its buffers once.
    pub fn with_capacity(people: usize, text: usize) -> Roster {
        Roster {
            segments: vec![String::with_capacity(text)],
            parts: vec![Part::own(people)],
            organisations: Vec::new(),
            organisation_ids: HashMap::default(),
            extra_names: Vec::new(),
            extra_ids: HashMap::default(),
        }
    }

    /// How many people are on it.
    pub fn len(&self) -> usize {
        self.parts.last().map_or(0, |p| p.first + p.rows.len())
    }

    /// Whether nobody is on it.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The person at `index`, if there is one.
    pub fn get(&self, index: usize) -> Option<PersonRef<'_>> {
        locate(&self.parts, index).map(|(part, row)| PersonRef {
            roster: self,
            part,
            row,
        })
    }

    /// The people, in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            roster: self,
            rows: Rows::new(&self.parts, self.len()),
        }
    }

    /// Adds a person at the end.
    pub fn push(&mut self, person: Person) {
        let row = self.row_of(&person);
        self.own().rows.push(row);
    }

    /// Inserts a person before `index` (at the end when `index` is past
    /// it).
    pub fn insert(&mut self, index: usize, person: Person) {
        let row = self.row_of(&person);
        let rows = &mut self.own().rows;
        let at = index.min(rows.len());
        rows.insert(at, row);
    }

    /// Replaces the person at `index`. Returns whether there was one to
    /// replace; past the end, nothing changes.
    pub fn set(&mut self, index: usize, person: &Person) -> bool {
        if index >= self.len() {
            return false;
        }
        let row = self.row_of(person);
        self.own().rows[index] = row;
        true
    }

    /// Changes the person at `index` through `change`, and gives back what
    /// `change` returns; `None` when there is no such index.
    pub fn update<R>(&mut self, index: usize, change: impl FnOnce(&mut Person) -> R) -> Option<R> {
        let mut person = self.get(index)?.to_person();
        let result = change(&mut person);
        let row = self.row_of(&person);
        self.own().rows[index] = row;
        Some(result)
    }

    /// Removes and returns the person at `index`, if there is one.
    pub fn remove(&mut self, index: usize) -> Option<Person> {
        let person = self.get(index)?.to_person();
        self.own().rows.remove(index);
        Some(person)
    }

    /// The one part, with the roster's own numbers, that a change goes to:
    /// a joined import's parts are made one on its first change (a copy
    /// of every row, once), so that edits need no translation.
    #[inline]
    fn own(&mut self) -> &mut Part {
        if !matches!(&self.parts[..], [one] if one.is_own()) {
            self.make_one();
        }
        &mut self.parts[0]
    }

    #[cold]
    fn make_one(&mut self) {
        let mut one = Part::own(self.len());
        for part in &self.parts {
            let extra_base = one.extra_values.len() as u32;
            one.extra_values.extend(
                part.extra_values
                    .iter()
                    .map(|&(id, len)| (part.name(id), len)),
            );
            one.rows.extend(part.rows.iter().map(|row| Row {
                segment: part.segment(row),
                organisation: part.organisation(row.organisation),
                extra_start: row.extra_start + extra_base,
                ..*row
            }));
        }
        self.parts = vec![one];
    }

    /// The people as owned values.
    pub fn to_people(&self) -> Vec<Person> {
        self.iter().map(|p| p.to_person()).collect()
    }

    /// The names of the extra attributes anyone on the roster has, in the
    /// order they were first met (an import's column order).
    pub fn extra_names(&self) -> impl Iterator<Item = &str> {
        self.extra_names.iter().map(|n| &**n)
    }

    /// The distinct organisations of the people on the roster, in the
    /// order of the first person from each.
    pub fn organisations(&self) -> Vec<&str> {
        let mut seen = vec![false; self.organisations.len()];
        let mut out = Vec::new();
        for (part, row) in Rows::new(&self.parts, self.len()) {
            let id = part.organisation(row.organisation);
            if let Some(false) = seen.get(id as usize) {
                seen[id as usize] = true;
                out.push(self.organisation_text(id));
            }
        }
        out
    }

    fn organisation_text(&self, id: u32) -> &str {
        self.organisations
            .get(id as usize)
            .and_then(|&(segment, span)| self.slice(segment, span))
            .unwrap_or("")
    }

    /// How many bytes of memory the roster holds on the heap, roughly:
    /// what a benchmark of a large import reports.
    pub fn heap_size(&self) -> usize {
        let parts: usize = self
            .parts
            .iter()
            .map(|p| {
                p.rows.capacity() * std::mem::size_of::<Row>()
                    + p.extra_values.capacity() * std::mem::size_of::<(u32, u32)>()
                    + (p.organisations.capacity() + p.names.capacity()) * 4
            })
            .sum();
        self.segments.iter().map(String::capacity).sum::<usize>()
            + parts
            + self.organisations.capacity() * std::mem::size_of::<(u16, Span)>()
            + self.organisation_ids.capacity() * (std::mem::size_of::<(Box<str>, u32)>() + 1)
            + self.organisation_ids.keys().map(|k| k.len()).sum::<usize>()
            + self.extra_names.iter().map(|n| n.len() + 16).sum::<usize>()
    }

    fn slice(&self, segment: u16, span: Span) -> Option<&str> {
        if span == Span::NONE {
            return None;
        }
        let start = span.start as usize;
        self.segments
            .get(usize::from(segment))?
            .get(start..start + span.len as usize)
    }

    /// The segment new text goes to.
    fn last_segment(&self) -> u16 {
        (self.segments.len() - 1) as u16
    }

    /// Copies `value` into the last text buffer.
    // Inlined into the row reader: see `Roster::push_parts`.
    #[inline]
    pub(crate) fn store(&mut self, value: &str) -> Span {
        if value.is_empty() {
            return Span::EMPTY;
        }
        let Some(text) = self.segments.last_mut() else {
            return Span::NONE;
        };
        let start = text.len();
        text.push_str(value);
        // Offsets are u32 to keep a row small; a roster beyond 4 GiB of
        // names is refused by the importer before it gets here.
        Span {
            start: u32::try_from(start).unwrap_or(u32::MAX - 1),
            len: u32::try_from(value.len()).unwrap_or(0),
        }
    }

    /// Copies a person's names, email and phone one after another into
    /// the last text buffer.
    #[inline]
    fn store_names(
        &mut self,
        given: &str,
        family: &str,
        email: Option<&str>,
        phone: Option<&str>,
    ) -> Names {
        let start = self.text_len();
        let mut length = |value: Option<&str>| match value {
            None => Names::ABSENT,
            Some(value) => {
                // Within the 4 GiB the importer allows a buffer; an edit
                // past it is cut to what a length can say.
                let len = u32::try_from(value.len()).unwrap_or(Names::ABSENT - 1);
                if let Some(text) = self.segments.last_mut() {
                    text.push_str(value);
                }
                len
            }
        };
        Names {
            start: u32::try_from(start).unwrap_or(u32::MAX - 1),
            given: length(Some(given)),
            family: length(Some(family)),
            email: length(email),
            phone: length(phone),
        }
    }

    pub(crate) fn organisation_id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.organisation_ids.get(name) {
            return id;
        }
        let span = self.store(name);
        let id = self.organisations.len() as u32;
        self.organisations.push((self.last_segment(), span));
        self.organisation_ids.insert(name.into(), id);
        id
    }

    fn extra_name_id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.extra_ids.get(name) {
            return id;
        }
        let id = self.extra_names.len() as u32;
        self.extra_names.push(name.into());
        self.extra_ids.insert(name.into(), id);
        id
    }

    /// Stores the optional fields among the extra values of the one part
    /// (made so by the caller); gives how many.
    fn push_fields(&mut self, fields: [(u32, Option<&str>); 3]) -> u32 {
        let mut count = 0;
        for (id, value) in fields {
            if let Some(value) = value {
                let span = self.store(value);
                self.parts[0].extra_values.push((id, span.len));
                count += 1;
            }
        }
        count
    }

    fn row_of(&mut self, p: &Person) -> Row {
        let extra_start = self.own().extra_values.len() as u32;
        let fields = self.push_fields([
            (TITLE, p.title.as_deref()),
            (SUBSTITUTE_FOR, p.substitute_for.as_deref()),
            (EXCUSE, p.excuse.as_deref()),
        ]);
        for (name, value) in &p.extra {
            let id = self.extra_name_id(name);
            let span = self.store(value);
            self.parts[0].extra_values.push((id, span.len));
        }
        Row {
            segment: self.last_segment(),
            names: self.store_names(
                &p.given_name,
                &p.family_name,
                p.email.as_deref(),
                p.phone.as_deref(),
            ),
            organisation: self.organisation_id(&p.organisation),
            extra_start,
            extra_len: u32::try_from(p.extra.len())
                .unwrap_or(u32::MAX)
                .saturating_add(fields),
            role: p.role,
            response: p.response,
            attendance: p.attendance,
        }
    }

    /// Adds a person from borrowed parts, without building a [`Person`]:
    /// the importer's path. `extra` pairs are (extra-name id, value).
    /// Returns the organisation's id.
    // Inlined into the row reader, which calls it for every row from another
    // module and so, often, from another codegen unit, where it was not
    // inlined: with `store`, `clean_composed`, `DuplicateFinder::push` and
    // `OrgClasses::key` so marked, 2 % of an import's instructions.
    #[inline]
    pub(crate) fn push_parts(&mut self, parts: &PersonParts<'_>, extra: &[(u32, &str)]) -> u32 {
        let extra_start = self.own().extra_values.len() as u32;
        let fields = self.push_fields([
            (TITLE, parts.title),
            (SUBSTITUTE_FOR, parts.substitute_for),
            (EXCUSE, parts.excuse),
        ]);
        for (id, value) in extra {
            let span = self.store(value);
            self.parts[0].extra_values.push((*id, span.len));
        }
        let row = Row {
            segment: self.last_segment(),
            names: self.store_names(
                parts.given_name,
                parts.family_name,
                parts.email,
                parts.phone,
            ),
            organisation: self.organisation_id(parts.organisation),
            extra_start,
            extra_len: u32::try_from(extra.len())
                .unwrap_or(u32::MAX)
                .saturating_add(fields),
            role: parts.role,
            response: parts.response,
            attendance: parts.attendance,
        };
        self.parts[0].rows.push(row);
        row.organisation
    }

    /// Registers an extra attribute name, giving its id for `push_parts`.
    pub(crate) fn extra_id(&mut self, name: &str) -> u32 {
        self.extra_name_id(name)
    }

    /// Bytes in the last text buffer, for the importer's size guard.
    pub(crate) fn text_len(&self) -> usize {
        self.segments.last().map_or(0, String::len)
    }

    /// Moves the people of `other` to the end of this roster: its lists
    /// and text buffers come along as they are, not copied; only its
    /// organisations and extra names are looked up among this roster's.
    pub(crate) fn append(&mut self, other: Roster) {
        let base = self.segments.len() as u16;
        let first = self.len();
        let organisations: Vec<u32> = (0..other.organisations.len() as u32)
            .map(|id| {
                let name = other.organisation_text(id);
                if let Some(&known) = self.organisation_ids.get(name) {
                    return known;
                }
                let (segment, span) = other.organisations[id as usize];
                let new = self.organisations.len() as u32;
                self.organisations.push((segment + base, span));
                self.organisation_ids.insert(name.into(), new);
                new
            })
            .collect();
        let names: Vec<u32> = other
            .extra_names
            .iter()
            .map(|n| self.extra_name_id(n))
            .collect();
        // Each of `other`'s parts maps to `other`'s numbers, and those to
        // this roster's.
        let through = |map: &[u32], own: &[u32]| -> Vec<u32> {
            if map.is_empty() {
                own.to_vec()
            } else {
                map.iter()
                    .map(|&id| own.get(id as usize).copied().unwrap_or(id))
                    .collect()
            }
        };
        for part in other.parts {
            if part.rows.is_empty() {
                continue;
            }
            self.parts.push(Part {
                segment_base: part.segment_base + base,
                organisations: through(&part.organisations, &organisations),
                names: through(&part.names, &names),
                first: first + part.first,
                ..part
            });
        }
        // An empty first part (the roster this one started as) holds no
        // one: drop it, so that the parts' first indexes stay distinct.
        if self.parts.len() > 1 && self.parts[0].rows.is_empty() {
            self.parts.remove(0);
        }
        self.segments.extend(other.segments);
    }

    /// Releases spare capacity once a bulk import is done.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.segments.iter_mut().for_each(String::shrink_to_fit);
        for part in &mut self.parts {
            part.rows.shrink_to_fit();
            part.extra_values.shrink_to_fit();
        }
    }
}

/// The fields of a person as borrowed text: what the importer hands to the
/// roster without allocating.
pub(crate) struct PersonParts<'a> {
    pub given_name: &'a str,
    pub family_name: &'a str,
    pub organisation: &'a str,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub title: Option<&'a str>,
    pub role: Role,
    pub substitute_for: Option<&'a str>,
    pub response: Response,
    pub attendance: Attendance,
    pub excuse: Option<&'a str>,
}

/// The people of a [`Roster`], in order.
pub struct Iter<'a> {
    roster: &'a Roster,
    rows: Rows<'a>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = PersonRef<'a>;

    fn next(&mut self) -> Option<PersonRef<'a>> {
        let roster = self.roster;
        self.rows
            .next()
            .map(|(part, row)| PersonRef { roster, part, row })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.rows.size_hint()
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Roster {
    type Item = PersonRef<'a>;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl FromIterator<Person> for Roster {
    fn from_iter<I: IntoIterator<Item = Person>>(iter: I) -> Self {
        let mut roster = Roster::default();
        for person in iter {
            roster.push(person);
        }
        roster
    }
}

impl From<Vec<Person>> for Roster {
    fn from(people: Vec<Person>) -> Self {
        people.into_iter().collect()
    }
}

impl PartialEq for Roster {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().zip(other.iter()).all(|(a, b)| a == b)
    }
}

impl Eq for Roster {}

impl fmt::Debug for Roster {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Roster {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Roster {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Roster".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        Vec::<Person>::json_schema(generator)
    }
}

impl<'de> Deserialize<'de> for Roster {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<Person>::deserialize(d).map(Roster::from)
    }
}
