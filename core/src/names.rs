//! The names of the model's small enums, one table each: the name written
//! in JSON and taken by the bindings, its Norwegian word where a document
//! or an export needs one, and the other words a person may type.
//!
//! Each table gives the type `ALL`, `name()`, `word(Language)`,
//! `FromStr` and `Display`. Parsing folds case, accents, spaces and
//! punctuation (as [`fold_name`] does), so `"Til stede"`, `"tilstede"`
//! and `"present"` are one attendance; an unknown name is an
//! [`ErrorKind::InvalidName`](crate::ErrorKind::InvalidName) that lists
//! the names taken.

use unicode_normalization::UnicodeNormalization;

/// A name folded for matching: lowercase, without accents, spaces,
/// hyphens, underscores, dots, slashes or colons; `æ` as `ae`, `ø` as `o`
/// ("E-post" = "epost", "Oppmøte" = "oppmote", "Til stede" = "tilstede").
pub(crate) fn fold_name(name: &str) -> String {
    // Most cells are ASCII or Norwegian letters: folded here, without the
    // decomposition an import would otherwise run on every role cell of a
    // file (job titles in a role column are a cell per row). Anything else
    // takes the general path, which this agrees with (a property test).
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            'æ' | 'Æ' => out.push_str("ae"),
            'ø' | 'Ø' => out.push('o'),
            'å' | 'Å' | 'ä' | 'Ä' | 'á' | 'Á' | 'à' | 'À' => out.push('a'),
            'é' | 'É' | 'è' | 'È' => out.push('e'),
            'ö' | 'Ö' | 'ó' | 'Ó' | 'ô' | 'Ô' => out.push('o'),
            'ü' | 'Ü' => out.push('u'),
            c if c.is_whitespace() || matches!(c, '-' | '_' | '.' | '/' | ':') => {}
            c if c.is_ascii() => out.push(c),
            _ => return fold_name_decomposed(name),
        }
    }
    out
}

/// [`fold_name`] for any text: decomposed, marks dropped.
fn fold_name_decomposed(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.nfd() {
        match c {
            'æ' | 'Æ' => out.push_str("ae"),
            'ø' | 'Ø' => out.push('o'),
            c if unicode_normalization::char::is_combining_mark(c) => {}
            c if c.is_whitespace() || matches!(c, '-' | '_' | '.' | '/' | ':') => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod fold_tests {
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn the_fast_fold_agrees_with_the_decomposing_one(
            name in "[a-zA-Z0-9 æøåÆØÅäöüéèáàóôÄÖÜÉÈÁÀÓÔ_./:,;!ñç\u{301}\u{30a}\t-]{0,20}"
        ) {
            prop_assert_eq!(super::fold_name(&name), super::fold_name_decomposed(&name));
        }
    }
}

/// No name of any table is near this long; a 100 MB "name" is not worth
/// folding.
pub(crate) const MAX_NAME: usize = 64;

/// Implements the names of an enum from its table: per variant the name,
/// the Norwegian word, and other words taken when parsing.
macro_rules! names {
    ($type:ident, $what:literal {
        $($variant:ident => $name:literal, $word:literal $(, [$($alias:literal),*])?;)*
    }) => {
        impl $type {
            /// Every value, in declaration order.
            pub const ALL: &'static [$type] = &[$($type::$variant,)*];

            /// The name, as written in JSON and taken by every binding.
            pub fn name(self) -> &'static str {
                match self {
                    $($type::$variant => $name,)*
                }
            }

            /// The word for it in `language`: the name in English, the
            /// Norwegian word in bokmål.
            pub fn word(self, language: $crate::names::Language) -> &'static str {
                match language {
                    $crate::names::Language::English => self.name(),
                    $crate::names::Language::Norwegian => match self {
                        $($type::$variant => $word,)*
                    },
                }
            }

            /// The value one of whose words folds to `folded` (as
            /// [`fold_name`](crate::names::fold_name) gives it); `None` for an unknown name.
            pub(crate) fn from_folded(folded: &str) -> Option<$type> {
                // Folded once, on first use: the importer asks per row.
                static TABLE: std::sync::OnceLock<Vec<(String, $type)>> =
                    std::sync::OnceLock::new();
                let table = TABLE.get_or_init(|| {
                    vec![$(
                        ($crate::names::fold_name($name), $type::$variant),
                        ($crate::names::fold_name($word), $type::$variant),
                        $($(($crate::names::fold_name($alias), $type::$variant),)*)?
                    )*]
                });
                table.iter().find(|(key, _)| key == folded).map(|(_, value)| *value)
            }
        }

        impl std::str::FromStr for $type {
            type Err = $crate::Error;

            /// # Errors
            ///
            /// [`ErrorKind::InvalidName`](crate::ErrorKind::InvalidName)
            /// for a name that is none of this type's words.
            fn from_str(text: &str) -> Result<$type, $crate::Error> {
                let found = if text.len() > $crate::names::MAX_NAME {
                    None
                } else {
                    $type::from_folded(&$crate::names::fold_name(text))
                };
                found.ok_or_else(|| {
                    $crate::Error::invalid_name($what, text, &[$($name),*])
                })
            }
        }

        impl std::fmt::Display for $type {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}
pub(crate) use names;

/// The language of a document or of an exported roster's header.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Language {
    /// Norwegian bokmål (the default), in the seed's conventions.
    #[default]
    Norwegian,
    /// English.
    English,
}

names!(Language, "language" {
    Norwegian => "nb", "nb", ["no", "nob", "norsk", "bokmal", "norwegian"];
    English => "en", "en", ["eng", "engelsk", "english"];
});

impl Language {
    /// `nb` or `en`: the same as [`Language::name`], the language tag of
    /// an HTML document.
    pub fn code(self) -> &'static str {
        self.name()
    }
}

