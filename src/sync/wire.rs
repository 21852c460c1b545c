//! What the engine asks of a CouchDB server ([`Transport`]), the errors a person is told about
//! ([`WireError`]), and the pure reading and writing of CouchDB's JSON, tested natively.

use super::doc::{Sealed, member, member_str};
use crate::storage::json::{self, Value};

/// Why the server could not be reached or refused; each has a sentence and a way out on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WireError {
    /// The device has no network.
    Offline,
    /// No session, or it expired, or the password was wrong: sign in again.
    Unauthorized,
    /// The network is up but the server did not answer (down, wrong address, blocked by CORS).
    Unreachable,
    /// The server answered with this HTTP status (403: not a member of the database, 404: no
    /// such database...).
    Refused(u16),
    /// The server answered something that is not CouchDB's JSON.
    BadReply,
}

/// One row of `_changes?include_docs=true`.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The document id.
    pub id: String,
    /// The document was deleted on the server.
    pub deleted: bool,
    /// The document as it is now (absent when deleted).
    pub doc: Option<Value>,
}

/// One page of the changes feed.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangesPage {
    /// The changed documents, oldest first.
    pub results: Vec<Change>,
    /// The checkpoint to ask from next time (CouchDB 3: a string; PouchDB: a number, kept as
    /// its text).
    pub last_seq: String,
}

/// What the server did with one document of a push.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pushed {
    /// Saved with this new revision.
    Saved {
        /// The id.
        id: String,
        /// The new `_rev`.
        rev: String,
    },
    /// Someone wrote it since the revision we sent: read, merge and push again.
    Conflict {
        /// The id.
        id: String,
    },
    /// Refused for another reason (forbidden by a validation function...).
    Refused {
        /// The id.
        id: String,
        /// CouchDB's error name.
        error: String,
    },
}

/// What the engine needs of the server.
#[allow(
    async_fn_in_trait,
    reason = "used generically by the engine, never as dyn"
)]
pub trait Transport {
    /// `GET /db/_changes?since=<since>&include_docs=true&limit=<limit>`.
    async fn changes(&self, since: &str, limit: u32) -> Result<ChangesPage, WireError>;
    /// `POST /db/_bulk_docs`: each document with the `_rev` it replaces.
    async fn push(&self, docs: &[Sealed]) -> Result<Vec<Pushed>, WireError>;
    /// `GET /db/<id>`: the document as it is now, or none.
    async fn get(&self, id: &str) -> Result<Option<Value>, WireError>;
}

fn seq_text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Number(n) => Some(n.clone()),
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// Reads a `_changes` reply.
pub fn parse_changes(text: &str) -> Result<ChangesPage, WireError> {
    let value: Value = json::from_str(text).map_err(|_| WireError::BadReply)?;
    let last_seq = seq_text(member(&value, "last_seq")).ok_or(WireError::BadReply)?;
    let Some(Value::Array(rows)) = member(&value, "results") else {
        return Err(WireError::BadReply);
    };
    let mut results = Vec::with_capacity(rows.len());
    for row in rows {
        let id = member_str(row, "id").ok_or(WireError::BadReply)?;
        let deleted = matches!(member(row, "deleted"), Some(Value::Bool(true)));
        let doc = member(row, "doc").filter(|d| **d != Value::Null).cloned();
        results.push(Change { id, deleted, doc });
    }
    Ok(ChangesPage { results, last_seq })
}

/// The body of a `_bulk_docs` request.
pub fn bulk_body(docs: &[Sealed]) -> String {
    let mut out = String::from("{\"docs\":[");
    for (i, doc) in docs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        doc.write_json(&mut out);
    }
    out.push_str("]}");
    out
}

/// Reads a `_bulk_docs` reply: one entry per document sent.
pub fn parse_bulk(text: &str) -> Result<Vec<Pushed>, WireError> {
    let Ok(Value::Array(rows)) = json::from_str::<Value>(text) else {
        return Err(WireError::BadReply);
    };
    rows.iter()
        .map(|row| {
            let id = member_str(row, "id").ok_or(WireError::BadReply)?;
            if let Some(rev) = member_str(row, "rev")
                && member(row, "error").is_none()
            {
                return Ok(Pushed::Saved { id, rev });
            }
            let error = member_str(row, "error").unwrap_or_default();
            Ok(if error == "conflict" {
                Pushed::Conflict { id }
            } else {
                Pushed::Refused { id, error }
            })
        })
        .collect()
}

/// Encodes a query value (`since` may hold any character in CouchDB 3).
pub fn query_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changes_page_from_couchdb_3_or_pouchdb_reads_with_its_checkpoint() {
        let couch = r#"{"results":[{"seq":"2-g1AAAA","id":"s-ab","changes":[{"rev":"1-x"}],"doc":{"_id":"s-ab","_rev":"1-x","v":1,"iv":"AAAAAAAAAAAAAAAA","ct":"AQ"}},
            {"seq":"3-g1AAAB","id":"s-cd","changes":[{"rev":"2-y"}],"deleted":true}],"last_seq":"3-g1AAAB","pending":0}"#;
        let page = parse_changes(couch).unwrap();
        assert_eq!(page.last_seq, "3-g1AAAB");
        assert_eq!(page.results.len(), 2);
        assert!(page.results[0].doc.is_some());
        assert!(page.results[1].deleted);
        let pouch = r#"{"results":[],"last_seq":17}"#;
        assert_eq!(parse_changes(pouch).unwrap().last_seq, "17");
        assert_eq!(parse_changes("<html>"), Err(WireError::BadReply));
    }

    #[test]
    fn a_bulk_reply_tells_saved_conflicting_and_refused_documents_apart() {
        let reply = r#"[{"ok":true,"id":"s-a","rev":"2-b"},{"id":"s-c","error":"conflict","reason":"Document update conflict."},{"id":"s-d","error":"forbidden","reason":"no"}]"#;
        assert_eq!(
            parse_bulk(reply).unwrap(),
            vec![
                Pushed::Saved {
                    id: "s-a".into(),
                    rev: "2-b".into()
                },
                Pushed::Conflict { id: "s-c".into() },
                Pushed::Refused {
                    id: "s-d".into(),
                    error: "forbidden".into()
                },
            ]
        );
    }

    #[test]
    fn query_values_are_escaped() {
        assert_eq!(query_escape("3-g1A/B=+"), "3-g1A%2FB%3D%2B");
    }
}
