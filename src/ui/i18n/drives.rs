//! Words of the organizer's drives page (and of a drive's status wherever it shows).

use crate::domain::DriveStatus;

/// The drives page's words.
#[derive(Debug)]
pub struct DriveTexts {
    pub drives: &'static str,
    pub to_setup: &'static str,
    pub name: &'static str,
    pub name_required: &'static str,
    // drives
    pub no_drives: &'static str,
    pub new_drive: &'static str,
    pub campaign: &'static str,
    pub campaign_required: &'static str,
    pub start: &'static str,
    pub end: &'static str,
    pub date_invalid: &'static str,
    pub end_before_start: &'static str,
    pub outside_year: fn(i32) -> String,
    pub drive_sites: &'static str,
    pub sites_required: &'static str,
    pub add_sites_first: &'static str,
    pub template: fn(&str) -> String,
    pub template_hint: &'static str,
    pub overrides: fn(&str) -> String,
    pub overrides_hint: &'static str,
    pub slots_required: &'static str,
    pub slot_unreadable: fn(&str) -> String,
    pub capacity_not_positive: &'static str,
    pub capacity_too_large: &'static str,
    pub end_not_after_start: &'static str,
    pub slots_overlap: &'static str,
    pub override_unreadable: fn(&str) -> String,
    pub override_outside: fn(&str) -> String,
    pub override_twice: fn(&str) -> String,
    pub add_drive: &'static str,
    pub edit_drive: &'static str,
    pub edit_heading: fn(&str) -> String,
    pub save_drive: &'static str,
    pub cancel_edit: &'static str,
    pub drive_saved: fn(&str) -> String,
    pub orphaned: fn(u32) -> String,
    pub closed_word: &'static str,
    pub drive_added: fn(&str) -> String,
    pub status: fn(DriveStatus) -> &'static str,
    /// Places taken of all places.
    pub pledged_of: fn(usize, u64) -> String,
    pub open_drive: &'static str,
    pub open_effect: &'static str,
    pub close_drive: &'static str,
    pub close_effect: fn(usize) -> String,
    pub status_changed: &'static str,
    pub cancel_drive: &'static str,
    pub cancel_none: &'static str,
    pub cancel_effect: fn(usize) -> String,
    pub cancel_reason: &'static str,
    pub cancel_reason_required: &'static str,
    pub cancel_confirm: &'static str,
    pub cancel_keep: &'static str,
    pub cancelled: fn(usize) -> String,
    // sharing
    pub share: &'static str,
    pub drive_calendar: &'static str,
    pub capacity: &'static str,
    pub capacity_site: &'static str,
    pub capacity_day: &'static str,
    pub capacity_every_day: &'static str,
    pub capacity_slot: &'static str,
    pub capacity_places: &'static str,
    pub capacity_save: &'static str,
    pub capacity_allow_below: &'static str,
    pub capacity_below: fn(u32) -> String,
    pub capacity_saved: fn(&str, u16) -> String,
    pub share_hint: &'static str,
    pub share_link: &'static str,
    pub share_file: &'static str,
    pub qr_label: fn(&str) -> String,
    /// The link's length in characters and the QR code's version (none: too long for one).
    pub share_size: fn(usize, Option<u8>) -> String,
}

