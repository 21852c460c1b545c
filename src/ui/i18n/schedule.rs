//! Words of the organizer's schedule.

/// The schedule's words.
#[derive(Debug)]
pub struct ScheduleTexts {
    pub drive: &'static str,
    pub fixed_points: &'static str,
    pub unit: &'static str,
    pub all_units: &'static str,
    pub nothing: &'static str,
    pub grid: &'static str,
    pub day: &'static str,
    /// "Cần khoảng 12 lượt đăng ký mỗi điểm mỗi ngày để đạt 1.799 đơn vị còn thiếu."
    pub planner: fn(&str, &str) -> String,
    pub under: &'static str,
    /// A cell's label: "Thứ Hai 13/05/2024, BV Xanh Pôn: 12 / 48".
    pub cell: fn(&str, &str, &str) -> String,
    pub agenda: &'static str,
    pub names: &'static str,
    pub empty_slot: &'static str,
    pub closed: &'static str,
    pub print: &'static str,
    pub csv: &'static str,
    pub show_phones: &'static str,
    /// The printed roster's heading: "Danh sách hiến máu · Đợt 1 · BV Xanh Pôn · Thứ Hai 24/04/2023".
    pub roster_title: fn(&str, &str) -> String,
    pub col_no: &'static str,
    pub col_name: &'static str,
    pub col_phone: &'static str,
    pub col_unit: &'static str,
    pub col_sign: &'static str,
}

/// Vietnamese.
pub const VI: ScheduleTexts = ScheduleTexts {
    drive: "Đợt hoặc điểm",
    fixed_points: "Các điểm cố định (30 ngày tới)",
    unit: "Đơn vị",
    all_units: "Mọi đơn vị",
    nothing: "Chưa có đợt hay điểm hiến máu nào. Hãy thiết lập hoặc nạp chiến dịch mẫu ở trang Dữ liệu.",
    grid: "Lịch theo ngày và địa điểm",
    day: "Ngày",
    planner: |per_day, goal| {
        format!(
            "Cần khoảng {per_day} lượt đăng ký mỗi điểm mỗi ngày còn lại để đạt {goal} đơn vị còn thiếu của chiến dịch; ô ít hơn được đánh dấu ▲."
        )
    },
    under: "thiếu đăng ký",
    cell: |day, site, fill| format!("{day}, {site}: {fill}"),
    agenda: "Khung giờ",
    names: "Xem tên",
    empty_slot: "Chưa có ai đăng ký.",
    closed: "—",
    print: "In danh sách (A4)",
    csv: "Tải danh sách (CSV)",
    show_phones: "Hiện đủ số điện thoại",
    roster_title: |place, day| format!("Danh sách hiến máu · {place} · {day}"),
    col_no: "STT",
    col_name: "Họ và tên",
    col_phone: "Điện thoại",
    col_unit: "Đơn vị",
    col_sign: "Ký tên",
};

/// English.
pub const EN: ScheduleTexts = ScheduleTexts {
    drive: "Drive or place",
    fixed_points: "Fixed points (next 30 days)",
    unit: "Unit",
    all_units: "All units",
    nothing: "No drive or donation place yet. Set one up, or load the sample campaign on the Data page.",
    grid: "Days and sites",
    day: "Day",
    planner: |per_day, goal| {
        format!(
            "About {per_day} pledges per site per remaining day are needed to reach the campaign's {goal} missing units; cells with fewer are marked ▲."
        )
    },
    under: "under-booked",
    cell: |day, site, fill| format!("{day}, {site}: {fill}"),
    agenda: "Time slots",
    names: "Show names",
    empty_slot: "Nobody has pledged yet.",
    closed: "—",
    print: "Print the roster (A4)",
    csv: "Download the roster (CSV)",
    show_phones: "Show whole phone numbers",
    roster_title: |place, day| format!("Donor roster · {place} · {day}"),
    col_no: "No.",
    col_name: "Name",
    col_phone: "Phone",
    col_unit: "Unit",
    col_sign: "Signature",
};
