//! Words of what travels between devices: a shared drive opened on a phone, the pledge slip
//! sent back, and the organizer's inbox.

use crate::share::link::LinkError;

/// Sharing's words.
#[derive(Debug)]
pub struct SharingTexts {
    // a shared drive
    pub paste_drive: &'static str,
    pub paste_drive_hint: &'static str,
    pub open: &'static str,
    pub drive_file: &'static str,
    pub drive_days: fn(&str, &str, usize) -> String,
    pub slots_line: fn(&str, usize) -> String,
    pub days_differ: fn(usize) -> String,
    pub keep: &'static str,
    pub kept_added: &'static str,
    pub kept_updated: &'static str,
    pub kept_unchanged: &'static str,
    pub pledge_here: &'static str,
    pub not_taking_pledges: &'static str,
    pub all_drives: &'static str,
    // the inbox
    pub inbox_add: &'static str,
    pub paste_slip: &'static str,
    pub paste_slip_hint: &'static str,
    pub add: &'static str,
    pub slip_files: &'static str,
    pub empty: &'static str,
    pub waiting: fn(usize) -> String,
    pub added: fn(usize) -> String,
    pub already_in_inbox: &'static str,
    /// The drop box: the button that fetches it again.
    pub box_check: &'static str,
    /// The drop box is being read.
    pub box_reading: &'static str,
    /// What the last read of the drop box found: slips taken in, documents set aside.
    pub box_result: fn(usize, u32) -> String,
    pub already_here: &'static str,
    pub duplicate: fn(&str, &str) -> String,
    pub unknown_place: &'static str,
    pub merge: &'static str,
    pub merge_anyway: &'static str,
    pub discard: &'static str,
    pub merged: fn(&str) -> String,
    pub discarded: &'static str,
    pub file_line: fn(&str, usize, &str) -> String,
    pub nothing_found: &'static str,
    /// Why a link, code or file could not be read.
    pub link_error: fn(&LinkError) -> &'static str,
}

fn vi_error(e: &LinkError) -> &'static str {
    match e {
        LinkError::Empty => "Chưa có gì: hãy dán cả liên kết hoặc mã.",
        LinkError::BadPrefix(_) => {
            "Đây không phải liên kết hay mã đúng loại của ứng dụng này (một đợt hiến máu mở ở trang đợt, một phiếu đăng ký mở ở hộp thư)."
        }
        LinkError::UnknownVersion(_) => {
            "Liên kết do phiên bản mới hơn của ứng dụng tạo ra: hãy tải lại ứng dụng khi có mạng rồi mở lại."
        }
        LinkError::TooLarge => "Quá dài để là một liên kết của ứng dụng: không mở.",
        LinkError::BadBase64 | LinkError::BadChecksum => {
            "Liên kết bị cắt ngắn, gõ sai hoặc đã bị sửa: hãy nhờ người gửi gửi lại."
        }
        LinkError::Inflate | LinkError::Malformed(_) => {
            "Liên kết bị hỏng: hãy nhờ người gửi gửi lại."
        }
        LinkError::Invalid(_) => "Liên kết chứa dữ liệu không hợp lệ: không mở.",
    }
}

fn en_error(e: &LinkError) -> &'static str {
    match e {
        LinkError::Empty => "Nothing there: paste the whole link or code.",
        LinkError::BadPrefix(_) => {
            "This is not a link or code of the right kind from this app (a drive opens on the drive page, a pledge slip in the inbox)."
        }
        LinkError::UnknownVersion(_) => {
            "This link was made by a newer version of the app: reload the app while online, then open it again."
        }
        LinkError::TooLarge => "Too long to be a link of this app: not opened.",
        LinkError::BadBase64 | LinkError::BadChecksum => {
            "The link was cut short, mistyped or altered: ask the sender to send it again."
        }
        LinkError::Inflate | LinkError::Malformed(_) => {
            "The link is damaged: ask the sender to send it again."
        }
        LinkError::Invalid(_) => "The link holds values that are not valid: not opened.",
    }
}

