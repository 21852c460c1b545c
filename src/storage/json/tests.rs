//! The reader and writer checked against serde_json, which stays a test-only dependency.

use proptest::prelude::*;

use super::*;

/// The text read as a tree.
fn parse(text: &str) -> Result<Value, Error> {
    from_str(text)
}

/// The same value as serde_json sees it: numbers as serde_json reads their text, and the last
/// of duplicate keys winning, as in serde_json's map.
fn to_serde(value: &Value) -> serde_json::Value {
    match value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(n) => serde_json::from_str(n).unwrap(),
        Value::String(s) => serde_json::Value::String(s.clone()),
        Value::Array(items) => serde_json::Value::Array(items.iter().map(to_serde).collect()),
        Value::Object(members) => serde_json::Value::Object(
            members
                .iter()
                .map(|(k, v)| (k.clone(), to_serde(v)))
                .collect(),
        ),
    }
}

fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        (any::<i32>(), 0u32..1000).prop_map(|(a, b)| format!("{a}.{b}")),
        (-99i32..99, 0i32..300).prop_map(|(a, e)| format!("{a}e-{e}")),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number().prop_map(Value::Number),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((any::<String>(), inner), 0..6).prop_map(Value::Object),
        ]
    })
}

/// A record taking only its member `a`, to see what the reader does with the others.
#[derive(Debug, PartialEq)]
struct OnlyA(u8);

impl FromJson for OnlyA {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        r.object(|f| f.take("a").map(OnlyA))
    }
}

