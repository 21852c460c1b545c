//! Words of the donor-list import (CSV).

use crate::share::csv::{CsvError, Field, Problem};

/// The import's words.
#[derive(Debug)]
pub struct ImportTexts {
    pub heading: &'static str,
    pub intro: &'static str,
    pub file: &'static str,
    pub columns: &'static str,
    pub has_header: &'static str,
    pub no_column: &'static str,
    /// "Cột 3: Số điện thoại" (the header when there is one).
    pub column: fn(usize, &str) -> String,
    pub default_category: &'static str,
    pub default_unit: &'static str,
    pub none: &'static str,
    pub summary: fn(usize, usize) -> String,
    pub row_problem: fn(usize, &str, &str) -> String,
    pub more_problems: fn(usize) -> String,
    pub apply: fn(usize) -> String,
    /// Added, updated, and kept as they were (the record here as recent or more).
    pub applied: fn(usize, usize, usize) -> String,
    /// "Đã đọc “ds.csv”." after a file is read (the file field is then cleared).
    pub read_file: fn(&str) -> String,
    /// The blood groups of the valid rows, listed ("O+: 3, O (Rh chưa rõ): 2").
    pub groups: fn(&str) -> String,
    pub too_large: &'static str,
    pub unreadable: &'static str,
    pub field: fn(Field) -> &'static str,
    pub problem: fn(&Problem) -> String,
    pub csv_error: fn(&CsvError) -> String,
}

/// Vietnamese.
pub const VI: ImportTexts = ImportTexts {
    heading: "Nhập danh sách người hiến (CSV)",
    intro: "Danh sách từ bảng tính (lưu dạng CSV): chọn cột cho từng thông tin, xem các hàng lỗi, rồi xác nhận để thêm các hàng hợp lệ. Chưa xác nhận thì chưa có gì thay đổi.",
    file: "Tệp CSV",
    columns: "Cột của từng thông tin",
    has_header: "Hàng đầu là tiêu đề cột",
    no_column: "— không có —",
    column: |n, header| {
        if header.is_empty() {
            format!("Cột {n}")
        } else {
            format!("Cột {n}: {header}")
        }
    },
    default_category: "Đối tượng cho hàng để trống",
    default_unit: "Đơn vị cho hàng để trống",
    none: "— không —",
    summary: |good, bad| format!("{good} hàng hợp lệ, {bad} hàng có lỗi (sẽ không được thêm)."),
    row_problem: |row, field, what| format!("Hàng {row}, {field}: {what}"),
    more_problems: |n| format!("… và {n} lỗi khác."),
    apply: |n| format!("Thêm {n} người hiến hợp lệ"),
    applied: |added, updated, kept| {
        let mut s = format!(
            "Đã thêm {added} người hiến, cập nhật {updated} người đã có (cùng số điện thoại)."
        );
        if kept > 0 {
            s.push_str(&format!(
                " {kept} người đã có được giữ nguyên: bản ghi ở đây mới bằng hoặc mới hơn."
            ));
        }
        s
    },
    read_file: |name| format!("Đã đọc tệp “{name}”."),
    groups: |list| format!("Nhóm máu của các hàng hợp lệ: {list}."),
    too_large: "Tệp quá lớn (tối đa 8 MB, 100.000 hàng).",
    unreadable: "Không đọc được tệp này.",
    field: |f| match f {
        Field::Name => "Họ và tên",
        Field::Phone => "Số điện thoại",
        Field::BirthDate => "Ngày sinh",
        Field::Sex => "Giới tính",
        Field::Weight => "Cân nặng",
        Field::Category => "Đối tượng",
        Field::Unit => "Đơn vị",
        Field::CitizenId => "Số CCCD",
        Field::BloodGroup => "Nhóm máu",
    },
    problem: |p| match p {
        Problem::Missing => "để trống hoặc chưa chọn cột".into(),
        Problem::Name(_) => "họ tên phải từ 2 đến 100 ký tự".into(),
        Problem::Phone => "không phải số điện thoại Việt Nam".into(),
        Problem::Date => "không phải ngày dd/mm/yyyy".into(),
        Problem::BirthDateInFuture => "ngày sinh sau hôm nay".into(),
        Problem::Sex => "ghi Nam hoặc Nữ".into(),
        Problem::Weight => "cân nặng từ 20 đến 300 kg".into(),
        Problem::Category => "không phải đối tượng đã biết".into(),
        Problem::UnknownUnit(u) => format!("không có đơn vị “{u}”"),
        Problem::AmbiguousUnit(u) => format!("nhiều đơn vị cùng tên “{u}”"),
        Problem::CitizenId => "CCCD phải có 12 chữ số".into(),
        Problem::BloodGroup => "không phải nhóm máu (ví dụ O+, O, AB-, Không biết)".into(),
        Problem::DuplicatePhone { first_row } => {
            format!("trùng số điện thoại với hàng {first_row}")
        }
    },
    csv_error: |e| match e {
        CsvError::Empty => "Tệp không có hàng nào.".into(),
        CsvError::TooLarge => "Tệp quá lớn (tối đa 8 MB, 100.000 hàng).".into(),
        CsvError::UnterminatedQuote { row } => {
            format!("Dấu ngoặc kép mở ở hàng {row} không được đóng: tệp bị hỏng.")
        }
    },
};

