//! Spreadsheets in and out (RFC 4180 CSV): the roster of a drive for the desk and the printer,
//! and lists of donors or staff that a unit sends in.
//!
//! Export writes UTF-8 with a byte-order mark (so Excel reads Vietnamese right), CRLF line ends
//! and quotes only where needed; a cell that a spreadsheet would run as a formula (starting with
//! `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe, so a name like
//! `=HYPERLINK(…)` stays text. Phone numbers are masked unless asked otherwise.
//!
//! Import reads any RFC 4180 text ([`parse`]: quotes, doubled quotes, commas and line breaks
//! inside quotes, a BOM, `;` or `,` detected), guesses which column holds what from Vietnamese
//! or English headers ([`guess_columns`], overridable), and checks every row into a
//! [`DonorDraft`] ([`import_donors`]), giving the valid rows and every problem with its row
//! number. It applies nothing: the caller shows the result and applies the rows confirmed.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use crate::domain::{
    Abo, BloodGroup, Category, CitizenId, Date, DomainError, Donor, DonorDraft, DonorId, DriveId,
    Ledger, Phone, PledgeStatus, Rh, Sex, SiteId, TimeOfDay, Timestamp, Unit, UnitId, Weight,
};

use super::Language;
use super::labels;

/// The byte-order mark written first, so spreadsheets read the file as UTF-8.
pub const BOM: char = '\u{FEFF}';

/// The largest text [`parse`] reads, in bytes (8 MiB: tens of thousands of rows).
pub const MAX_CSV_BYTES: usize = 8 * 1024 * 1024;

/// The most records (rows, header included) [`parse`] reads.
pub const MAX_RECORDS: usize = 100_000;

/// The most cells a record may have.
pub const MAX_COLUMNS: usize = 256;

// ----- writing -----

/// The cell as a spreadsheet will show it: text that would start a formula (`=` `+` `-` `@`,
/// tab, carriage return) gets a leading apostrophe; anything else is unchanged.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Appends one record: each cell neutralised, quoted when it holds a comma, a semicolon, a
/// quote or a line break (quotes doubled; semicolons so [`detect_delimiter`] never mistakes the
/// file for a `;` one) or starts like an Excel `sep=` line or a BOM, cells joined by commas,
/// ended by CRLF.
pub fn write_record<S: AsRef<str>>(out: &mut String, cells: &[S]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let cell = neutralise(cell.as_ref());
        if cell.contains([',', ';', '"', '\r', '\n'])
            || cell.starts_with("sep=")
            || cell.starts_with(BOM)
        {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    out.push_str("\r\n");
}

/// Which part of a drive a roster covers; `None` means all of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RosterScope {
    /// One day of the drive.
    pub day: Option<Date>,
    /// One site of the drive.
    pub site: Option<SiteId>,
    /// One slot, by its start time.
    pub slot: Option<TimeOfDay>,
}

/// How a roster is written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RosterOptions {
    /// The part of the drive.
    pub scope: RosterScope,
    /// Whole phone numbers instead of masked ones (`0912***678`), for the organizers' own use.
    pub show_phones: bool,
    /// The language of headers and values.
    pub lang: Language,
}

/// The roster of a drive as CSV: one row per pledge in the scope (cancelled ones too, as their
/// status says), by day, site (in the drive's order), slot and name. Columns: day (ISO), site,
/// slot, name, phone, category, unit, donation type, volume (ml; the volume given once donated),
/// status. Refuses a drive the ledger does not know.
pub fn roster_csv(
    ledger: &Ledger,
    drive: &DriveId,
    options: &RosterOptions,
) -> Result<String, DomainError> {
    let d = ledger
        .drive(drive)
        .ok_or_else(|| DomainError::UnknownDrive(drive.clone()))?;
    let lang = options.lang;
    let scope = &options.scope;
    let site_order = |s: &SiteId| d.sites.iter().position(|ds| &ds.site == s);
    let mut rows: Vec<(Date, usize, TimeOfDay, String, Vec<String>)> = Vec::new();
    for p in ledger.pledges() {
        if p.slot.place.drive() != Some(drive)
            || scope.day.is_some_and(|day| day != p.slot.date)
            || scope
                .site
                .as_ref()
                .is_some_and(|s| s != p.slot.place.site())
            || scope.slot.is_some_and(|t| t != p.slot.start)
        {
            continue;
        }
        let site_id = p.slot.place.site();
        let site_name = ledger.site(site_id).map_or(site_id.as_str(), |s| &s.name);
        let end = d
            .site(site_id)
            .and_then(|ds| {
                ds.slots_on(p.slot.date)
                    .iter()
                    .find(|s| s.start == p.slot.start)
            })
            .map(|s| s.end);
        let slot = match end {
            Some(end) => format!("{}-{}", p.slot.start, end),
            None => p.slot.start.to_string(),
        };
        let donor = ledger.donor(&p.donor);
        let name = donor.map_or_else(|| p.donor.to_string(), |x| x.full_name.clone());
        let phone = donor.map_or_else(String::new, |x| {
            if options.show_phones {
                x.phone.as_str().to_owned()
            } else {
                x.phone.masked()
            }
        });
        let category = donor.map_or("", |x| labels::category(lang, x.category));
        let unit = donor
            .and_then(|x| x.unit.as_ref())
            .map(|u| ledger.unit(u).map_or(u.as_str(), |u| &u.name))
            .unwrap_or("");
        let volume = match p.status {
            PledgeStatus::Donated { volume_ml, .. } => volume_ml,
            _ => p.volume_ml,
        };
        rows.push((
            p.slot.date,
            site_order(site_id).unwrap_or(usize::MAX),
            p.slot.start,
            name.clone(),
            vec![
                p.slot.date.to_string(),
                site_name.to_owned(),
                slot,
                name,
                phone,
                category.to_owned(),
                unit.to_owned(),
                labels::donation(lang, p.donation).to_owned(),
                volume.to_string(),
                labels::status(lang, &p.status),
            ],
        ));
    }
    rows.sort_by(|a, b| (a.0, a.1, a.2, &a.3).cmp(&(b.0, b.1, b.2, &b.3)));
    let mut out = String::new();
    out.push(BOM);
    write_record(
        &mut out,
        &[
            lang.pick("Ngày", "Day"),
            lang.pick("Điểm hiến máu", "Site"),
            lang.pick("Khung giờ", "Slot"),
            lang.pick("Họ và tên", "Name"),
            lang.pick("Số điện thoại", "Phone"),
            lang.pick("Đối tượng", "Category"),
            lang.pick("Đơn vị", "Unit"),
            lang.pick("Loại hiến", "Donation type"),
            lang.pick("Thể tích (ml)", "Volume (ml)"),
            lang.pick("Trạng thái", "Status"),
        ],
    );
    for row in rows {
        write_record(&mut out, &row.4);
    }
    Ok(out)
}

// ----- reading -----