proptest! {
    #[test]
    fn members_not_asked_for_are_still_checked_before_or_after_the_one_taken(
        text in r#"[\[\]{}",:0-9a-z\\. +eE-]{0,40}|[ \[{"a-z0-9:,\]}]{0,40}"#
    ) {
        let whole = parse(&text).is_ok();
        for record in [format!(r#"{{"a":7,"x":{text}}}"#), format!(r#"{{"x":{text},"a":7}}"#)] {
            let read = from_str::<OnlyA>(&record);
            prop_assert_eq!(read.is_ok(), whole, "{} -> {:?}", record, read);
        }
    }

    #[test]
    fn arbitrary_text_never_panics_the_reader(text in any::<String>()) {
        let _ = parse(&text);
    }

    #[test]
    fn json_like_text_is_read_as_serde_json_reads_it(
        text in r#"[\[\]{}",:0-9a-z\\. +eE-]{0,40}|[ \[{"a-z0-9:,\]}]{0,40}"#
    ) {
        let ours = parse(&text);
        let theirs = serde_json::from_str::<serde_json::Value>(&text);
        match (&ours, &theirs) {
            (Ok(a), Ok(b)) => prop_assert_eq!(&to_serde(a), b),
            (Err(_), Err(_)) => {}
            // serde_json refuses numbers too large for a float; the reader keeps their text.
            (Ok(_), Err(e)) => prop_assert!(e.to_string().contains("number out of range"), "{e}"),
            (Err(e), Ok(_)) => prop_assert!(false, "we refused what serde_json read: {e}"),
        }
    }

    #[test]
    fn strings_are_written_as_serde_json_writes_them_and_read_back(s in any::<String>()) {
        let mut out = String::new();
        write_str(&mut out, &s);
        prop_assert_eq!(&out, &serde_json::to_string(&s).unwrap());
        prop_assert_eq!(parse(&out), Ok(Value::String(s)));
    }

    #[test]
    fn values_round_trip_and_serde_json_reads_them_the_same(v in value()) {
        let text = to_string(&v);
        prop_assert_eq!(parse(&text), Ok(v.clone()));
        let theirs: serde_json::Value = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(theirs, to_serde(&v));
    }

    #[test]
    fn serde_json_output_reads_back_the_same(v in value()) {
        let text = serde_json::to_string(&to_serde(&v)).unwrap();
        let ours = parse(&text).unwrap();
        // Compared with serde_json's own reading of the text: without its `float_roundtrip`
        // feature, serde_json does not always read back the float it wrote.
        prop_assert_eq!(to_serde(&ours), serde_json::from_str::<serde_json::Value>(&text).unwrap());
    }
}

#[test]
fn escapes_and_surrogate_pairs_are_read() {
    assert_eq!(
        parse(r#""a\"\\\/\b\f\n\r\t\u00e9\ud83e\udd78\u0000""#),
        Ok(Value::String("a\"\\/\u{8}\u{c}\n\r\té🥸\0".into()))
    );
}

#[test]
fn malformed_text_is_refused() {
    for bad in [
        "",
        " ",
        "[1,]",
        "{\"a\":1,}",
        "[1 2]",
        "{1:2}",
        "01",
        "1.",
        "-",
        "1e",
        ".5",
        "+1",
        "\"\\ud800\"",
        "\"\\udc00\"",
        "\"\\ud800\\u0041\"",
        "\"\\x\"",
        "\"a\nb\"",
        "\"abc",
        "tru",
        "nul",
        "[",
        "{",
        "{\"a\"}",
        "1 1",
        "NaN",
        "\"\\u12g4\"",
        "\"\\u12",
    ] {
        assert!(parse(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn nesting_deeper_than_the_limit_is_refused_without_overflowing() {
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(parse(&ok).is_ok());
    let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
    assert_eq!(parse(&deep).unwrap_err().what, "nested too deep");
    assert!(parse(&"[{\"a\":".repeat(100_000)).is_err());
}

#[test]
fn integers_out_of_range_or_with_fractions_are_refused() {
    assert_eq!(from_str::<u8>("255"), Ok(255));
    assert!(from_str::<u8>("256").is_err());
    assert!(from_str::<u16>("-1").is_err());
    assert!(from_str::<u32>("1.0").is_err());
    assert!(from_str::<i64>("1e3").is_err());
    assert_eq!(from_str::<i64>("-9223372036854775808"), Ok(i64::MIN));
    assert_eq!(from_str::<Option<u8>>("null"), Ok(None));
}

#[test]
fn members_are_taken_in_any_order_and_the_first_of_a_name_wins() {
    assert_eq!(
        from_str::<OnlyA>(r#"{"b":[1,{"c":"\u00e9"}],"a":3,"a":4}"#),
        Ok(OnlyA(3))
    );
    assert_eq!(from_str::<OnlyA>(r#" { "a" : 5 } "#), Ok(OnlyA(5)));
    assert_eq!(
        from_str::<OnlyA>(r#"{"b":1}"#).unwrap_err().what,
        "missing field"
    );
    assert_eq!(
        from_str::<OnlyA>(r#"[5]"#).unwrap_err().what,
        "expected an object"
    );
    assert!(from_str::<OnlyA>(r#"{"a":5,}"#).is_err());
    assert!(from_str::<OnlyA>(r#"{"a":5} x"#).is_err());
    let deep = format!(r#"{{"a":1,"x":{}}}"#, "[".repeat(100_000));
    assert_eq!(
        from_str::<OnlyA>(&deep).unwrap_err().what,
        "nested too deep"
    );
    let pairs: (u8, String, Option<u8>) = from_str(r#"[1,"two",null]"#).unwrap();
    assert_eq!(pairs, (1, "two".to_owned(), None));
    assert_eq!(
        from_str::<(u8, u8, u8)>("[1,2]").unwrap_err().what,
        "array too short"
    );
    assert_eq!(
        from_str::<(u8, u8, u8)>("[1,2,3,4]").unwrap_err().what,
        "array too long"
    );
}

#[test]
fn strings_with_and_without_escapes_read_the_same_text() {
    let read = |t: &str| from_str::<String>(t).unwrap();
    assert_eq!(read(r#""Nguyễn Văn A""#), "Nguyễn Văn A");
    assert_eq!(read(r#""Nguy\u1ec5n V\u0103n A""#), "Nguyễn Văn A");
    assert_eq!(read(r#""a\"b""#), "a\"b");
    assert_eq!(read(r#""""#), "");
    assert_eq!(read(r#""\n""#), "\n");
}
