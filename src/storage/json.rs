//! A small, strict JSON reader and writer for the stored formats, in place of serde_json, whose
//! generic code was about 65 KB of the wasm bundle.
//!
//! The reader accepts exactly RFC 8259 (no trailing commas, comments, lone surrogates or
//! control characters in strings), refuses input nested deeper than [`MAX_DEPTH`] or longer
//! than [`MAX_LEN`], and never panics. The writer escapes strings as serde_json does, so every
//! stored value keeps the bytes it had. [`ToJson`] and [`FromJson`] convert records; they live
//! here and in the storage modules, never in the domain. It imports nothing of the app.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::{self, Write};

/// The deepest nesting of arrays and objects read.
pub const MAX_DEPTH: usize = 64;

/// The longest text read, in bytes (a backup is at most 24 MiB).
pub const MAX_LEN: usize = 32 * 1024 * 1024;

/// A JSON value as read. Numbers keep their text, checked against the grammar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object's members in their order, duplicates included.
    Object(Vec<(String, Value)>),
}

/// Why a text could not be read, or a value not converted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// What was wrong.
    pub what: &'static str,
    /// Where in the text, for syntax errors.
    pub at: Option<usize>,
}

impl Error {
    /// A conversion error (the text was JSON, but not the expected shape).
    pub const fn shape(what: &'static str) -> Error {
        Error { what, at: None }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some(at) => write!(f, "{} at byte {at}", self.what),
            None => f.write_str(self.what),
        }
    }
}