/// Why a CSV text could not be read at all (problems of single rows are [`RowError`]s).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvError {
    /// No record with any content.
    Empty,
    /// More than [`MAX_CSV_BYTES`], [`MAX_RECORDS`] records or [`MAX_COLUMNS`] cells in a row.
    TooLarge,
    /// A quoted cell opened on this row (1-based) is never closed: the rest of the file would
    /// be swallowed into it.
    UnterminatedQuote {
        /// The row where the quote opened.
        row: usize,
    },
}

impl fmt::Display for CsvError {
    /// A developer-facing account; the UI shows translated messages instead.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for CsvError {}

/// One record of a CSV text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Its 1-based row number as a spreadsheet shows it (blank rows counted, a line break
    /// inside quotes not).
    pub row: usize,
    /// Its cells, as written (unquoted, not trimmed).
    pub cells: Vec<String>,
}

/// A CSV text read into records; blank records are left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The delimiter found: `,` or `;`.
    pub delimiter: char,
    /// The records with content, header first if there is one.
    pub records: Vec<Record>,
}

/// The delimiter of a CSV text: `;` when its first record (outside quotes) holds more
/// semicolons than commas, as Excel writes in locales with a decimal comma, else `,`. A first
/// line `sep=;` (an Excel hint) decides instead.
pub fn detect_delimiter(text: &str) -> char {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    if let Some(hint) = sep_hint(text) {
        return hint.0;
    }
    let (mut commas, mut semis, mut quoted) = (0usize, 0usize, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semis += 1,
            '\r' | '\n' if !quoted => break,
            _ => {}
        }
    }
    if semis > commas { ';' } else { ',' }
}

/// An Excel `sep=X` first line: the delimiter and the length of the line with its break.
fn sep_hint(text: &str) -> Option<(char, usize)> {
    let rest = text.strip_prefix("sep=")?;
    let mut chars = rest.chars();
    let delimiter = chars.next().filter(|c| matches!(c, ',' | ';' | '\t'))?;
    let after = &rest[delimiter.len_utf8()..];
    let newline = if after.starts_with("\r\n") {
        2
    } else if after.starts_with(['\n', '\r']) {
        1
    } else if after.is_empty() {
        0
    } else {
        return None;
    };
    Some((delimiter, 4 + delimiter.len_utf8() + newline))
}

/// Reads an RFC 4180 text: an optional BOM, an optional `sep=` line, the delimiter detected
/// ([`detect_delimiter`]); cells in double quotes may hold the delimiter, line breaks and
/// doubled quotes; records end with CRLF, LF or CR; the text is read composed
/// ([`super::text::nfc`]), so decomposed accents never reach a cell. Lenient where spreadsheets
/// are: text after a closing quote is kept, a quote inside an unquoted cell is kept as a
/// character. Refuses only what cannot be read: nothing in it, too large, a quote never closed.
pub fn parse(text: &str) -> Result<Table, CsvError> {
    if text.len() > MAX_CSV_BYTES {
        return Err(CsvError::TooLarge);
    }
    let composed = super::text::nfc(text);
    let mut text = composed.strip_prefix(BOM).unwrap_or(&composed);
    let delimiter = detect_delimiter(text);
    let mut row = 1;
    if let Some((_, len)) = sep_hint(text) {
        text = &text[len..];
        row = 2;
    }
    let mut records = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut quote_row = row;
    let mut at_cell_start = true;
    let mut ended = false;
    // Pushes a finished record unless it is blank, and counts the row either way.
    let mut end_record = |cells: &mut Vec<String>, row: &mut usize| -> Result<(), CsvError> {
        if cells.iter().any(|c| !c.trim().is_empty()) {
            if records.len() >= MAX_RECORDS {
                return Err(CsvError::TooLarge);
            }
            records.push(Record {
                row: *row,
                cells: std::mem::take(cells),
            });
        } else {
            cells.clear();
        }
        *row += 1;
        Ok(())
    };
    while let Some(c) = chars.next() {
        ended = false;
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cell.push('"');
                } else {
                    quoted = false;
                }
            } else {
                cell.push(c);
            }
            continue;
        }
        match c {
            '"' if at_cell_start => {
                quoted = true;
                quote_row = row;
                at_cell_start = false;
            }
            c if c == delimiter => {
                cells.push(std::mem::take(&mut cell));
                if cells.len() > MAX_COLUMNS {
                    return Err(CsvError::TooLarge);
                }
                at_cell_start = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                cells.push(std::mem::take(&mut cell));
                if cells.len() > MAX_COLUMNS {
                    return Err(CsvError::TooLarge);
                }
                end_record(&mut cells, &mut row)?;
                at_cell_start = true;
                ended = true;
            }
            c => {
                cell.push(c);
                at_cell_start = false;
            }
        }
    }
    if quoted {
        return Err(CsvError::UnterminatedQuote { row: quote_row });
    }
    if !ended {
        cells.push(cell);
        if cells.len() > MAX_COLUMNS {
            return Err(CsvError::TooLarge);
        }
        end_record(&mut cells, &mut row)?;
    }
    if records.is_empty() {
        return Err(CsvError::Empty);
    }
    Ok(Table { delimiter, records })
}

/// What a column of a donor list can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// Full name (required).
    Name,
    /// Phone number (required).
    Phone,
    /// Birth date, `dd/mm/yyyy` or `yyyy-mm-dd` (required).
    BirthDate,
    /// Sex: Nam/Nữ, Male/Female, M/F (required).
    Sex,
    /// Weight in kilograms (required).
    Weight,
    /// Category: staff, student... (required unless a default is given).
    Category,
    /// Participating unit, by name or id (optional; a default may be given).
    Unit,
    /// Citizen ID (optional).
    CitizenId,
    /// Blood group such as `O+` (optional).
    BloodGroup,
}

impl Field {
    /// Every field, in the order a form shows them.
    pub const ALL: [Field; 9] = [
        Field::Name,
        Field::Phone,
        Field::BirthDate,
        Field::Sex,
        Field::Weight,
        Field::Category,
        Field::Unit,
        Field::CitizenId,
        Field::BloodGroup,
    ];

    /// Header names recognised for this field, written without accents, spaces or
    /// punctuation (see [`guess_columns`]).
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Field::Name => &[
                "hoten",
                "hovaten",
                "hotennguoihien",
                "ten",
                "name",
                "fullname",
                "donorname",
            ],
            Field::Phone => &[
                "sodienthoai",
                "dienthoai",
                "sdt",
                "dt",
                "didong",
                "phone",
                "phonenumber",
                "mobile",
                "tel",
                "telephone",
            ],
            Field::BirthDate => &[
                "ngaysinh",
                "ngaythangnamsinh",
                "birthdate",
                "dateofbirth",
                "dob",
                "birthday",
            ],
            Field::Sex => &["gioitinh", "phai", "sex", "gender"],
            Field::Weight => &["cannang", "cannangkg", "weight", "weightkg", "kg"],
            Field::Category => &[
                "doituong",
                "phanloai",
                "loaidoituong",
                "category",
                "donorcategory",
            ],
            Field::Unit => &[
                "donvi",
                "donvicongtac",
                "coquan",
                "noicongtac",
                "unit",
                "organization",
                "organisation",
                "employer",
            ],
            Field::CitizenId => &[
                "cccd",
                "cmnd",
                "socccd",
                "socmnd",
                "cccdcmnd",
                "cancuoccongdan",
                "socancuoc",
                "citizenid",
                "nationalid",
                "idnumber",
            ],
            Field::BloodGroup => &["nhommau", "bloodgroup", "bloodtype"],
        }
    }

    /// Whether a row without this value is refused (when no default stands in).
    pub fn is_required(self) -> bool {
        matches!(
            self,
            Field::Name
                | Field::Phone
                | Field::BirthDate
                | Field::Sex
                | Field::Weight
                | Field::Category
        )
    }
}

