//! The CouchDB client of the browser: `fetch` through `web-sys` with `credentials: "include"`,
//! so CouchDB's session cookie (`POST /_session`) authenticates every request and the password
//! is never kept. Implements [`Transport`] for the engine, and the set-up steps: sign in,
//! create the campaign's database and make it members-only, check that a database can be read,
//! wait for the next change (long poll).
//!
//! Failures are named for the person: no network ([`WireError::Offline`]), the network is up
//! but the server did not answer ([`WireError::Unreachable`]), sign in again
//! ([`WireError::Unauthorized`]), refused with a status ([`WireError::Refused`]).

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, RequestCredentials, RequestInit, RequestMode, Response};

use super::doc::Sealed;
use super::state::Config;
use super::wire::{
    ChangesPage, Pushed, Transport, WireError, bulk_body, parse_bulk, parse_changes, query_escape,
};
use crate::storage::json::{self, ObjectWriter, Value};

/// A campaign database on a CouchDB server.
#[derive(Debug, Clone)]
pub struct Couch {
    server: String,
    db: String,
}

fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

impl Couch {
    /// The database of a configuration.
    pub fn new(config: &Config) -> Couch {
        Couch {
            server: config.server.clone(),
            db: config.db.clone(),
        }
    }

    /// The address of `rest` in the database (`""` for the database itself).
    pub fn db_url(&self, rest: &str) -> String {
        format!("{}/{}{rest}", self.server, query_escape(&self.db))
    }

    /// One request to `url` (on this server); the reply's status and text, or the error a
    /// person is told.
    pub async fn send(
        &self,
        method: &str,
        url: &str,
        body: Option<&str>,
    ) -> Result<(u16, String), WireError> {
        if !online() {
            return Err(WireError::Offline);
        }
        let init = RequestInit::new();
        init.set_method(method);
        init.set_credentials(RequestCredentials::Include);
        init.set_mode(RequestMode::Cors);
        let headers = Headers::new().map_err(|_| WireError::Unreachable)?;
        let _ = headers.set("Accept", "application/json");
        if let Some(body) = body {
            let _ = headers.set("Content-Type", "application/json");
            init.set_body(&JsValue::from_str(body));
        }
        init.set_headers(&headers);
        let window = web_sys::window().ok_or(WireError::Unreachable)?;
        let reply = JsFuture::from(window.fetch_with_str_and_init(url, &init))
            .await
            .map_err(|_| {
                if online() {
                    WireError::Unreachable
                } else {
                    WireError::Offline
                }
            })?;
        let response: Response = reply.dyn_into().map_err(|_| WireError::BadReply)?;
        let status = response.status();
        let text = match response.text() {
            Ok(promise) => JsFuture::from(promise)
                .await
                .map_err(|_| WireError::Unreachable)?
                .as_string()
                .unwrap_or_default(),
            Err(_) => String::new(),
        };
        Ok((status, text))
    }

    /// A request whose reply must be a success.
    async fn expect_ok(
        &self,
        method: &str,
        url: &str,
        body: Option<&str>,
    ) -> Result<String, WireError> {
        let (status, text) = self.send(method, url, body).await?;
        match status {
            200..=299 => Ok(text),
            401 => Err(WireError::Unauthorized),
            s => Err(WireError::Refused(s)),
        }
    }

    /// Signs in: CouchDB sets its session cookie (`AuthSession`) for the server's origin. A
    /// wrong name or password is [`WireError::Unauthorized`].
    pub async fn sign_in(&self, user: &str, password: &str) -> Result<(), WireError> {
        let mut body = String::new();
        ObjectWriter::new(&mut body)
            .field("name", user)
            .field("password", password)
            .end();
        let url = format!("{}/_session", self.server);
        self.expect_ok("POST", &url, Some(&body)).await.map(|_| ())
    }

    /// Whether the session is still valid for this database (reads its info).
    pub async fn check(&self) -> Result<(), WireError> {
        self.expect_ok("GET", &self.db_url("/"), None)
            .await
            .map(|_| ())
    }

