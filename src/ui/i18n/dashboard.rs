//! Words of the campaign dashboard: filters, chart titles and series, accessible summaries.

/// The dashboard's words.
#[derive(Debug)]
pub struct DashboardTexts {
    pub campaign: &'static str,
    pub drive: &'static str,
    pub all_drives: &'static str,
    pub site: &'static str,
    pub all_sites: &'static str,
    pub unit: &'static str,
    pub all_units: &'static str,
    pub no_campaign: &'static str,
    pub no_data: &'static str,
    /// A chart's label while the records are still being read.
    pub reading: &'static str,
    pub table: &'static str,
    pub units_axis: &'static str,
    pub people_axis: &'static str,
    pub progress_title: fn(i32) -> String,
    pub donated: &'static str,
    pub target_path: &'static str,
    pub previous_year: &'static str,
    pub required_pace: &'static str,
    /// "1.204 / 1.799 đơn vị, 67 %, chậm 52 đơn vị so với lộ trình" (no per cent without a
    /// target).
    pub progress_summary: fn(&str, &str, Option<&str>, Option<&str>) -> String,
    pub daily_title: &'static str,
    pub pledges: &'static str,
    pub units: &'static str,
    pub daily_summary: fn(usize, &str, &str) -> String,
    pub slots_title: &'static str,
    pub slots_summary: fn(&str, &str, usize) -> String,
    pub drives_title: &'static str,
    pub held: &'static str,
    pub capacity: &'static str,
    pub drives_summary: fn(usize, &str, &str) -> String,
    pub groups_title: &'static str,
    pub categories_title: &'static str,
    pub unknown_group: &'static str,
    pub unit_kinds_title: &'static str,
    /// Public hospital, specialty centre, district medical centre, other (as `UnitKind::ALL`),
    /// then "no unit".
    pub unit_kinds: [&'static str; 5],
    pub mix_summary: fn(&str, &str) -> String,
    pub quota_title: &'static str,
    pub quota: &'static str,
    pub quota_summary: fn(usize, usize, &str) -> String,
    pub col_date: &'static str,
    pub col_name: &'static str,
    pub col_share: &'static str,
}

/// Vietnamese.
pub const VI: DashboardTexts = DashboardTexts {
    campaign: "Chiến dịch",
    drive: "Đợt",
    all_drives: "Mọi đợt",
    site: "Địa điểm",
    all_sites: "Mọi địa điểm",
    unit: "Đơn vị",
    all_units: "Mọi đơn vị",
    no_campaign: "Chưa có chiến dịch nào. Hãy nạp chiến dịch mẫu hoặc khôi phục bản sao lưu ở trang Dữ liệu.",
    no_data: "Chưa có dữ liệu",
    reading: "Đang đọc dữ liệu…",
    table: "Bảng số liệu",
    units_axis: "đơn vị",
    people_axis: "người",
    progress_title: |year| format!("Tiến độ hiến máu {year}"),
    donated: "Đã hiến",
    target_path: "Lộ trình mục tiêu",
    previous_year: "Năm trước",
    required_pace: "Tốc độ cần đạt",
    progress_summary: |done, target, percent, behind| match (percent, behind) {
        (None, _) => format!("{done} đơn vị, chưa có chỉ tiêu"),
        (Some(p), Some(b)) => {
            format!("{done} / {target} đơn vị, {p}, chậm {b} đơn vị so với lộ trình")
        }
        (Some(p), None) => format!("{done} / {target} đơn vị, {p}, đúng hoặc vượt lộ trình"),
    },
    daily_title: "Đăng ký và đơn vị máu mỗi ngày",
    pledges: "Đăng ký",
    units: "Đơn vị máu",
    daily_summary: |days, pledges, units| {
        format!("{days} ngày, {pledges} lượt đăng ký, {units} đơn vị máu")
    },
    slots_title: "Lấp đầy khung giờ",
    slots_summary: |taken, capacity, full| {
        format!("{taken} / {capacity} chỗ đã có người đăng ký, {full} khung giờ kín chỗ")
    },
    drives_title: "Các đợt: đã đăng ký / số chỗ",
    held: "Đã đăng ký",
    capacity: "Số chỗ",
    drives_summary: |drives, held, capacity| {
        format!("{drives} đợt, {held} / {capacity} chỗ đã có người đăng ký")
    },
    groups_title: "Nhóm máu của người hiến",
    categories_title: "Người hiến theo đối tượng",
    unknown_group: "Chưa rõ",
    unit_kinds_title: "Người hiến theo loại đơn vị",
    unit_kinds: [
        "Bệnh viện công lập",
        "Trung tâm chuyên khoa",
        "Trung tâm y tế quận, huyện",
        "Đơn vị khác",
        "Không thuộc đơn vị",
    ],
    mix_summary: |total, largest| format!("{total} người, nhiều nhất: {largest}"),
    quota_title: "Đơn vị: đã hiến / chỉ tiêu",
    quota: "Chỉ tiêu",
    quota_summary: |units, reached, percent| {
        format!("{units} đơn vị có chỉ tiêu, {reached} đã đạt, chung {percent}")
    },
    col_date: "Ngày",
    col_name: "Tên",
    col_share: "Tỉ lệ",
};

/// English.
pub const EN: DashboardTexts = DashboardTexts {
    campaign: "Campaign",
    drive: "Drive",
    all_drives: "All drives",
    site: "Site",
    all_sites: "All sites",
    unit: "Unit",
    all_units: "All units",
    no_campaign: "No campaign yet. Load the sample campaign or restore a backup on the Data page.",
    no_data: "No data yet",
    reading: "Reading the data…",
    table: "Data table",
    units_axis: "units",
    people_axis: "people",
    progress_title: |year| format!("Blood collected in {year}"),
    donated: "Donated",
    target_path: "Target path",
    previous_year: "Previous year",
    required_pace: "Pace needed",
    progress_summary: |done, target, percent, behind| match (percent, behind) {
        (None, _) => format!("{done} units, no target set"),
        (Some(p), Some(b)) => format!("{done} of {target} units, {p}, behind pace by {b} units"),
        (Some(p), None) => format!("{done} of {target} units, {p}, on or ahead of pace"),
    },
    daily_title: "Pledges and units per day",
    pledges: "Pledges",
    units: "Units",
    daily_summary: |days, pledges, units| format!("{days} days, {pledges} pledges, {units} units"),
    slots_title: "Slot fill",
    slots_summary: |taken, capacity, full| {
        format!("{taken} of {capacity} places pledged, {full} slots full")
    },
    drives_title: "Drives: pledged / places",
    held: "Pledged",
    capacity: "Places",
    drives_summary: |drives, held, capacity| {
        format!("{drives} drives, {held} of {capacity} places pledged")
    },
    groups_title: "Donors by blood group",
    categories_title: "Donors by category",
    unknown_group: "Unknown",
    unit_kinds_title: "Donors by kind of unit",
    unit_kinds: [
        "Public hospital",
        "Specialty centre",
        "District medical centre",
        "Other unit",
        "No unit",
    ],
    mix_summary: |total, largest| format!("{total} people, most: {largest}"),
    quota_title: "Units: donated / quota",
    quota: "Quota",
    quota_summary: |units, reached, percent| {
        format!("{units} units with a quota, {reached} reached it, {percent} overall")
    },
    col_date: "Date",
    col_name: "Name",
    col_share: "Share",
};