/// Which column (0-based) holds each field, and whether the first record is a header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnMap {
    columns: BTreeMap<Field, usize>,
    /// Whether the table's first record is a header (skipped by [`import_donors`]).
    pub has_header: bool,
}

impl ColumnMap {
    /// The column of a field, if mapped.
    pub fn get(&self, field: Field) -> Option<usize> {
        self.columns.get(&field).copied()
    }

    /// Maps a field to a column, or unmaps it with `None`; a column mapped to another field
    /// is taken from it, so no column feeds two fields.
    pub fn set(&mut self, field: Field, column: Option<usize>) {
        if let Some(c) = column {
            self.columns.retain(|_, v| *v != c);
            self.columns.insert(field, c);
        } else {
            self.columns.remove(&field);
        }
    }

    /// The required fields with no column (the caller may still give defaults for some).
    pub fn unmapped_required(&self) -> Vec<Field> {
        Field::ALL
            .into_iter()
            .filter(|f| f.is_required() && !self.columns.contains_key(f))
            .collect()
    }
}

/// Lower case, Vietnamese accents removed (`đ` as `d`, composed or combining marks), only
/// letters and digits kept: `"Họ và tên"` becomes `"hovaten"`.
pub fn fold(text: &str) -> String {
    const GROUPS: [(char, &str); 7] = [
        ('a', "àáạảãâầấậẩẫăằắặẳẵ"),
        ('e', "èéẹẻẽêềếệểễ"),
        ('i', "ìíịỉĩ"),
        ('o', "òóọỏõôồốộổỗơờớợởỡ"),
        ('u', "ùúụủũưừứựửữ"),
        ('y', "ỳýỵỷỹ"),
        ('d', "đ"),
    ];
    text.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| {
            if c.is_ascii_alphanumeric() {
                return Some(c);
            }
            GROUPS
                .iter()
                .find(|(_, letters)| letters.contains(c))
                .map(|(base, _)| *base)
                .or_else(|| (c.is_alphanumeric() && !c.is_ascii()).then_some(c))
        })
        .collect()
}

/// Guesses the columns from a header record in Vietnamese or English: a header names a field
/// when, without accents, case, spaces and punctuation, it is one of the field's names
/// (`"Họ và tên"`, `"SĐT"`, `"Date of birth"`...), or starts with one of five letters or more
/// (`"Họ và tên (bắt buộc)"`). Each field takes the first column that names it. `has_header` is
/// set when any column was recognised.
pub fn guess_columns<S: AsRef<str>>(header: &[S]) -> ColumnMap {
    let folded: Vec<String> = header.iter().map(|h| fold(h.as_ref())).collect();
    let mut map = ColumnMap::default();
    let exact = |h: &str, s: &str| h == s;
    let prefix = |h: &str, s: &str| s.len() >= 5 && h.starts_with(s);
    for matches in [&exact as &dyn Fn(&str, &str) -> bool, &prefix] {
        for field in Field::ALL {
            if map.columns.contains_key(&field) {
                continue;
            }
            let found = folded.iter().enumerate().find(|(i, h)| {
                !map.columns.values().any(|c| c == i)
                    && field.synonyms().iter().any(|s| matches(h, s))
            });
            if let Some((i, _)) = found {
                map.columns.insert(field, i);
            }
        }
    }
    map.has_header = !map.columns.is_empty();
    map
}

/// Parses a birth date as people write it: `dd/mm/yyyy` (also with `-` or `.`, one-digit day
/// or month) or ISO `yyyy-mm-dd`. Two-digit years are refused.
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    let parts: Vec<&str> = text.split(['/', '-', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let num = |s: &str, max_len: usize| -> Option<u32> {
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (y, m, d) = if a.len() == 4 {
        (num(a, 4)?, num(b, 2)?, num(c, 2)?)
    } else if c.len() == 4 {
        (num(c, 4)?, num(b, 2)?, num(a, 2)?)
    } else {
        return None;
    };
    Date::from_ymd(
        i32::try_from(y).ok()?,
        u8::try_from(m).ok()?,
        u8::try_from(d).ok()?,
    )
}

/// Parses a sex: `Nam`/`Nữ`, `Male`/`Female`, `M`/`F`, in any case, with or without accents.
pub fn parse_sex(text: &str) -> Option<Sex> {
    match fold(text).as_str() {
        "nam" | "m" | "male" | "man" => Some(Sex::Male),
        "nu" | "f" | "female" | "woman" => Some(Sex::Female),
        _ => None,
    }
}

/// Parses a category from its Vietnamese or English name (the words this module's exports use
/// and common variants: `CBNV`, `Sinh viên`, `Thực tập`, `Người nhà`, `Người dân`...).
pub fn parse_category(text: &str) -> Option<Category> {
    match fold(text).as_str() {
        "canbo" | "canbonhanvien" | "cbnv" | "nhanvien" | "vienchuc" | "canbovienchuc"
        | "staff" | "employee" => Some(Category::Staff),
        "sinhvien" | "sv" | "student" => Some(Category::Student),
        "hocsinhthuctap" | "thuctap" | "thuctapsinh" | "hocvienthuctap" | "intern" => {
            Some(Category::Intern)
        }
        "nguoinhabenhnhan" | "nguoinhanguoibenh" | "nguoinha" | "patientsrelative"
        | "patientrelative" | "relative" => Some(Category::PatientRelative),
        "nguoidan" | "khac" | "tudo" | "public" | "memberofthepublic" | "other" => {
            Some(Category::Public)
        }
        _ => None,
    }
}

/// Parses a blood group as people answer a form: `O+`, `O +`, `o dương`, `A Rh+`,
/// `B Rh(D)-`, `AB âm tính`, `nhóm O`, `Nhóm máu A+`; the ABO group alone (`O`, `AB`) or with
/// "chưa rõ" (`O (Rh chưa rõ)`) is that group with its Rh factor unknown, and `Không biết`,
/// `không rõ`, `chưa biết`, `unknown` or `?` is a donor who does not know their group (`None`).
/// `Rh+` or `Rh-` without an ABO letter is also a group not known (`None`: the Rh factor alone
/// is kept nowhere, but the donor is not refused for it). Case and accents do not matter.
/// Anything else (`C`, `O+-`, `+`) is [`Problem::BloodGroup`]. (An empty cell also means "not known"; the importer handles it
/// before.)
pub fn parse_blood_group(text: &str) -> Result<Option<BloodGroup>, Problem> {
    const UNKNOWN: [&str; 8] = [
        "khongbiet",
        "chuabiet",
        "khongro",
        "chuaro",
        "khongxacdinh",
        "chuaxacdinh",
        "unknown",
        "dontknow",
    ];
    const PREFIXES: [&str; 6] = [
        "nhommau",
        "nhom",
        "bloodgroup",
        "bloodtype",
        "group",
        "type",
    ];
    // The signs as words, so that folding (which keeps only letters and digits) keeps them.
    let mut s = fold(&text.replace('+', " duong ").replace('-', " am "));
    let mut unknown = text.trim() == "?";
    for word in UNKNOWN {
        if s.contains(word) {
            unknown = true;
            s = s.replace(word, "");
        }
    }
    if let Some(rest) = PREFIXES.iter().find_map(|p| s.strip_prefix(p)) {
        s = rest.to_owned();
    }
    // "Rh" goes, and the "D" of "Rh(D)" once the sign after it is read.
    let said_rh = s.contains("rh");
    let mut s = s.replace("rh", "");
    let mut rh = None;
    'signs: loop {
        for (suffix, sign) in [
            ("duongtinh", Rh::Positive),
            ("amtinh", Rh::Negative),
            ("positive", Rh::Positive),
            ("negative", Rh::Negative),
            ("duong", Rh::Positive),
            ("am", Rh::Negative),
            ("pos", Rh::Positive),
            ("neg", Rh::Negative),
        ] {
            if let Some(rest) = s.strip_suffix(suffix) {
                if rh.is_some_and(|r| r != sign) {
                    return Err(Problem::BloodGroup);
                }
                rh = Some(sign);
                s.truncate(rest.len());
                continue 'signs;
            }
        }
        break;
    }
    if said_rh && s.ends_with('d') {
        s.pop();
    }
    let abo = match s.as_str() {
        "o" | "0" => Abo::O,
        "a" => Abo::A,
        "b" => Abo::B,
        "ab" => Abo::AB,
        "" if unknown && rh.is_none() => return Ok(None),
        // "Rh+" alone: the person knows the Rh factor but not the ABO group, which a blood group
        // here cannot hold without its ABO letter: the row is kept with its group not known.
        "" if said_rh && rh.is_some() && !unknown => return Ok(None),
        _ => return Err(Problem::BloodGroup),
    };
    Ok(Some(BloodGroup::new(abo, rh.unwrap_or(Rh::Unknown))))
}

/// What the importer uses when a column is missing or a cell is empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportDefaults {
    /// The category of every row without one (a hospital's staff list: staff).
    pub category: Option<Category>,
    /// The unit of every row without one (the unit that sent the list).
    pub unit: Option<UnitId>,
}