/// Vietnamese.
pub const VI: SharingTexts = SharingTexts {
    paste_drive: "Liên kết đợt hiến máu",
    paste_drive_hint: "Dán liên kết ban tổ chức gửi cho bạn.",
    open: "Mở",
    drive_file: "Hoặc mở tệp liên kết",
    drive_days: |from, to, sites| format!("{from} – {to} · {sites} địa điểm"),
    slots_line: |slots, places| format!("Mỗi ngày: {slots} ({places} chỗ)"),
    days_differ: |n| format!("{n} ngày có lịch riêng."),
    keep: "Lưu đợt vào thiết bị này",
    kept_added: "Đã lưu đợt vào thiết bị. Chọn một ngày để đăng ký:",
    kept_updated: "Đã cập nhật đợt theo liên kết mới. Chọn một ngày để đăng ký:",
    kept_unchanged: "Đợt này đã có trên thiết bị. Chọn một ngày để đăng ký:",
    pledge_here: "Đăng ký",
    not_taking_pledges: "Đợt này hiện không nhận đăng ký.",
    all_drives: "Xem mọi đợt và điểm hiến máu",
    inbox_add: "Nhận phiếu đăng ký",
    paste_slip: "Liên kết hoặc mã phiếu",
    paste_slip_hint: "Dán một hay nhiều liên kết phiếu (bắt đầu bằng p1.) mà người hiến gửi về.",
    add: "Thêm vào hộp thư",
    slip_files: "Hoặc chọn tệp phiếu",
    empty: "Hộp thư trống.",
    waiting: |n| format!("{n} phiếu chờ xem xét"),
    added: |n| format!("Đã thêm {n} phiếu vào hộp thư."),
    already_in_inbox: "Phiếu này đã có trong hộp thư.",
    box_check: "Nhận phiếu gửi qua mạng",
    box_reading: "Đang nhận phiếu tình nguyện viên gửi qua mạng…",
    box_result: |n, junk| {
        let aside = if junk == 0 {
            String::new()
        } else {
            format!(
                " {junk} tài liệu không phải phiếu (hoặc không mở được bằng khóa của chiến dịch) đã bị bỏ qua."
            )
        };
        format!("Phiếu gửi qua mạng: {n} phiếu mới.{aside}")
    },
    already_here: "Đã có trong lịch: gộp không thay đổi gì.",
    duplicate: |name, code| {
        format!(
            "Có thể trùng: {name} đã có lượt đăng ký cùng ngày (mã {code}), cùng số điện thoại hoặc CCCD."
        )
    },
    unknown_place: "Đợt hoặc địa điểm của phiếu không có trên thiết bị này: không gộp được.",
    merge: "Gộp vào lịch",
    merge_anyway: "Vẫn gộp",
    discard: "Bỏ phiếu",
    merged: |name| format!("Đã gộp phiếu của {name} vào lịch."),
    discarded: "Đã bỏ phiếu khỏi hộp thư.",
    file_line: |file, line, why| format!("{file}, dòng {line}: {why}"),
    nothing_found: "Không tìm thấy phiếu nào trong tệp.",
    link_error: vi_error,
};

/// English.
pub const EN: SharingTexts = SharingTexts {
    paste_drive: "Link to a blood drive",
    paste_drive_hint: "Paste the link the organizers sent you.",
    open: "Open",
    drive_file: "Or open a link file",
    drive_days: |from, to, sites| format!("{from} – {to} · {sites} site(s)"),
    slots_line: |slots, places| format!("Each day: {slots} ({places} places)"),
    days_differ: |n| format!("{n} day(s) with their own slots."),
    keep: "Keep this drive on this device",
    kept_added: "The drive is kept on this device. Choose a day to pledge:",
    kept_updated: "The drive is updated from the new link. Choose a day to pledge:",
    kept_unchanged: "This drive is already on this device. Choose a day to pledge:",
    pledge_here: "Pledge",
    not_taking_pledges: "This drive is not taking pledges now.",
    all_drives: "See every drive and donation point",
    inbox_add: "Take in pledge slips",
    paste_slip: "Slip link or code",
    paste_slip_hint: "Paste one or more slip links (starting with p1.) that volunteers sent back.",
    add: "Add to the inbox",
    slip_files: "Or choose slip files",
    empty: "The inbox is empty.",
    waiting: |n| format!("{n} slip(s) waiting for review"),
    added: |n| format!("{n} slip(s) added to the inbox."),
    already_in_inbox: "This slip is already in the inbox.",
    box_check: "Receive slips sent online",
    box_reading: "Receiving the slips volunteers sent online…",
    box_result: |n, junk| {
        let aside = if junk == 0 {
            String::new()
        } else {
            format!(
                " {junk} document(s) that are not slips (or do not open with the campaign's key) were set aside."
            )
        };
        format!("Slips sent online: {n} new.{aside}")
    },
    already_here: "Already in the schedule: merging changes nothing.",
    duplicate: |name, code| {
        format!(
            "Possible duplicate: {name} already has a pledge that day (code {code}), same phone or citizen ID."
        )
    },
    unknown_place: "The slip's drive or site is not on this device: it cannot be merged.",
    merge: "Merge into the schedule",
    merge_anyway: "Merge anyway",
    discard: "Discard",
    merged: |name| format!("{name}'s slip is merged into the schedule."),
    discarded: "The slip is removed from the inbox.",
    file_line: |file, line, why| format!("{file}, line {line}: {why}"),
    nothing_found: "No slip found in the file.",
    link_error: en_error,
};
