//! The committed JSON Schema is what the types give now.

#[test]
fn the_committed_schema_is_fresh() {
    let schema = roundtable::meeting_schema();
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema/meeting.schema.json");
    if std::env::var_os("ROUNDTABLE_WRITE_GOLDEN").is_some() {
        std::fs::write(&path, &schema).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(committed == schema, "schema/meeting.schema.json is stale: ROUNDTABLE_WRITE_GOLDEN=1 cargo test --test schema rewrites it");
    let value: serde_json::Value = serde_json::from_str(&schema).unwrap();
    assert_eq!(value["title"], "Meeting");
    assert!(value["required"]
        .as_array()
        .unwrap()
        .iter()
        .any(|v| v == "schema_version"));
    assert_eq!(
        value["additionalProperties"], false,
        "unknown fields are refused, as by the loader"
    );
}