/// English.
pub const EN: ImportTexts = ImportTexts {
    heading: "Import a donor list (CSV)",
    intro: "A list from a spreadsheet (saved as CSV): choose the column of each detail, see the rows with errors, then confirm to add the valid rows. Nothing changes before you confirm.",
    file: "CSV file",
    columns: "Column of each detail",
    has_header: "The first row holds column names",
    no_column: "— none —",
    column: |n, header| {
        if header.is_empty() {
            format!("Column {n}")
        } else {
            format!("Column {n}: {header}")
        }
    },
    default_category: "Category of rows without one",
    default_unit: "Unit of rows without one",
    none: "— none —",
    summary: |good, bad| format!("{good} valid row(s), {bad} row(s) with errors (not added)."),
    row_problem: |row, field, what| format!("Row {row}, {field}: {what}"),
    more_problems: |n| format!("… and {n} more."),
    apply: |n| format!("Add {n} valid donor(s)"),
    applied: |added, updated, kept| {
        let mut s = format!("{added} donor(s) added, {updated} already here updated (same phone).");
        if kept > 0 {
            s.push_str(&format!(
                " {kept} already here kept as they were: the record here is as recent or newer."
            ));
        }
        s
    },
    read_file: |name| format!("Read “{name}”."),
    groups: |list| format!("Blood groups of the valid rows: {list}."),
    too_large: "The file is too large (at most 8 MB, 100,000 rows).",
    unreadable: "This file cannot be read.",
    field: |f| match f {
        Field::Name => "Full name",
        Field::Phone => "Phone",
        Field::BirthDate => "Birth date",
        Field::Sex => "Sex",
        Field::Weight => "Weight",
        Field::Category => "Category",
        Field::Unit => "Unit",
        Field::CitizenId => "Citizen ID",
        Field::BloodGroup => "Blood group",
    },
    problem: |p| match p {
        Problem::Missing => "empty, or no column chosen".into(),
        Problem::Name(_) => "a name must be 2 to 100 characters".into(),
        Problem::Phone => "not a Vietnamese phone number".into(),
        Problem::Date => "not a date dd/mm/yyyy".into(),
        Problem::BirthDateInFuture => "a birth date after today".into(),
        Problem::Sex => "write Nam/Nữ or Male/Female".into(),
        Problem::Weight => "a weight from 20 to 300 kg".into(),
        Problem::Category => "not a known category".into(),
        Problem::UnknownUnit(u) => format!("no unit “{u}”"),
        Problem::AmbiguousUnit(u) => format!("several units are called “{u}”"),
        Problem::CitizenId => "a citizen ID has 12 digits".into(),
        Problem::BloodGroup => "not a blood group (for example O+, O, AB-, Unknown)".into(),
        Problem::DuplicatePhone { first_row } => format!("the same phone as row {first_row}"),
    },
    csv_error: |e| match e {
        CsvError::Empty => "The file has no rows.".into(),
        CsvError::TooLarge => "The file is too large (at most 8 MB, 100,000 rows).".into(),
        CsvError::UnterminatedQuote { row } => {
            format!("A quote opened on row {row} is never closed: the file is damaged.")
        }
    },
};