/// Vietnamese.
pub const VI: DriveTexts = DriveTexts {
    drives: "Các đợt hiến máu",
    to_setup: "Chiến dịch, địa điểm và đơn vị: trang Thiết lập",
    name: "Tên",
    name_required: "Hãy nhập tên.",
    no_drives: "Chưa có đợt nào.",
    new_drive: "Đợt mới",
    campaign: "Chiến dịch",
    campaign_required: "Hãy tạo một chiến dịch trước.",
    start: "Ngày bắt đầu",
    end: "Ngày kết thúc",
    date_invalid: "Hãy chọn một ngày.",
    end_before_start: "Ngày kết thúc phải từ ngày bắt đầu trở đi.",
    outside_year: |year| format!("Đợt phải nằm trong năm {year} của chiến dịch."),
    drive_sites: "Địa điểm của đợt",
    sites_required: "Hãy chọn ít nhất một địa điểm.",
    add_sites_first: "Hãy thêm địa điểm ở phần trên trước.",
    template: |site| format!("Khung giờ mỗi ngày tại {site}"),
    template_hint: "Giờ bắt đầu-kết thúc và số người, cách nhau bằng dấu phẩy: 07:30-08:30 20, 08:30-09:30 20.",
    overrides: |site| format!("Ngày khác lịch tại {site}"),
    overrides_hint: "Mỗi dòng một ngày: 14/05/2024: 07:30-09:00 10, hoặc 15/05/2024: nghỉ.",
    slots_required: "Hãy nhập ít nhất một khung giờ.",
    slot_unreadable: |item| format!("Không đọc được “{item}”: hãy viết 07:30-08:30 20."),
    capacity_not_positive: "Số người mỗi khung giờ phải từ 1 trở lên.",
    capacity_too_large: "Quá nhiều người cho một khung giờ: tối đa 1.000.",
    end_not_after_start: "Giờ kết thúc phải sau giờ bắt đầu.",
    slots_overlap: "Hai khung giờ trùng nhau.",
    override_unreadable: |line| {
        format!("Không đọc được “{line}”: hãy viết 14/05/2024: 07:30-09:00 10.")
    },
    override_outside: |day| format!("Ngày {day} không thuộc đợt."),
    override_twice: |line| format!("Ngày này đã có ở dòng trên: “{line}”."),
    add_drive: "Tạo đợt",
    edit_drive: "Sửa",
    edit_heading: |name| format!("Sửa đợt “{name}”"),
    save_drive: "Lưu thay đổi",
    cancel_edit: "Thôi sửa",
    drive_saved: |name| format!("Đã lưu thay đổi của đợt “{name}”."),
    orphaned: |n| {
        format!(
            "Không lưu: {n} lượt đăng ký sẽ mất ngày hoặc khung giờ của mình. Hãy dời hoặc hủy các lượt đó trước."
        )
    },
    closed_word: "nghỉ",
    drive_added: |name| format!("Đã tạo đợt “{name}” (đang chuẩn bị: mở đợt để nhận đăng ký)."),
    status: |s| match s {
        DriveStatus::Planned => "Đang chuẩn bị",
        DriveStatus::Open => "Đang nhận đăng ký",
        DriveStatus::Closed => "Đã đóng đăng ký",
        DriveStatus::Cancelled => "Đã hủy",
    },
    pledged_of: |n, all| format!("{n} / {all} chỗ đã có người đăng ký"),
    open_drive: "Mở đăng ký",
    open_effect: "Mở đăng ký: người hiến có thể đăng ký các khung giờ còn chỗ.",
    close_drive: "Đóng đăng ký",
    close_effect: |n| {
        format!(
            "Đóng đăng ký: không nhận đăng ký mới; {n} lượt đã đăng ký vẫn giữ nguyên và vẫn tiếp đón được."
        )
    },
    status_changed: "Đã lưu trạng thái mới của đợt.",
    cancel_drive: "Hủy đợt",
    cancel_none: "Hủy đợt này không ảnh hưởng lượt đăng ký nào.",
    cancel_effect: |n| {
        format!("Hủy đợt này sẽ hủy {n} lượt đăng ký chưa hoàn tất. Hãy báo cho những người sau:")
    },
    cancel_reason: "Lý do hủy (người hiến sẽ thấy)",
    cancel_reason_required: "Hãy nhập lý do hủy.",
    cancel_confirm: "Xác nhận hủy đợt",
    cancel_keep: "Không hủy",
    cancelled: |n| format!("Đã hủy đợt và {n} lượt đăng ký."),
    share: "Chia sẻ",
    drive_calendar: "Tải lịch đợt (.ics)",
    capacity: "Sức chứa",
    capacity_site: "Địa điểm",
    capacity_day: "Ngày",
    capacity_every_day: "Mọi ngày theo khung mẫu",
    capacity_slot: "Khung giờ · số chỗ hiện tại",
    capacity_places: "Số chỗ mới",
    capacity_save: "Lưu sức chứa",
    capacity_allow_below: "Vẫn giảm: khung giờ sẽ vượt sức chứa cho đến khi dời hoặc hủy bớt lượt đăng ký",
    capacity_below: |n| {
        format!("Đã có {n} người đăng ký khung giờ này: đánh dấu ô bên dưới nếu vẫn muốn giảm.")
    },
    capacity_saved: |start, n| format!("Đã lưu: khung {start} có {n} chỗ."),
    share_hint: "Gửi liên kết, cho quét mã QR hoặc gửi tệp: người hiến mở được trên điện thoại, kể cả khi không có mạng.",
    share_link: "Liên kết của đợt",
    share_file: "Tải tệp liên kết",
    qr_label: |name| format!("Mã QR của đợt {name}"),
    share_size: |len, version| match version {
        Some(v) => format!("Liên kết dài {len} ký tự; mã QR phiên bản {v}."),
        None => {
            format!("Liên kết dài {len} ký tự, quá dài cho một mã QR: hãy gửi liên kết hoặc tệp.")
        }
    },
};