/// What is wrong with one value of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A required value is empty, or its column is not mapped.
    Missing,
    /// A name the donor rules refuse (empty, or not 2 to 100 characters).
    Name(DomainError),
    /// Not a Vietnamese phone number.
    Phone,
    /// Not a date `dd/mm/yyyy` or `yyyy-mm-dd` of a real day.
    Date,
    /// A birth date after today.
    BirthDateInFuture,
    /// Not a sex the importer knows.
    Sex,
    /// Not a weight in kilograms from 20 to 300 with at most one decimal.
    Weight,
    /// Not a category the importer knows.
    Category,
    /// No unit of this name or id (the text given).
    UnknownUnit(String),
    /// Several units have this name (the text given).
    AmbiguousUnit(String),
    /// Not a 12- or 9-digit citizen ID.
    CitizenId,
    /// Not a blood group.
    BloodGroup,
    /// The same phone number as an earlier row of the file (its row number).
    DuplicatePhone {
        /// The row that has it first.
        first_row: usize,
    },
}

/// One problem of one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The row, 1-based, as the spreadsheet shows it.
    pub row: usize,
    /// The field concerned.
    pub field: Field,
    /// What is wrong.
    pub problem: Problem,
}

/// A row that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidRow {
    /// The row, 1-based, as the spreadsheet shows it.
    pub row: usize,
    /// The donor it describes (the name tidied as the donor rules tidy it).
    pub draft: DonorDraft,
}

/// The outcome of checking a donor list: nothing has been applied.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DonorImport {
    /// Rows that can be applied, in file order.
    pub valid: Vec<ValidRow>,
    /// Every problem, by row then field; a row with any problem is not among `valid`.
    pub errors: Vec<RowError>,
}

/// A phone as typed, with the leading zero a spreadsheet drops from numbers put back
/// (`912345678` is `0912345678`).
fn phone(text: &str) -> Option<Phone> {
    let text = text.trim();
    if let Ok(p) = Phone::parse(text) {
        return Some(p);
    }
    let digits = text.len() == 9 && text.bytes().all(|b| b.is_ascii_digit());
    digits
        .then(|| Phone::parse(&format!("0{text}")).ok())
        .flatten()
}

/// A citizen ID as typed, with the leading zeros a spreadsheet drops put back (Hà Nội's
/// numbers start `001`, so 10 or 11 digits are padded to 12).
fn citizen_id(text: &str) -> Option<CitizenId> {
    let compact: String = text.chars().filter(|c| *c != ' ').collect();
    let padded = if matches!(compact.len(), 10 | 11) && compact.bytes().all(|b| b.is_ascii_digit())
    {
        format!("{compact:0>12}")
    } else {
        compact
    };
    CitizenId::parse(&padded).ok()
}