/// Reads JSON text straight into records, checking the grammar as it goes: no tree is built,
/// and strings without escapes are borrowed from the text. Members a record does not ask for
/// are still checked.
pub struct Reader<'a> {
    text: &'a str,
    at: usize,
    depth: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `text`, unless it is longer than [`MAX_LEN`].
    pub fn new(text: &'a str) -> Result<Reader<'a>, Error> {
        if text.len() > MAX_LEN {
            return Err(Error {
                what: "text too long",
                at: Some(MAX_LEN),
            });
        }
        Ok(Reader {
            text,
            at: 0,
            depth: 0,
        })
    }

    fn error(&self, what: &'static str) -> Error {
        Error {
            what,
            at: Some(self.at),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        let yes = self.peek() == Some(byte);
        self.at += usize::from(yes);
        yes
    }

    /// The first byte of the next value, after any whitespace.
    pub fn next_byte(&mut self) -> Option<u8> {
        self.space();
        self.peek()
    }

    /// Checks that only whitespace is left.
    pub fn finish(&mut self) -> Result<(), Error> {
        self.space();
        if self.at == self.text.len() {
            Ok(())
        } else {
            Err(self.error("trailing characters"))
        }
    }

    fn word(&mut self, word: &str) -> Result<(), Error> {
        if self.text.as_bytes()[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(())
        } else {
            Err(self.error("expected a value"))
        }
    }

    /// Reads `null` if it comes next; says whether it did.
    pub fn null(&mut self) -> Result<bool, Error> {
        if self.next_byte() == Some(b'n') {
            self.word("null")?;
            return Ok(true);
        }
        Ok(false)
    }

    /// Passes the `open` byte of an array or object, which must come next.
    fn enter(&mut self, open: u8, otherwise: &'static str) -> Result<(), Error> {
        if self.next_byte() != Some(open) {
            return Err(Error::shape(otherwise));
        }
        if self.depth >= MAX_DEPTH {
            return Err(self.error("nested too deep"));
        }
        self.depth += 1;
        self.at += 1;
        Ok(())
    }

    /// Reads an array, its items taken by `read` in order; items left over are an error.
    pub fn array<T>(
        &mut self,
        read: impl FnOnce(&mut Items<'_, 'a>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.enter(b'[', "expected an array")?;
        let mut items = Items {
            r: self,
            seq: Seq::default(),
        };
        let value = read(&mut items)?;
        items.close()?;
        Ok(value)
    }

    /// Reads an object, its members taken by name by `read`; the members it does not take
    /// are checked and ignored.
    pub fn object<T>(
        &mut self,
        read: impl FnOnce(&mut Fields<'_, 'a>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.enter(b'{', "expected an object")?;
        let mut fields = Fields {
            r: self,
            skipped: Vec::new(),
            seq: Seq::default(),
        };
        let value = read(&mut fields)?;
        fields.close()?;
        Ok(value)
    }

    /// Reads any value as a tree.
    pub fn value(&mut self) -> Result<Value, Error> {
        match self.next_byte() {
            Some(b'{') => self.object(|f| {
                let mut members = Vec::new();
                while let Some(key) = f.key()? {
                    members.push((key.into_owned(), f.r.value()?));
                }
                Ok(Value::Object(members))
            }),
            Some(b'[') => self.array(|items| {
                let mut all = Vec::new();
                while items.more()? {
                    all.push(items.r.value()?);
                }
                Ok(Value::Array(all))
            }),
            Some(b'"') => Ok(Value::String(self.string()?.into_owned())),
            Some(b't') => self.word("true").map(|()| Value::Bool(true)),
            Some(b'f') => self.word("false").map(|()| Value::Bool(false)),
            Some(b'n') => self.word("null").map(|()| Value::Null),
            Some(b'-' | b'0'..=b'9') => Ok(Value::Number(self.number()?.to_owned())),
            _ => Err(self.error("expected a value")),
        }
    }

    /// Checks the next value and passes over it without building it (so the tree reader,
    /// [`Reader::value`], stays out of builds that never read a tree).
    pub fn skip(&mut self) -> Result<(), Error> {
        match self.next_byte() {
            Some(b'{') => self.object(|_| Ok(())),
            Some(b'[') => self.array(|items| {
                while items.more()? {
                    items.r.skip()?;
                }
                Ok(())
            }),
            Some(b'"') => self.string().map(drop),
            Some(b't') => self.word("true"),
            Some(b'f') => self.word("false"),
            Some(b'n') => self.word("null"),
            Some(b'-' | b'0'..=b'9') => self.number().map(drop),
            _ => Err(self.error("expected a value")),
        }
    }

    /// Reads an integer written without fraction or exponent.
    pub fn integer(&mut self) -> Result<i64, Error> {
        let wrong = Error::shape("expected an integer in range");
        match self.next_byte() {
            Some(b'-' | b'0'..=b'9') => {
                let n = self.number()?;
                if n.contains(['.', 'e', 'E']) {
                    return Err(wrong);
                }
                n.parse().map_err(|_| wrong)
            }
            _ => Err(wrong),
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
        self.at - start
    }

    /// Reads a number's text, checked against the grammar.
    fn number(&mut self) -> Result<&'a str, Error> {
        let start = self.at;
        self.eat(b'-');
        if self.eat(b'0') {
            if let Some(b'0'..=b'9') = self.peek() {
                return Err(self.error("leading zero"));
            }
        } else if self.digits() == 0 {
            return Err(self.error("expected a digit"));
        }
        if self.eat(b'.') && self.digits() == 0 {
            return Err(self.error("expected a digit"));
        }
        if self.eat(b'e') || self.eat(b'E') {
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            if self.digits() == 0 {
                return Err(self.error("expected a digit"));
            }
        }
        Ok(&self.text[start..self.at])
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let digits = self
            .text
            .as_bytes()
            .get(self.at..self.at + 4)
            .ok_or_else(|| self.error("short \\u escape"))?;
        let mut n = 0;
        for &d in digits {
            let v = char::from(d)
                .to_digit(16)
                .ok_or_else(|| self.error("bad \\u escape"))?;
            n = n * 16 + v;
        }
        self.at += 4;
        Ok(n)
    }

    /// Reads a string, unescaped; borrowed from the text when it has no escapes.
    pub fn string(&mut self) -> Result<Cow<'a, str>, Error> {
        if self.next_byte() != Some(b'"') {
            return Err(Error::shape("expected a string"));
        }
        self.at += 1;
        let mut out = Cow::Borrowed("");
        loop {
            let run = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // The run ends before an ASCII byte or at the end, so it is whole characters.
            let part = &self.text[run..self.at];
            // Every escape adds a character, so an empty `out` has read nothing yet.
            if out.is_empty() && self.peek() == Some(b'"') {
                out = Cow::Borrowed(part);
            } else {
                out.to_mut().push_str(part);
            }
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.at += 1;
                            let unit = self.hex4()?;
                            let code = match unit {
                                0xD800..=0xDBFF => {
                                    if !(self.eat(b'\\') && self.eat(b'u')) {
                                        return Err(self.error("lone surrogate"));
                                    }
                                    let low = self.hex4()?;
                                    if !(0xDC00..=0xDFFF).contains(&low) {
                                        return Err(self.error("lone surrogate"));
                                    }
                                    0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                                }
                                0xDC00..=0xDFFF => return Err(self.error("lone surrogate")),
                                _ => unit,
                            };
                            let c = char::from_u32(code).ok_or_else(|| self.error("bad char"))?;
                            out.to_mut().push(c);
                            continue;
                        }
                        _ => return Err(self.error("bad escape")),
                    };
                    self.at += 1;
                    out.to_mut().push(c);
                }
                Some(_) => return Err(self.error("control character in string")),
                None => return Err(self.error("unterminated string")),
            }
        }
    }
}

