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
    /// Slots holding more pledges than places (sync keeps both of two offline bookings).
    pub over_title: &'static str,
    pub over_lead: &'static str,
    /// "Thứ Hai 24/04/2023 · BV Xanh Pôn · 07:30–08:30: 3 / 2".
    pub over_item: fn(&str, &str, &str, u32, u16) -> String,
    pub over_open: &'static str,
    /// "Quá chỗ: 3 người cho 2 chỗ."
    pub over_flag: fn(u32, u16) -> String,
    /// "Nhận thêm chỗ (thành 3 chỗ)".
    pub over_accept: fn(u32) -> String,
    /// "Chuyển Nguyễn Văn A sang".
    pub move_to: fn(&str) -> String,
    pub move_button: &'static str,
    /// "12 chỗ trống".
    pub free: fn(u32) -> String,
    pub no_room: &'static str,
    /// "Đã chuyển Nguyễn Văn A sang 09:00–10:30."
    pub moved: fn(&str, &str) -> String,
    /// "Đã nhận thêm chỗ: khung 07:30–08:30 nay có 3 chỗ."
    pub accepted: fn(&str, u32) -> String,
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
    over_title: "Khung giờ quá chỗ",
    over_lead: "Có khung giờ nhiều người đăng ký hơn số chỗ (hai máy cùng nhận chỗ cuối khi ngoại tuyến, hoặc nhận thêm người tại chỗ); không đăng ký nào bị bỏ. Chuyển một người sang khung khác, hoặc nhận thêm chỗ.",
    over_item: |day, place, slot, taken, cap| {
        format!("{day} · {place} · {slot}: {taken} người / {cap} chỗ")
    },
    over_open: "Xem khung giờ",
    over_flag: |taken, cap| format!("Quá chỗ: {taken} người cho {cap} chỗ."),
    over_accept: |n| format!("Nhận thêm chỗ (thành {n} chỗ)"),
    move_to: |name| format!("Chuyển {name} sang"),
    move_button: "Chuyển",
    free: |n| format!("{n} chỗ trống"),
    no_room: "Không còn khung giờ nào trống trong ngày để chuyển.",
    moved: |name, slot| format!("Đã chuyển {name} sang {slot}."),
    accepted: |slot, n| format!("Đã nhận thêm chỗ: khung {slot} nay có {n} chỗ."),
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
    over_title: "Slots over capacity",
    over_lead: "Some slots hold more pledges than places (two devices booked the last place while offline, or more people were taken at the desk); no pledge was dropped. Move a donor to another slot, or accept the extra place.",
    over_item: |day, place, slot, taken, cap| {
        let places = if cap == 1 { "place" } else { "places" };
        format!("{day} · {place} · {slot}: {taken} pledges / {cap} {places}")
    },
    over_open: "Open the slot",
    over_flag: |taken, cap| {
        let places = if cap == 1 { "place" } else { "places" };
        format!("Over capacity: {taken} pledges for {cap} {places}.")
    },
    over_accept: |n| format!("Accept the extra place ({n} places)"),
    move_to: |name| format!("Move {name} to"),
    move_button: "Move",
    free: |n| format!("{n} free"),
    no_room: "No other slot that day has room to move to.",
    moved: |name, slot| format!("Moved {name} to {slot}."),
    accepted: |slot, n| format!("Extra place accepted: {slot} now has {n} places."),
};