/// English.
pub const EN: DriveTexts = DriveTexts {
    drives: "Drives",
    to_setup: "Campaigns, sites and units: the Setup page",
    name: "Name",
    name_required: "Enter a name.",
    no_drives: "No drive yet.",
    new_drive: "New drive",
    campaign: "Campaign",
    campaign_required: "Create a campaign first.",
    start: "First day",
    end: "Last day",
    date_invalid: "Choose a date.",
    end_before_start: "The last day cannot be before the first.",
    outside_year: |year| format!("The drive must fall within the campaign's year, {year}."),
    drive_sites: "Sites of the drive",
    sites_required: "Choose at least one site.",
    add_sites_first: "Add a site in the part above first.",
    template: |site| format!("Slots of each day at {site}"),
    template_hint: "Start-end and donors, separated by commas: 07:30-08:30 20, 08:30-09:30 20.",
    overrides: |site| format!("Days that differ at {site}"),
    overrides_hint: "One day per line: 14/05/2024: 07:30-09:00 10, or 15/05/2024: closed.",
    slots_required: "Enter at least one slot.",
    slot_unreadable: |item| format!("“{item}” cannot be read: write 07:30-08:30 20."),
    capacity_not_positive: "Donors per slot must be 1 or more.",
    capacity_too_large: "Too many donors for one slot: at most 1,000.",
    end_not_after_start: "The end time must be after the start.",
    slots_overlap: "Two slots overlap.",
    override_unreadable: |line| {
        format!("“{line}” cannot be read: write 14/05/2024: 07:30-09:00 10.")
    },
    override_outside: |day| format!("{day} is not a day of the drive."),
    override_twice: |line| format!("That day is already given above: “{line}”."),
    add_drive: "Create drive",
    edit_drive: "Edit",
    edit_heading: |name| format!("Edit the drive “{name}”"),
    save_drive: "Save changes",
    cancel_edit: "Stop editing",
    drive_saved: |name| format!("The changes to “{name}” are saved."),
    orphaned: |n| {
        format!("Not saved: {n} pledge(s) would lose their day or slot. Move or cancel them first.")
    },
    closed_word: "closed",
    drive_added: |name| format!("Drive “{name}” created (planned: open it to take pledges)."),
    status: |s| match s {
        DriveStatus::Planned => "Planned",
        DriveStatus::Open => "Taking pledges",
        DriveStatus::Closed => "Closed to pledges",
        DriveStatus::Cancelled => "Cancelled",
    },
    pledged_of: |n, all| format!("{n} of {all} places pledged"),
    open_drive: "Open for pledges",
    open_effect: "Opening lets volunteers pledge the slots with room.",
    close_drive: "Close to pledges",
    close_effect: |n| {
        format!(
            "Closing stops new pledges; the {n} pledge(s) made stay and can still be checked in."
        )
    },
    status_changed: "The drive's new status is saved.",
    cancel_drive: "Cancel drive",
    cancel_none: "Cancelling this drive affects no pledge.",
    cancel_effect: |n| {
        format!("Cancelling this drive cancels {n} open pledge(s). Tell these donors:")
    },
    cancel_reason: "Reason (donors will see it)",
    cancel_reason_required: "Enter the reason.",
    cancel_confirm: "Confirm cancelling the drive",
    cancel_keep: "Keep the drive",
    cancelled: |n| format!("The drive and {n} pledge(s) are cancelled."),
    share: "Share",
    drive_calendar: "Calendar file (.ics)",
    capacity: "Capacity",
    capacity_site: "Site",
    capacity_day: "Day",
    capacity_every_day: "Every day of the template",
    capacity_slot: "Slot · places now",
    capacity_places: "New number of places",
    capacity_save: "Save the capacity",
    capacity_allow_below: "Lower it anyway: the slot stays over capacity until pledges are moved or cancelled",
    capacity_below: |n| {
        format!("{n} donor(s) already pledged this slot: tick the box below to lower it anyway.")
    },
    capacity_saved: |start, n| format!("Saved: the {start} slot has {n} places."),
    share_hint: "Send the link, let people scan the QR code, or send the file: volunteers open it on their phones, even offline.",
    share_link: "Link to the drive",
    share_file: "Download the link as a file",
    qr_label: |name| format!("QR code of the drive {name}"),
    share_size: |len, version| match version {
        Some(v) => format!("The link is {len} characters; QR code version {v}."),
        None => format!(
            "The link is {len} characters, too long for one QR code: send the link or the file."
        ),
    },
};
