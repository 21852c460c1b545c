//! Words of the check-in desk.

/// The check-in desk's words.
#[derive(Debug)]
pub struct DeskTexts {
    pub place: &'static str,
    pub no_place_today: &'static str,
    pub day: &'static str,
    pub search: &'static str,
    pub search_hint: &'static str,
    /// "12 người hẹn, 3 đã đến, 2 đã hiến".
    pub summary: fn(usize, usize, usize) -> String,
    pub no_match: &'static str,
    pub arrived: &'static str,
    pub no_show: &'static str,
    pub donated: &'static str,
    pub volume: &'static str,
    pub weight_today: &'static str,
    pub defer: &'static str,
    pub defer_reason: &'static str,
    pub defer_until: &'static str,
    pub defer_reason_required: &'static str,
    pub defer_until_invalid: &'static str,
    pub walk_in: &'static str,
    pub walk_in_slot: &'static str,
    pub walk_in_over: &'static str,
    pub walk_in_full: &'static str,
    pub walk_in_save: &'static str,
    /// "Đã ghi: Nguyễn Thị Lan đã đến."
    pub done_arrived: fn(&str) -> String,
    pub done_donated: fn(&str, u16, &str) -> String,
    pub done_deferred: fn(&str) -> String,
    pub done_no_show: fn(&str) -> String,
    pub done_walk_in: fn(&str) -> String,
    pub refused: &'static str,
    pub walk_in_mark: &'static str,
    /// "Khung 07:30–08:30: 3 người đăng ký cho 2 chỗ (quá chỗ)."
    pub over_capacity: fn(&str, u32, u16) -> String,
    pub over_resolve: &'static str,
    /// A scanned slip, before the confirming tap: "Phiếu của Nguyễn Thị Lan · 08:30 · …".
    pub scan_found: fn(&str, &str) -> String,
    /// The scanned slip is not on this device yet: the tap adds it, then checks in.
    pub scan_new: &'static str,
    pub scan_not_here: &'static str,
    /// The slip is for another day or a place not open today: the day and the place.
    pub scan_elsewhere: fn(&str, &str) -> String,
    /// The slip's pledge is past arrival: the name and its state.
    pub scan_done: fn(&str, &str) -> String,
}

/// Vietnamese.
pub const VI: DeskTexts = DeskTexts {
    place: "Điểm tiếp đón",
    no_place_today: "Hôm nay không có điểm hiến máu nào mở.",
    day: "Ngày",
    search: "Tìm người hiến",
    search_hint: "Tên, số điện thoại hoặc mã phiếu. Enter: ghi nhận người đầu tiên trong danh sách đã đến.",
    summary: |all, arrived, donated| {
        format!("{all} lượt hẹn · {arrived} đã đến · {donated} đã hiến")
    },
    no_match: "Không có ai khớp. Người đến không hẹn trước: dùng mục Đến không hẹn bên dưới.",
    arrived: "Đã đến",
    no_show: "Không đến",
    donated: "Đã hiến",
    volume: "Thể tích",
    weight_today: "Cân nặng hôm nay (kg)",
    defer: "Tạm hoãn",
    defer_reason: "Lý do tạm hoãn",
    defer_until: "Hoãn đến ngày",
    defer_reason_required: "Hãy nhập lý do tạm hoãn.",
    defer_until_invalid: "Hãy chọn một ngày sau hôm nay.",
    walk_in: "Đến không hẹn trước",
    walk_in_slot: "Khung giờ",
    walk_in_over: "Nhận thêm dù khung giờ đã đủ chỗ",
    walk_in_full: "Khung giờ này đã đủ chỗ: đánh dấu ô nhận thêm nếu vẫn tiếp nhận.",
    walk_in_save: "Tiếp nhận",
    done_arrived: |name| format!("Đã ghi: {name} đã đến."),
    done_donated: |name, ml, units| format!("Đã ghi: {name} đã hiến {ml} ml ({units} đơn vị)."),
    done_deferred: |name| format!("Đã ghi: {name} tạm hoãn."),
    done_no_show: |name| format!("Đã ghi: {name} không đến."),
    done_walk_in: |name| format!("Đã tiếp nhận {name}, đã đến."),
    refused: "Không ghi được thay đổi này.",
    walk_in_mark: "không hẹn",
    over_capacity: |slot, taken, cap| {
        format!("⚠ Khung {slot}: {taken} người đăng ký cho {cap} chỗ (quá chỗ).")
    },
    over_resolve: "Xử lý ở trang Lịch trình: chuyển một người sang khung khác, hoặc nhận thêm chỗ.",
    scan_found: |name, when| format!("Phiếu của {name} · {when}"),
    scan_new: "Thiết bị này chưa có phiếu này: bấm Đã đến để thêm vào lịch và ghi nhận người hiến đã đến.",
    scan_not_here: "Phiếu này thuộc một đợt hay điểm hiến không có trên thiết bị này (có thể của chiến dịch khác): không ghi nhận ở đây được.",
    scan_elsewhere: |day, place| {
        format!(
            "Phiếu này hẹn {day} tại {place}, không phải hôm nay ở điểm đang mở: chưa ghi nhận."
        )
    },
    scan_done: |name, state| format!("Phiếu của {name} đã được ghi: {state}."),
};

/// English.
pub const EN: DeskTexts = DeskTexts {
    place: "Desk at",
    no_place_today: "No donation place is open today.",
    day: "Day",
    search: "Find a donor",
    search_hint: "Name, phone number or pledge code. Enter marks the first donor listed as arrived.",
    summary: |all, arrived, donated| {
        format!("{all} pledged · {arrived} arrived · {donated} donated")
    },
    no_match: "Nobody matches. A donor without a pledge: use Walk-in below.",
    arrived: "Arrived",
    no_show: "No-show",
    donated: "Donated",
    volume: "Volume",
    weight_today: "Weight today (kg)",
    defer: "Defer",
    defer_reason: "Reason for deferral",
    defer_until: "Deferred until",
    defer_reason_required: "Enter the reason for the deferral.",
    defer_until_invalid: "Choose a day after today.",
    walk_in: "Walk-in",
    walk_in_slot: "Time slot",
    walk_in_over: "Take them even though the slot is full",
    walk_in_full: "This slot is full: tick the box to take them anyway.",
    walk_in_save: "Register",
    done_arrived: |name| format!("Recorded: {name} arrived."),
    done_donated: |name, ml, units| format!("Recorded: {name} donated {ml} ml ({units} units)."),
    done_deferred: |name| format!("Recorded: {name} deferred."),
    done_no_show: |name| format!("Recorded: {name} did not come."),
    done_walk_in: |name| format!("{name} registered and arrived."),
    refused: "This change could not be recorded.",
    walk_in_mark: "walk-in",
    over_capacity: |slot, taken, cap| {
        let places = if cap == 1 { "place" } else { "places" };
        format!("⚠ {slot}: {taken} pledges for {cap} {places} (over capacity).")
    },
    over_resolve: "Resolve it on the schedule: move a donor to another slot, or accept the extra place.",
    scan_found: |name, when| format!("{name}'s slip · {when}"),
    scan_new: "This device does not have this slip yet: Arrived adds it to the schedule and records the donor's arrival.",
    scan_not_here: "This slip is for a drive or site that is not on this device (perhaps another campaign's): it cannot be recorded here.",
    scan_elsewhere: |day, place| {
        format!(
            "This slip is for {day} at {place}, not today at a place open now: nothing recorded."
        )
    },
    scan_done: |name, state| format!("{name}'s slip is already recorded: {state}."),
};