/// Where a reader is in an array or object: before its first element, or past its end.
#[derive(Default)]
struct Seq {
    started: bool,
    done: bool,
}

impl Reader<'_> {
    /// Passes the comma before the next element of a sequence closed by `close`, or the
    /// `close` itself; says whether an element follows.
    fn next_in(&mut self, seq: &mut Seq, close: u8, expected: &'static str) -> Result<bool, Error> {
        if seq.done {
            return Ok(false);
        }
        self.space();
        if self.eat(close) {
            seq.done = true;
            return Ok(false);
        }
        if std::mem::replace(&mut seq.started, true) && !self.eat(b',') {
            return Err(self.error(expected));
        }
        Ok(true)
    }
}

/// An array's items, read in order (see [`Reader::array`]).
pub struct Items<'r, 'a> {
    r: &'r mut Reader<'a>,
    seq: Seq,
}

impl<'a> Items<'_, 'a> {
    /// Passes the separator before the next item and says whether there is one; the item must
    /// then be read before asking again.
    fn more(&mut self) -> Result<bool, Error> {
        self.r.next_in(&mut self.seq, b']', "expected ',' or ']'")
    }

    /// Checks that no item is left, and passes the closing bracket.
    fn close(&mut self) -> Result<(), Error> {
        if self.more()? {
            return Err(Error::shape("array too long"));
        }
        self.r.depth -= 1;
        Ok(())
    }

    /// The next item as a `T`, or none at the end.
    pub fn next_item<T: FromJson>(&mut self) -> Result<Option<T>, Error> {
        if self.more()? {
            T::read_json(self.r).map(Some)
        } else {
            Ok(None)
        }
    }

    /// The next item as a `T`; for fixed-length rows.
    pub fn take<T: FromJson>(&mut self) -> Result<T, Error> {
        self.next_item()?.ok_or(Error::shape("array too short"))
    }
}