/// Checks every record of a donor list (the header skipped when `map.has_header`) into donor
/// drafts: name by the donor rules, phone by [`Phone::parse`] (a dropped leading zero put
/// back), birth date by [`parse_date`] and not after `today`, sex, weight by
/// [`Weight::parse_kg`] (a trailing `kg` allowed), category, unit by name (accents and case
/// ignored) or id among `units`, citizen ID and blood group when given. A phone number met
/// twice in the file is an error on the later row. Defaults stand in for missing categories and
/// units.
pub fn import_donors<'a>(
    table: &Table,
    map: &ColumnMap,
    units: impl IntoIterator<Item = &'a Unit>,
    defaults: &ImportDefaults,
    today: Date,
) -> DonorImport {
    let units: Vec<(&Unit, String)> = units.into_iter().map(|u| (u, fold(&u.name))).collect();
    let mut result = DonorImport::default();
    let mut phones: BTreeMap<Phone, usize> = BTreeMap::new();
    let skip = usize::from(map.has_header);
    for record in table.records.iter().skip(skip) {
        let row = record.row;
        let mut errors = Vec::new();
        let cell = |f: Field| -> &str {
            map.get(f)
                .and_then(|c| record.cells.get(c))
                .map_or("", |s| s.trim())
        };
        let need = |f: Field, errors: &mut Vec<RowError>| -> Option<&str> {
            let v = cell(f);
            if v.is_empty() {
                errors.push(RowError {
                    row,
                    field: f,
                    problem: Problem::Missing,
                });
                None
            } else {
                Some(v)
            }
        };
        let present = |f: Field| Some(cell(f)).filter(|t| !t.is_empty());

        let name = need(Field::Name, &mut errors).map(str::to_owned);
        let phone = read(
            row,
            Field::Phone,
            need(Field::Phone, &mut errors),
            phone,
            Problem::Phone,
            &mut errors,
        );
        let birth = read(
            row,
            Field::BirthDate,
            need(Field::BirthDate, &mut errors),
            parse_date,
            Problem::Date,
            &mut errors,
        );
        let sex = read(
            row,
            Field::Sex,
            need(Field::Sex, &mut errors),
            parse_sex,
            Problem::Sex,
            &mut errors,
        );
        let weight = read(
            row,
            Field::Weight,
            need(Field::Weight, &mut errors),
            |w| {
                let w = w
                    .strip_suffix("kg")
                    .or_else(|| w.strip_suffix("KG"))
                    .or_else(|| w.strip_suffix("Kg"))
                    .unwrap_or(w);
                Weight::parse_kg(w)
            },
            Problem::Weight,
            &mut errors,
        );
        let category = match present(Field::Category) {
            Some(text) => read(
                row,
                Field::Category,
                Some(text),
                parse_category,
                Problem::Category,
                &mut errors,
            ),
            None => {
                if defaults.category.is_none() {
                    errors.push(RowError {
                        row,
                        field: Field::Category,
                        problem: Problem::Missing,
                    });
                }
                defaults.category
            }
        };
        let unit = match present(Field::Unit) {
            None => defaults.unit.clone(),
            Some(unit_text) => {
                let key = fold(unit_text);
                let found: Vec<&Unit> = units
                    .iter()
                    .filter(|(u, name)| u.id.as_str() == unit_text || *name == key)
                    .map(|(u, _)| *u)
                    .collect();
                let problem = match found.as_slice() {
                    [u] => Ok(u.id.clone()),
                    [] => Err(Problem::UnknownUnit(unit_text.to_owned())),
                    _ => Err(Problem::AmbiguousUnit(unit_text.to_owned())),
                };
                match problem {
                    Ok(id) => Some(id),
                    Err(problem) => {
                        errors.push(RowError {
                            row,
                            field: Field::Unit,
                            problem,
                        });
                        None
                    }
                }
            }
        };
        let citizen = read(
            row,
            Field::CitizenId,
            present(Field::CitizenId),
            citizen_id,
            Problem::CitizenId,
            &mut errors,
        );
        let group = match present(Field::BloodGroup).map(parse_blood_group) {
            Some(Err(problem)) => {
                errors.push(RowError {
                    row,
                    field: Field::BloodGroup,
                    problem,
                });
                None
            }
            Some(Ok(group)) => group,
            None => None,
        };

        let name = name.and_then(|n| match check_name(&n) {
            Ok(n) => Some(n),
            Err(e) => {
                errors.push(RowError {
                    row,
                    field: Field::Name,
                    problem: Problem::Name(e),
                });
                None
            }
        });
        if let Some(first) = phone.as_ref().and_then(|p| phones.get(p)) {
            errors.push(RowError {
                row,
                field: Field::Phone,
                problem: Problem::DuplicatePhone { first_row: *first },
            });
        }
        if let (Some(full_name), Some(phone), Some(birth_date), Some(sex), Some(weight), Some(c)) =
            (name, phone, birth, sex, weight, category)
        {
            let draft = DonorDraft {
                full_name,
                sex,
                birth_date,
                weight,
                phone,
                citizen_id: citizen,
                blood_group: group,
                category: c,
                unit,
            };
            match check_donor(draft, today) {
                Ok(draft) if errors.is_empty() => {
                    phones.insert(draft.phone.clone(), row);
                    result.valid.push(ValidRow { row, draft });
                }
                Ok(_) => {}
                Err((field, problem)) => errors.push(RowError {
                    row,
                    field,
                    problem,
                }),
            }
        }
        crate::domain::order::sort_by_key(&mut errors, |e| e.field);
        result.errors.extend(errors);
    }
    result
}

/// Reads one cell: nothing when it is absent; otherwise the parsed value, or `problem` recorded
/// against the row when the text does not parse.
fn read<'a, T>(
    row: usize,
    field: Field,
    text: Option<&'a str>,
    parse: impl FnOnce(&'a str) -> Option<T>,
    problem: Problem,
    errors: &mut Vec<RowError>,
) -> Option<T> {
    let value = parse(text?);
    if value.is_none() {
        errors.push(RowError {
            row,
            field,
            problem,
        });
    }
    value
}

/// The donor rules' own checks on a draft (name, birth date against `today`), giving the draft
/// with its name tidied.
fn check_donor(draft: DonorDraft, today: Date) -> Result<DonorDraft, (Field, Problem)> {
    let id = DonorId::new("import").map_err(|e| (Field::Name, Problem::Name(e)))?;
    match Donor::new(id, draft.clone(), today, Timestamp(0)) {
        Ok(donor) => Ok(DonorDraft {
            full_name: donor.full_name,
            ..draft
        }),
        Err(DomainError::BirthDateInFuture) => Err((Field::BirthDate, Problem::BirthDateInFuture)),
        Err(e) => Err((Field::Name, Problem::Name(e))),
    }
}