    /// Creates the campaign's database (an admin's session) and makes it members-only: its
    /// members are `user` and every account with the role `organizers`. A database that exists
    /// already is left as it is (its members too). Returns whether it was created.
    pub async fn create(&self, user: &str) -> Result<bool, WireError> {
        let (status, _) = self.send("PUT", &self.db_url(""), None).await?;
        match status {
            201 | 202 => {}
            412 => return Ok(false),
            401 => return Err(WireError::Unauthorized),
            s => return Err(WireError::Refused(s)),
        }
        let security = security_body(user);
        self.expect_ok("PUT", &self.db_url("/_security"), Some(&security))
            .await?;
        Ok(true)
    }

    /// Creates the campaign's drop box beside its database (an admin's session): anyone may
    /// add, `user` is its admin, and the design document makes it create-only. A drop box that
    /// exists already keeps its security; its design document is installed when missing.
    pub async fn create_box(&self, user: &str) -> Result<(), WireError> {
        use super::dropbox::{box_db, design_doc, security_body};
        let dropbox = Couch {
            server: self.server.clone(),
            db: box_db(&self.db),
        };
        let (status, _) = dropbox.send("PUT", &dropbox.db_url(""), None).await?;
        match status {
            201 | 202 => {
                let security = security_body(user);
                dropbox
                    .expect_ok("PUT", &dropbox.db_url("/_security"), Some(&security))
                    .await?;
            }
            412 => {}
            401 => return Err(WireError::Unauthorized),
            s => return Err(WireError::Refused(s)),
        }
        let url = dropbox.db_url("/_design/dropbox");
        match dropbox.send("PUT", &url, Some(&design_doc())).await?.0 {
            200..=299 | 409 => Ok(()),
            401 => Err(WireError::Unauthorized),
            s => Err(WireError::Refused(s)),
        }
    }

    /// Waits (up to `timeout_ms`) for a change after `since`; whether one came.
    pub async fn wait_for_change(&self, since: &str, timeout_ms: u32) -> Result<bool, WireError> {
        let since = if since.is_empty() { "0" } else { since };
        let url = self.db_url(&format!(
            "/_changes?feed=longpoll&limit=1&timeout={timeout_ms}&since={}",
            query_escape(since)
        ));
        let text = self.expect_ok("GET", &url, None).await?;
        Ok(!parse_changes(&text)?.results.is_empty())
    }
}

/// The `_security` object of a campaign database: members `user` and the role `organizers`.
pub fn security_body(user: &str) -> String {
    let mut members = String::new();
    ObjectWriter::new(&mut members)
        .field("names", &vec![user.to_owned()])
        .field("roles", &vec!["organizers".to_owned()])
        .end();
    let mut admins = String::new();
    ObjectWriter::new(&mut admins)
        .field("names", &vec![user.to_owned()])
        .field("roles", &Vec::<String>::new())
        .end();
    format!("{{\"admins\":{admins},\"members\":{members}}}")
}

impl Transport for Couch {
    async fn changes(&self, since: &str, limit: u32) -> Result<ChangesPage, WireError> {
        let since = if since.is_empty() { "0" } else { since };
        let url = self.db_url(&format!(
            "/_changes?include_docs=true&limit={limit}&since={}",
            query_escape(since)
        ));
        parse_changes(&self.expect_ok("GET", &url, None).await?)
    }

    async fn push(&self, docs: &[Sealed]) -> Result<Vec<Pushed>, WireError> {
        let body = bulk_body(docs);
        parse_bulk(
            &self
                .expect_ok("POST", &self.db_url("/_bulk_docs"), Some(&body))
                .await?,
        )
    }

    async fn get(&self, id: &str) -> Result<Option<Value>, WireError> {
        let (status, text) = self
            .send("GET", &self.db_url(&format!("/{}", query_escape(id))), None)
            .await?;
        match status {
            200 => json::from_str(&text)
                .map(Some)
                .map_err(|_| WireError::BadReply),
            404 => Ok(None),
            401 => Err(WireError::Unauthorized),
            s => Err(WireError::Refused(s)),
        }
    }
}