/// An object's members, taken by name (see [`Reader::object`]). Members come in any order:
/// those passed over on the way to the one asked for are checked and remembered by where
/// they start, so members in the expected order are read in one pass.
pub struct Fields<'r, 'a> {
    r: &'r mut Reader<'a>,
    skipped: Vec<(Cow<'a, str>, usize)>,
    seq: Seq,
}

impl<'a> Fields<'_, 'a> {
    /// Reads the next member's key and its colon, or the closing brace (none).
    fn key(&mut self) -> Result<Option<Cow<'a, str>>, Error> {
        self.key_with(Reader::string)
    }

    /// Reads the next member's key with `read`, and its colon, or the closing brace (none).
    fn key_with<K>(
        &mut self,
        read: impl FnOnce(&mut Reader<'a>) -> Result<K, Error>,
    ) -> Result<Option<K>, Error> {
        if !self.r.next_in(&mut self.seq, b'}', "expected ',' or '}'")? {
            return Ok(None);
        }
        if self.r.next_byte() != Some(b'"') {
            return Err(self.r.error("expected a key"));
        }
        let key = read(self.r)?;
        self.r.space();
        if !self.r.eat(b':') {
            return Err(self.r.error("expected ':'"));
        }
        Ok(Some(key))
    }

    /// The next member's key read as a `K`, its value then to be read from
    /// [`Fields::reader`]; for objects whose keys are data. Not to be mixed with
    /// [`Fields::take`].
    pub fn next_key<K: FromJson>(&mut self) -> Result<Option<K>, Error> {
        self.key_with(|r| K::read_json(r))
    }

    /// The reader, on the value of the member [`Fields::next_key`] found.
    pub fn reader(&mut self) -> &mut Reader<'a> {
        self.r
    }

    /// Checks the members left, and passes the closing brace.
    fn close(&mut self) -> Result<(), Error> {
        while self.key()?.is_some() {
            self.r.skip()?;
        }
        self.r.depth -= 1;
        Ok(())
    }

    /// Where the member `name` starts (the first of that name): none when there is none,
    /// else a reader on its value, which is this object's reader unless the member was passed
    /// over earlier.
    fn seek(&mut self, name: &str) -> Result<Option<Option<Reader<'a>>>, Error> {
        if let Some(i) = self.skipped.iter().position(|(k, _)| k == name) {
            let (_, at) = self.skipped.remove(i);
            return Ok(Some(Some(Reader {
                text: self.r.text,
                at,
                depth: self.r.depth,
            })));
        }
        while let Some(key) = self.key()? {
            if key == name {
                return Ok(Some(None));
            }
            self.r.space();
            self.skipped.push((key, self.r.at));
            self.r.skip()?;
        }
        Ok(None)
    }

    /// Takes the member `name` as a `T` (the first of that name).
    pub fn take<T: FromJson>(&mut self, name: &str) -> Result<T, Error> {
        match self.seek(name)? {
            Some(Some(mut earlier)) => T::read_json(&mut earlier),
            Some(None) => T::read_json(self.r),
            None => T::missing().ok_or(Error::shape("missing field")),
        }
    }
}

/// Appends `s` as a JSON string: quotes, backslashes and control characters escaped as
/// serde_json escapes them (`\n`-style where one exists, else `\u00xx`), everything else as is.
pub fn write_str(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let short = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'\n' => 'n',
            b'\r' => 'r',
            b'\t' => 't',
            0x08 => 'b',
            0x0c => 'f',
            0..=0x1f => 'u',
            _ => continue,
        };
        out.push_str(&s[run..i]);
        run = i + 1;
        out.push('\\');
        out.push(short);
        if short == 'u' {
            out.push_str("00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        }
    }
    out.push_str(&s[run..]);
    out.push('"');
}

/// Appends `value` as compact JSON (no spaces), members in their order.
pub fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(n),
        Value::String(s) => write_str(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (i, (k, v)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_str(out, k);
                out.push(':');
                write_value(out, v);
            }
            out.push('}');
        }
    }
}

/// A record that writes itself as compact JSON, in the shape serde's derive gave it.
pub trait ToJson {
    /// Appends the JSON of `self` to `out`.
    fn write_json(&self, out: &mut String);
}

/// The JSON of `value`, as a new string.
pub fn to_string<T: ToJson + ?Sized>(value: &T) -> String {
    let mut out = String::new();
    value.write_json(&mut out);
    out
}