/// The language of an exported header: the same type as [`Language`].
pub type HeaderLanguage = Language;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Attendance, ErrorCode, Role};

    #[test]
    fn names_fold_case_accents_and_punctuation() {
        assert_eq!(fold_name(" Oppmøte "), "oppmote");
        assert_eq!(fold_name("E-post"), "epost");
        assert_eq!(fold_name("Sekretær"), "sekretaer");
        assert_eq!(
            "Til stede".parse::<Attendance>().unwrap(),
            Attendance::Present
        );
        assert_eq!("LEDER".parse::<Role>().unwrap(), Role::Chair);
        assert_eq!("no".parse::<Language>().unwrap(), Language::Norwegian);
    }

    #[test]
    fn every_name_and_word_reads_back() {
        for &role in Role::ALL {
            for language in Language::ALL {
                assert_eq!(role.word(*language).parse::<Role>().unwrap(), role);
            }
            assert_eq!(role.to_string(), role.name());
        }
        for &a in Attendance::ALL {
            for language in Language::ALL {
                assert_eq!(a.word(*language).parse::<Attendance>().unwrap(), a);
            }
        }
        for &r in crate::model::roster::Response::ALL {
            for language in Language::ALL {
                assert_eq!(
                    r.word(*language)
                        .parse::<crate::model::roster::Response>()
                        .unwrap(),
                    r
                );
            }
            assert_eq!(
                crate::model::roster::Response::from_partstat(r.partstat()),
                Some(r)
            );
        }
    }

    #[test]
    fn an_unknown_name_lists_the_names_taken() {
        let err = "Rådgiver".parse::<Role>().unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidArgument);
        assert_eq!(err.kind_name(), "invalid_argument");
        assert_eq!(
            err.to_string(),
            "unknown role \"Rådgiver\": expected member, chair, secretary, guest, observer, deputy_chair, substitute"
        );
        let long = "x".repeat(10_000);
        assert!(long.parse::<Role>().unwrap_err().to_string().len() < 200);
    }
}
