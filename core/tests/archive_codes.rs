//! The roles' archive codes against the official Fiks Arkiv code list
//! (a copy under tests/fiks-arkiv, with its licence).

use roundtable::{Language, Role};

#[test]
fn every_code_of_the_list_is_one_role_and_back() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fiks-arkiv/kodelister/moetedeltakerfunksjon.json"
    );
    let list: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let entries = list["kodeliste"].as_array().unwrap();
    let mut listed = Vec::new();
    for entry in entries {
        let code = entry["kodeverdi"].as_str().unwrap();
        let description = entry["kodebeskrivelse"].as_str().unwrap();
        let role = Role::from_archive_code(code).unwrap_or_else(|| panic!("no role for {code}"));
        assert_eq!(role.archive_code(), Some(code));
        // The list's description is the role's bokmål word.
        assert_eq!(
            description.to_lowercase(),
            role.word(Language::Norwegian),
            "{code}"
        );
        listed.push(code);
    }
    // Every role with a code is in the list; guests and observers have none.
    for role in Role::ALL {
        match role.archive_code() {
            Some(code) => assert!(listed.contains(&code), "{code} not in the list"),
            None => assert!(matches!(role, Role::Guest | Role::Observer)),
        }
    }
}