/// A record read from JSON text, checking its shape.
pub trait FromJson: Sized {
    /// Reads one value as a `Self`, or says why not.
    fn read_json(r: &mut Reader<'_>) -> Result<Self, Error>;

    /// The value of an absent object member: none, except for options (as serde reads them).
    fn missing() -> Option<Self> {
        None
    }
}

/// Reads `text` as a `T`, whitespace around it allowed.
pub fn from_str<T: FromJson>(text: &str) -> Result<T, Error> {
    let mut r = Reader::new(text)?;
    let value = T::read_json(&mut r)?;
    r.finish()?;
    Ok(value)
}

/// Implements [`ToJson`] and [`FromJson`] for structs with named fields, written as objects of
/// those fields in declaration order (the shape serde's derive gives them).
macro_rules! json_object {
    ($($t:ident { $($f:ident),* })*) => {$(
        impl $crate::storage::json::ToJson for $t {
            fn write_json(&self, out: &mut String) {
                $crate::storage::json::ObjectWriter::new(out)
                    $(.field(stringify!($f), &self.$f))*
                    .end();
            }
        }

        impl $crate::storage::json::FromJson for $t {
            fn read_json(
                r: &mut $crate::storage::json::Reader<'_>,
            ) -> Result<Self, $crate::storage::json::Error> {
                r.object(|f| Ok($t { $($f: f.take(stringify!($f))?),* }))
            }
        }
    )*};
}

pub(crate) use json_object;

/// Writes an object member by member: `{"a":1,"b":2}`.
pub struct ObjectWriter<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> ObjectWriter<'a> {
    /// Opens an object.
    pub fn new(out: &'a mut String) -> Self {
        out.push('{');
        ObjectWriter { out, first: true }
    }

    /// Appends one member.
    pub fn field<T: ToJson + ?Sized>(&mut self, name: &str, value: &T) -> &mut Self {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        write_str(self.out, name);
        self.out.push(':');
        value.write_json(self.out);
        self
    }

    /// Closes the object.
    pub fn end(&mut self) {
        self.out.push('}');
    }
}

impl ToJson for Value {
    fn write_json(&self, out: &mut String) {
        write_value(out, self);
    }
}

impl FromJson for Value {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        r.value()
    }
}

impl ToJson for str {
    fn write_json(&self, out: &mut String) {
        write_str(out, self);
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        write_str(out, self);
    }
}

impl FromJson for String {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        r.string().map(Cow::into_owned)
    }
}

macro_rules! integer {
    ($($t:ty),*) => {$(
        impl ToJson for $t {
            fn write_json(&self, out: &mut String) {
                let _ = write!(out, "{self}");
            }
        }

        impl FromJson for $t {
            fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
                <$t>::try_from(r.integer()?)
                    .map_err(|_| Error::shape("expected an integer in range"))
            }
        }
    )*};
}

integer!(u8, u16, u32, i32, i64);

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(v) => v.write_json(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        if r.null()? {
            Ok(None)
        } else {
            T::read_json(r).map(Some)
        }
    }

    fn missing() -> Option<Self> {
        Some(None)
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            item.write_json(out);
        }
        out.push(']');
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        r.array(|items| {
            let mut all = Vec::new();
            while let Some(item) = items.next_item()? {
                all.push(item);
            }
            Ok(all)
        })
    }
}

/// Maps are objects; every key type used writes itself as a JSON string and reads from one.
impl<K: ToJson, V: ToJson> ToJson for BTreeMap<K, V> {
    fn write_json(&self, out: &mut String) {
        out.push('{');
        for (i, (k, v)) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            k.write_json(out);
            out.push(':');
            v.write_json(out);
        }
        out.push('}');
    }
}

impl<K: FromJson + Ord, V: FromJson> FromJson for BTreeMap<K, V> {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        r.object(|f| {
            let mut map = BTreeMap::new();
            while let Some(key) = f.next_key::<K>()? {
                map.insert(key, V::read_json(f.reader())?);
            }
            Ok(map)
        })
    }
}

impl<A: ToJson, B: ToJson, C: ToJson> ToJson for (A, B, C) {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        self.0.write_json(out);
        out.push(',');
        self.1.write_json(out);
        out.push(',');
        self.2.write_json(out);
        out.push(']');
    }
}

impl<A: FromJson, B: FromJson, C: FromJson> FromJson for (A, B, C) {
    fn read_json(r: &mut Reader<'_>) -> Result<Self, Error> {
        r.array(|items| Ok((items.take()?, items.take()?, items.take()?)))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
