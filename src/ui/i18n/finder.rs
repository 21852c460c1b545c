//! Words of the home page's campaign progress and of the drives list and calendar.

/// The finder's and the campaign card's words.
#[derive(Debug)]
pub struct FinderTexts {
    pub filters: &'static str,
    pub district: &'static str,
    pub all_districts: &'static str,
    pub site: &'static str,
    pub all_sites: &'static str,
    pub every_day: &'static str,
    pub calendar: &'static str,
    /// "Tháng 5/2024" / "May 2024".
    pub month_title: fn(u8, i32) -> String,
    pub weekdays_short: [&'static str; 7],
    /// A calendar day's label for screen readers: the date and how many places have room.
    pub day_summary: fn(&str, usize) -> String,
    pub list: &'static str,
    /// "còn 12/48 chỗ".
    pub places_left: fn(&str, &str) -> String,
    pub full: &'static str,
    pub pledge_here: &'static str,
    pub nothing_open: &'static str,
    pub coming_up: &'static str,
    pub see_all: &'static str,
    pub no_campaign: &'static str,
    /// "1.204 / 1.799 đơn vị máu".
    pub units_of: fn(&str, &str) -> String,
    pub progress_label: &'static str,
    /// "Còn 35 ngày, cần 12,3 đơn vị mỗi ngày".
    pub days_left: fn(u32, &str) -> String,
    pub behind: fn(&str) -> String,
    pub ahead: fn(&str) -> String,
    pub year_over: &'static str,
}

/// Vietnamese.
pub const VI: FinderTexts = FinderTexts {
    filters: "Lọc",
    district: "Quận, huyện",
    all_districts: "Mọi quận, huyện",
    site: "Địa điểm",
    all_sites: "Mọi địa điểm",
    every_day: "Mọi ngày",
    calendar: "Lịch tháng",
    month_title: |m, y| format!("Tháng {m}/{y}"),
    weekdays_short: ["T2", "T3", "T4", "T5", "T6", "T7", "CN"],
    day_summary: |date, n| match n {
        0 => format!("{date}: không có nơi nào còn chỗ"),
        n => format!("{date}: {n} nơi còn chỗ"),
    },
    list: "Danh sách",
    places_left: |free, cap| format!("còn {free}/{cap} chỗ"),
    full: "Hết chỗ",
    pledge_here: "Đăng ký",
    nothing_open: "Không có nơi nào mở đăng ký trong những ngày đã chọn.",
    coming_up: "Sắp tới",
    see_all: "Xem mọi đợt và điểm hiến máu",
    no_campaign: "Thiết bị này chưa có chiến dịch nào của năm nay.",
    units_of: |done, target| format!("{done} / {target} đơn vị máu"),
    progress_label: "Tiến độ chiến dịch",
    days_left: |days, per_day| {
        format!("Còn {days} ngày, cần trung bình {per_day} đơn vị mỗi ngày.")
    },
    behind: |units| format!("Chậm hơn kế hoạch {units} đơn vị."),
    ahead: |units| format!("Vượt kế hoạch {units} đơn vị."),
    year_over: "Chiến dịch năm nay đã kết thúc.",
};

/// English.
pub const EN: FinderTexts = FinderTexts {
    filters: "Filter",
    district: "District",
    all_districts: "All districts",
    site: "Site",
    all_sites: "All sites",
    every_day: "Every day",
    calendar: "Month calendar",
    month_title: |m, y| {
        const NAMES: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        format!("{} {y}", NAMES[usize::from(m.clamp(1, 12)) - 1])
    },
    weekdays_short: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    day_summary: |date, n| match n {
        0 => format!("{date}: no place with room"),
        1 => format!("{date}: 1 place with room"),
        n => format!("{date}: {n} places with room"),
    },
    list: "List",
    places_left: |free, cap| format!("{free} of {cap} places left"),
    full: "Full",
    pledge_here: "Pledge",
    nothing_open: "Nothing is open for pledges on the days chosen.",
    coming_up: "Coming up",
    see_all: "See every drive and donation point",
    no_campaign: "This device has no campaign for this year yet.",
    units_of: |done, target| format!("{done} / {target} units of blood"),
    progress_label: "Campaign progress",
    days_left: |days, per_day| {
        format!("{days} days left, {per_day} units a day needed on average.")
    },
    behind: |units| format!("Behind plan by {units} units."),
    ahead: |units| format!("Ahead of plan by {units} units."),
    year_over: "This year's campaign is over.",
};