/// A name checked by the name rule on its own (so a row with other problems still hears about
/// its name).
fn check_name(name: &str) -> Result<String, DomainError> {
    crate::domain::full_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::UnitKind;
    use crate::domain::sample::{self, DRIVE_2023_1};

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn cells(table: &Table) -> Vec<Vec<&str>> {
        table
            .records
            .iter()
            .map(|r| r.cells.iter().map(String::as_str).collect())
            .collect()
    }

    #[test]
    fn formula_like_cells_get_an_apostrophe() {
        for (cell, safe) in [
            ("=1+1", "'=1+1"),
            ("+84912", "'+84912"),
            ("-5", "'-5"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("Nguyễn Văn A", "Nguyễn Văn A"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(neutralise(cell), safe);
        }
    }

    #[test]
    fn cells_are_quoted_only_when_needed() {
        let mut out = String::new();
        write_record(&mut out, &["a", "b,c", "say \"hi\"", "two\nlines", "x"]);
        assert_eq!(out, "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",x\r\n");
    }

    #[test]
    fn rfc_4180_text_parses_with_quotes_commas_and_line_breaks_inside() {
        let text = "\u{FEFF}name,note\r\n\"Trần, Thị B\",\"line 1\r\nline 2\"\r\n\"He said \"\"hi\"\"\",\r\n\r\nlast,row";
        let table = parse(text).unwrap();
        assert_eq!(table.delimiter, ',');
        assert_eq!(
            cells(&table),
            [
                vec!["name", "note"],
                vec!["Trần, Thị B", "line 1\r\nline 2"],
                vec!["He said \"hi\"", ""],
                vec!["last", "row"],
            ]
        );
        let rows: Vec<usize> = table.records.iter().map(|r| r.row).collect();
        assert_eq!(
            rows,
            [1, 2, 3, 5],
            "a blank row is counted, a quoted break is not"
        );
    }

    #[test]
    fn semicolons_are_detected_and_sep_lines_obeyed() {
        let table = parse("Họ tên;Cân nặng\nAn;48,5\n").unwrap();
        assert_eq!(table.delimiter, ';');
        assert_eq!(cells(&table)[1], ["An", "48,5"]);
        let hinted = parse("sep=;\r\na,b;c\r\n").unwrap();
        assert_eq!(hinted.delimiter, ';');
        assert_eq!(cells(&hinted), [vec!["a,b", "c"]]);
        assert_eq!(hinted.records[0].row, 2);
        assert_eq!(
            detect_delimiter("\"a;b;c\",d\n"),
            ',',
            "quoted ; do not count"
        );
    }

    #[test]
    fn unreadable_text_is_refused_with_a_reason() {
        assert_eq!(parse(""), Err(CsvError::Empty));
        assert_eq!(parse("\u{FEFF}\r\n ,  \r\n"), Err(CsvError::Empty));
        assert_eq!(
            parse("a,b\nc,\"open\nd,e\n"),
            Err(CsvError::UnterminatedQuote { row: 2 })
        );
        assert_eq!(parse(&",".repeat(MAX_COLUMNS + 1)), Err(CsvError::TooLarge));
        assert_eq!(
            parse(&"a\n".repeat(MAX_RECORDS + 1)),
            Err(CsvError::TooLarge)
        );
    }

    #[test]
    fn stray_quotes_are_kept_as_text() {
        let table = parse("\"Nguyễn\" Văn A,5 \"x\"\n").unwrap();
        assert_eq!(cells(&table), [vec!["Nguyễn Văn A", "5 \"x\""]]);
    }

    #[test]
    fn headers_in_vietnamese_or_english_are_recognised() {
        let vi = guess_columns(&[
            "STT",
            "Họ và tên",
            "SĐT",
            "Ngày sinh",
            "Giới tính",
            "Cân nặng (kg)",
            "Đối tượng",
            "Đơn vị công tác",
            "Số CCCD",
            "Nhóm máu",
        ]);
        assert!(vi.has_header);
        assert_eq!(vi.get(Field::Name), Some(1));
        assert_eq!(vi.get(Field::Phone), Some(2));
        assert_eq!(vi.get(Field::BirthDate), Some(3));
        assert_eq!(vi.get(Field::Sex), Some(4));
        assert_eq!(vi.get(Field::Weight), Some(5));
        assert_eq!(vi.get(Field::Category), Some(6));
        assert_eq!(vi.get(Field::Unit), Some(7));
        assert_eq!(vi.get(Field::CitizenId), Some(8));
        assert_eq!(vi.get(Field::BloodGroup), Some(9));
        assert!(vi.unmapped_required().is_empty());
        let en = guess_columns(&["Full name", "Phone number", "Date of birth", "Gender"]);
        assert_eq!(en.get(Field::Name), Some(0));
        assert_eq!(en.get(Field::BirthDate), Some(2));
        assert_eq!(en.unmapped_required(), [Field::Weight, Field::Category]);
        let none = guess_columns(&["Nguyễn Văn An", "0912345678"]);
        assert!(!none.has_header);
        let mut fixed = none.clone();
        fixed.set(Field::Name, Some(0));
        fixed.set(Field::Phone, Some(0));
        assert_eq!(fixed.get(Field::Name), None, "a column feeds one field");
        assert_eq!(fixed.get(Field::Phone), Some(0));
    }

    #[test]
    fn values_parse_the_ways_people_write_them() {
        assert_eq!(parse_date("24/04/1990"), Some(d("1990-04-24")));
        assert_eq!(parse_date("4/9/1990"), Some(d("1990-09-04")));
        assert_eq!(parse_date("1990-04-24"), Some(d("1990-04-24")));
        assert_eq!(parse_date("24.04.1990"), Some(d("1990-04-24")));
        for bad in [
            "31/02/1990",
            "24/04/90",
            "1990/4",
            "",
            "aa/bb/cccc",
            "24/13/1990",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(parse_sex("Nữ"), Some(Sex::Female));
        assert_eq!(parse_sex("NAM"), Some(Sex::Male));
        assert_eq!(parse_sex("f"), Some(Sex::Female));
        assert_eq!(parse_sex("?"), None);
        assert_eq!(parse_category("Cán bộ, nhân viên"), Some(Category::Staff));
        assert_eq!(parse_category("Sinh viên"), Some(Category::Student));
        assert_eq!(
            parse_category("Patient's relative"),
            Some(Category::PatientRelative)
        );
        assert_eq!(
            parse_category("Member of the public"),
            Some(Category::Public)
        );
        for c in Category::ALL {
            for lang in [Language::Vi, Language::En] {
                assert_eq!(parse_category(labels::category(lang, c)), Some(c));
            }
        }
        let g = |s| parse_blood_group(s).map(|g| g.map(|g| g.to_string()));
        assert_eq!(g("O+"), Ok(Some("O+".into())));
        assert_eq!(g("ab -"), Ok(Some("AB-".into())));
        assert_eq!(g("A Rh+"), Ok(Some("A+".into())));
        assert_eq!(g("B Rh(D)-"), Ok(Some("B-".into())));
        assert_eq!(g("O dương"), Ok(Some("O+".into())));
        assert_eq!(g("AB âm"), Ok(Some("AB-".into())));
        assert_eq!(g("C+"), Err(Problem::BloodGroup));
        assert_eq!(g(""), Err(Problem::BloodGroup));
        assert_eq!(fold("Họ và Tên ĐỆM"), "hovatendem");
        assert_eq!(fold("Ho\u{0323} te\u{0302}n"), "hoten", "combining marks");
    }

    #[test]
    fn form_answers_of_a_blood_group_are_read_as_given() {
        // Issue 20: a Google Form's answers "A", "B", "AB", "O" and "Không biết" refused every
        // row ("not a blood group"); only an answer that is no blood group at all is a problem.
        let g = |s| parse_blood_group(s).map(|g| g.map(|g| g.to_string()));
        for (answer, group) in [
            ("O", "O"),
            ("A", "A"),
            ("B", "B"),
            ("AB", "AB"),
            ("ab", "AB"),
            ("nhóm O", "O"),
            ("Nhóm máu A+", "A+"),
            ("O (Rh chưa rõ)", "O"),
            ("O +", "O+"),
            ("o dương", "O+"),
            ("O Rh+", "O+"),
            ("B âm tính", "B-"),
            ("AB Rh(D) dương tính", "AB+"),
            ("0+", "O+"),
        ] {
            assert_eq!(g(answer), Ok(Some(group.into())), "{answer}");
        }
        for unknown in [
            "Không biết",
            "không rõ",
            "chưa biết",
            "KHÔNG BIẾT",
            "Unknown",
            "?",
        ] {
            assert_eq!(g(unknown), Ok(None), "{unknown}");
        }
        // The same answer typed with combining accents (Unikey's "Unicode tổ hợp").
        assert_eq!(g("Kho\u{0302}ng bie\u{0302}\u{0301}t"), Ok(None));
        assert_eq!(g("O du\u{031b}o\u{031b}ng"), Ok(Some("O+".into())));
        // Bug guarded: "Rh+" is one of the answers the issue lists, and its row was refused.
        for rh_only in ["Rh+", "rh -", "Rh dương", "RH(D)+"] {
            assert_eq!(g(rh_only), Ok(None), "{rh_only}");
        }
        for garbage in ["+", "C", "O+-", "ABO", "máu đỏ", "12"] {
            assert_eq!(g(garbage), Err(Problem::BloodGroup), "{garbage}");
        }
    }

    /// A Google Forms export of registrations, and the same list saved again by Excel
    /// (semicolons, BOM, CRLF, the leading 0 of phones dropped): blank rows, quoted commas and
    /// line breaks, +84 phones, d/m/yyyy dates, all-caps names and names typed decomposed.
    const GOOGLE_FORMS: &str = include_str!("../../tests/fixtures/google-forms-donors.csv");
    const GOOGLE_FORMS_EXCEL: &str =
        include_str!("../../tests/fixtures/google-forms-donors-excel.csv");

    #[test]
    fn a_google_forms_export_and_its_excel_copy_import_every_valid_row_as_given() {
        // Issue 20: every row of such a file was refused for its blood group ("A", "O",
        // "Không biết"), and decomposed names were kept as typed.
        let ledger = sample::sample_ledger();
        let defaults = ImportDefaults {
            category: Some(Category::Public),
            unit: None,
        };
        let mut seen = Vec::new();
        for text in [GOOGLE_FORMS, GOOGLE_FORMS_EXCEL] {
            let table = parse(text).unwrap();
            let map = guess_columns(&table.records[0].cells);
            assert!(map.has_header);
            assert_eq!(map.unmapped_required(), [Field::Category]);
            let result = import_donors(&table, &map, ledger.units(), &defaults, d("2024-03-12"));
            let errors: Vec<(usize, Field, &Problem)> = result
                .errors
                .iter()
                .map(|e| (e.row, e.field, &e.problem))
                .collect();
            assert_eq!(errors, [(10, Field::Phone, &Problem::Phone)]);
            let rows: Vec<String> = result
                .valid
                .iter()
                .map(|r| {
                    let g = &r.draft;
                    format!(
                        "{} {}, {}, {}, {}, {}",
                        r.row,
                        g.full_name,
                        g.phone.as_str(),
                        g.birth_date,
                        g.blood_group.map_or("?".into(), |b| b.to_string()),
                        g.unit.as_ref().map_or("-", UnitId::as_str),
                    )
                })
                .collect();
            assert_eq!(
                rows,
                [
                    "2 Nguyễn Văn An, 0978120001, 1990-03-05, O, unit-bv-thanh-nhan",
                    "3 Trần Thị Bích Ngọc, 0978120002, 1995-11-15, A, unit-bv-xanh-pon",
                    "4 LÊ HOÀNG NAM, 0978120003, 1988-01-01, ?, -",
                    "6 Phạm Thu Hà, 0978120004, 2000-02-28, AB, unit-bv-thanh-nhan",
                    "7 Đỗ Quang Huy, 0978120005, 1985-12-09, B, unit-bv-tim-ha-noi",
                    "8 VŨ THỊ MAI, 0978120006, 1999-06-30, O+, -",
                    "9 Hoàng Minh Đức, 0978120007, 1992-07-03, B+, unit-bv-xanh-pon",
                    "11 Bùi Thị Hằng, 0978120009, 1997-10-21, ?, unit-bv-tim-ha-noi",
                    "12 Đặng Văn Khoa, 0978120010, 1980-08-17, O+, unit-bv-thanh-nhan",
                    "13 TRỊNH THU TRANG, 0978120011, 2002-02-02, AB-, -",
                ]
            );
            // The decomposed names of the file are stored composed, as the same names typed
            // composed are.
            assert!(
                text.contains("Tra\u{0302}\u{300}n"),
                "the fixture holds NFD names"
            );
            assert_eq!(result.valid[1].draft.weight.hg(), 485);
            assert_eq!(result.valid[1].draft.sex, Sex::Female);
            seen.push(result.valid);
        }
        assert_eq!(seen[0], seen[1], "the Excel copy reads as the export does");
    }

    fn no_units() -> Vec<Unit> {
        Vec::new()
    }

    fn units() -> Vec<Unit> {
        let u = |id: &str, name: &str| {
            Unit::new(
                UnitId::new(id).unwrap(),
                name,
                UnitKind::PublicHospital,
                None,
            )
            .unwrap()
        };
        vec![
            u("unit-xanh-pon", "Bệnh viện Đa khoa Xanh Pôn"),
            u("unit-a", "Bệnh viện A"),
            u("unit-a2", "Bệnh viện  a"),
        ]
    }

    #[test]
    fn a_donor_list_gives_drafts_and_row_errors_with_row_numbers() {
        let text = "\u{FEFF}Họ và tên;SĐT;Ngày sinh;Giới tính;Cân nặng;Đối tượng;Đơn vị;CCCD;Nhóm máu\r\n\
Nguyễn  Văn   An;0912 345 678;24/04/1990;Nam;58,5;Cán bộ;bệnh viện đa khoa xanh pôn;001090001234;O+\r\n\
Trần Thị Bình;912345679;1995-01-02;Nữ;48 kg;;;1090001235;\r\n\
X;0912;31/02/1990;?;19;Giám đốc;Bệnh viện Z;123;C+\r\n\
Lê Văn Cường;0912345678;01/01/2090;Nam;60;Sinh viên;unit-a;;\r\n\
Phạm Dũng;0987654321;01/01/1990;Nam;60;Sinh viên;Bệnh viện A;;\r\n\
\r\n\
Đỗ Em;0987654322;01/01/1990;Nữ;50;Sinh viên;;;\r\n";
        let table = parse(text).unwrap();
        let map = guess_columns(&table.records[0].cells);
        let defaults = ImportDefaults {
            category: Some(Category::Staff),
            unit: Some(UnitId::new("unit-xanh-pon").unwrap()),
        };
        let result = import_donors(&table, &map, &units(), &defaults, d("2024-02-15"));
        let valid: Vec<(usize, &str)> = result
            .valid
            .iter()
            .map(|v| (v.row, v.draft.full_name.as_str()))
            .collect();
        assert_eq!(
            valid,
            [(2, "Nguyễn Văn An"), (3, "Trần Thị Bình"), (8, "Đỗ Em")]
        );
        let an = &result.valid[0].draft;
        assert_eq!(an.phone.as_str(), "0912345678");
        assert_eq!(an.weight.hg(), 585);
        assert_eq!(an.unit.as_ref().map(UnitId::as_str), Some("unit-xanh-pon"));
        assert_eq!(an.blood_group.map(|g| g.to_string()).as_deref(), Some("O+"));
        let binh = &result.valid[1].draft;
        assert_eq!(binh.phone.as_str(), "0912345679", "leading zero put back");
        assert_eq!(binh.category, Category::Staff, "default category");
        assert_eq!(
            binh.unit.as_ref().map(UnitId::as_str),
            Some("unit-xanh-pon")
        );
        assert_eq!(
            binh.citizen_id.as_ref().map(CitizenId::as_str),
            Some("001090001235")
        );
        assert_eq!(result.valid[2].draft.sex, Sex::Female);

        let errors: Vec<(usize, Field, Problem)> = result
            .errors
            .iter()
            .map(|e| (e.row, e.field, e.problem.clone()))
            .collect();
        assert_eq!(
            errors,
            [
                (4, Field::Name, Problem::Name(DomainError::NameLength)),
                (4, Field::Phone, Problem::Phone),
                (4, Field::BirthDate, Problem::Date),
                (4, Field::Sex, Problem::Sex),
                (4, Field::Weight, Problem::Weight),
                (4, Field::Category, Problem::Category),
                (4, Field::Unit, Problem::UnknownUnit("Bệnh viện Z".into())),
                (4, Field::CitizenId, Problem::CitizenId),
                (4, Field::BloodGroup, Problem::BloodGroup),
                (5, Field::Phone, Problem::DuplicatePhone { first_row: 2 }),
                (5, Field::BirthDate, Problem::BirthDateInFuture),
                (6, Field::Unit, Problem::AmbiguousUnit("Bệnh viện A".into())),
            ]
        );
    }

    #[test]
    fn a_name_the_donor_rules_refuse_is_a_row_error() {
        let table =
            parse("name,phone,dob,sex,weight,category\nX,0912345678,1990-01-01,M,60,staff\n")
                .unwrap();
        let map = guess_columns(&table.records[0].cells);
        let result = import_donors(
            &table,
            &map,
            &no_units(),
            &ImportDefaults::default(),
            d("2024-01-01"),
        );
        assert!(result.valid.is_empty());
        assert_eq!(
            result.errors,
            [RowError {
                row: 2,
                field: Field::Name,
                problem: Problem::Name(DomainError::NameLength)
            }]
        );
    }

    #[test]
    fn missing_columns_and_cells_are_reported_per_row() {
        let table = parse("Họ tên,SĐT\nAn Nguyễn,\n").unwrap();
        let map = guess_columns(&table.records[0].cells);
        let result = import_donors(
            &table,
            &map,
            &no_units(),
            &ImportDefaults::default(),
            d("2024-01-01"),
        );
        let fields: Vec<Field> = result.errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                Field::Phone,
                Field::BirthDate,
                Field::Sex,
                Field::Weight,
                Field::Category
            ]
        );
        assert!(
            result
                .errors
                .iter()
                .all(|e| e.problem == Problem::Missing && e.row == 2)
        );
    }

    fn roster(options: &RosterOptions) -> String {
        let ledger = sample::sample_ledger();
        roster_csv(&ledger, &DriveId::new(DRIVE_2023_1).unwrap(), options).unwrap()
    }

    #[test]
    fn a_roster_masks_phones_unless_asked_and_starts_with_a_bom() {
        let masked = roster(&RosterOptions::default());
        assert!(masked.starts_with('\u{FEFF}'));
        assert!(masked.ends_with("\r\n"));
        let table = parse(&masked).unwrap();
        assert_eq!(
            table.records[0].cells,
            [
                "Ngày",
                "Điểm hiến máu",
                "Khung giờ",
                "Họ và tên",
                "Số điện thoại",
                "Đối tượng",
                "Đơn vị",
                "Loại hiến",
                "Thể tích (ml)",
                "Trạng thái"
            ]
        );
        let rows = &table.records[1..];
        assert!(rows.len() > 500);
        assert!(rows.iter().all(|r| r.cells.len() == 10));
        assert!(rows.iter().all(|r| r.cells[4].contains("***")));
        assert_eq!(rows[0].cells[0], "2023-04-24");
        assert_eq!(rows[0].cells[2], "07:30-08:30");
        let shown = roster(&RosterOptions {
            show_phones: true,
            lang: Language::En,
            ..RosterOptions::default()
        });
        let table = parse(&shown).unwrap();
        assert_eq!(table.records[0].cells[4], "Phone");
        assert!(
            table.records[1..]
                .iter()
                .all(|r| Phone::parse(&r.cells[4]).is_ok())
        );
    }

    #[test]
    fn a_roster_can_cover_one_day_site_and_slot() {
        let ledger = sample::sample_ledger();
        let drive = ledger.drive(&DriveId::new(DRIVE_2023_1).unwrap()).unwrap();
        let site = drive.sites[1].site.clone();
        let site_name = ledger.site(&site).unwrap().name.clone();
        let scope = RosterScope {
            day: Some(drive.start.add_days(1)),
            site: Some(site),
            slot: Some(TimeOfDay::from_hm(9, 30).unwrap()),
        };
        let csv = roster(&RosterOptions {
            scope,
            ..RosterOptions::default()
        });
        let table = parse(&csv).unwrap();
        let rows = &table.records[1..];
        assert!(!rows.is_empty());
        assert!(rows.len() <= 12);
        for r in rows {
            assert_eq!(r.cells[0], "2023-04-25");
            assert_eq!(r.cells[1], site_name);
            assert_eq!(r.cells[2], "09:30-10:30");
        }
        let names: Vec<&str> = rows.iter().map(|r| r.cells[3].as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
    }

    #[test]
    fn hostile_names_stay_inert_in_a_roster() {
        let ledger = sample::sample_ledger();
        let drive = DriveId::new(DRIVE_2023_1).unwrap();
        let mut records = serde_json::to_value(&ledger).unwrap();
        let mut donors = ledger
            .pledges()
            .filter(|p| p.slot.place.drive() == Some(&drive))
            .map(|p| p.donor.as_str().to_owned());
        for hostile in [
            "=HYPERLINK(\"http://x\")",
            "<img src=x onerror=alert(1)>",
            "+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0",
        ] {
            let id = donors.next().unwrap();
            records["donors"][id.as_str()]["full_name"] = hostile.into();
        }
        let ledger: Ledger = serde_json::from_value(records).unwrap();
        let csv = roster_csv(&ledger, &drive, &RosterOptions::default()).unwrap();
        assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""));
        assert!(!csv.contains(",=HYPERLINK"));
        let table = parse(&csv).unwrap();
        let names: Vec<&str> = table.records.iter().map(|r| r.cells[3].as_str()).collect();
        assert!(names.contains(&"'=HYPERLINK(\"http://x\")"));
        assert!(names.contains(&"<img src=x onerror=alert(1)>"));
        assert!(names.contains(&"'+cmd|' /C calc'!A0"));
        assert!(names.contains(&"'@SUM(1+1)*cmd|' /C calc'!A0"));
        for r in &table.records {
            for c in &r.cells {
                assert!(!c.starts_with(['=', '+', '-', '@', '\t', '\r']), "{c}");
            }
        }
    }

    #[test]
    fn an_unknown_drive_has_no_roster() {
        let ledger = sample::sample_ledger();
        let id = DriveId::new("nope").unwrap();
        assert_eq!(
            roster_csv(&ledger, &id, &RosterOptions::default()),
            Err(DomainError::UnknownDrive(id))
        );
    }
}
