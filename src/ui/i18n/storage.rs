//! Words about storage: the banners and the Data page's storage sections.

/// Words about storage: banners, the Data page's storage sections.
#[derive(Debug)]
pub struct StorageTexts {
    /// A change the domain refused: nothing saved.
    pub change_refused: &'static str,
    /// A change the browser's storage refused: nothing changed.
    pub change_not_saved: &'static str,
    pub memory_only: &'static str,
    pub read_only: &'static str,
    pub quarantined: fn(usize) -> String,
    pub save_failed: &'static str,
    pub read_only_refused: &'static str,
    pub usage_now: fn(&str) -> String,
    pub what_to_do: &'static str,
    pub to_data_page: &'static str,
    pub heading: &'static str,
    pub usage: fn(&str, &str, &str) -> String,
    pub meter_label: &'static str,
    pub stored: &'static str,
    pub campaigns: &'static str,
    pub drives: &'static str,
    pub donors: &'static str,
    pub pledges: &'static str,
    pub quarantine_heading: &'static str,
    pub quarantine_intro: &'static str,
    pub download: &'static str,
    pub backup_heading: &'static str,
    pub backup_body: &'static str,
    pub backup_button: &'static str,
    pub restore_label: &'static str,
    pub restore_preview: fn(&str, &str, &str) -> String,
    pub restore_button: &'static str,
    pub restored: &'static str,
    pub not_a_backup: &'static str,
    pub backup_newer: &'static str,
    pub backup_damaged: &'static str,
    /// After the reason a backup's set-up cannot join this one's: nothing restored.
    pub restore_refused: &'static str,
    pub backup_too_large: &'static str,
    pub sample_heading: &'static str,
    pub sample_body: &'static str,
    pub sample_button: &'static str,
    pub sample_loaded: &'static str,
    pub sample_conflict: &'static str,
    pub sample_unavailable: &'static str,
    pub wipe_heading: &'static str,
    pub wipe_body: &'static str,
    pub wipe_word: &'static str,
    pub wipe_label: &'static str,
    pub wipe_button: &'static str,
    pub wiped: &'static str,
}

/// Vietnamese.
pub const VI: StorageTexts = StorageTexts {
    change_refused: "Không thực hiện được thay đổi này; chưa có gì được lưu.",
    change_not_saved: "Không lưu được vào bộ nhớ của trình duyệt; chưa có gì thay đổi.",
    memory_only: "Trình duyệt này không cho lưu dữ liệu: mọi thứ bạn nhập sẽ mất khi tải lại trang. Hãy xuất bản sao lưu trước khi đóng.",
    read_only: "Dữ liệu trên thiết bị này do một phiên bản mới hơn của ứng dụng ghi. Phiên bản này chỉ cho xem để không ghi đè lên nó; hãy tải lại trang để dùng phiên bản mới.",
    quarantined: |n| {
        format!(
            "Có {n} mục dữ liệu không đọc được nên đã được cất riêng; phần còn lại vẫn dùng bình thường. Bạn có thể tải các mục đó về ở trang Dữ liệu."
        )
    },
    save_failed: "Chưa lưu được thay đổi vừa rồi, nên không có gì bị thay đổi.",
    read_only_refused: "Dữ liệu đang ở chế độ chỉ xem nên không thể lưu thay đổi.",
    usage_now: |pct| format!("Bộ nhớ của trình duyệt đã dùng {pct}."),
    what_to_do: "Hãy xuất bản sao lưu, rồi xóa các chiến dịch cũ để giải phóng chỗ.",
    to_data_page: "Đến trang Dữ liệu",
    heading: "Bộ nhớ trên thiết bị",
    usage: |used, quota, pct| format!("Đã dùng {used} trên {quota} ký tự ({pct})."),
    meter_label: "Dung lượng đã dùng",
    stored: "Đang lưu",
    campaigns: "Chiến dịch",
    drives: "Đợt hiến máu",
    donors: "Người hiến",
    pledges: "Lượt đăng ký",
    quarantine_heading: "Dữ liệu không đọc được",
    quarantine_intro: "Những mục này bị hỏng hoặc bị cắt cụt nên đã được cất riêng, không bị xóa. Bạn có thể tải chúng về để kiểm tra.",
    download: "Tải về",
    backup_heading: "Sao lưu và khôi phục",
    backup_body: "Bản sao lưu là một tệp chứa mọi dữ liệu trên thiết bị này. Nhập tệp vào thiết bị khác (hoặc vào đây sau khi trình duyệt bị xóa dữ liệu) sẽ gộp theo từng bản ghi, không tạo bản trùng.",
    backup_button: "Tải bản sao lưu",
    restore_label: "Chọn tệp sao lưu để nhập",
    restore_preview: |new, updated, same| {
        format!(
            "Tệp này có {new} bản ghi mới, {updated} bản ghi cập nhật (bản trong tệp mới hơn) và {same} bản ghi không đổi (giống nhau, hoặc bản ở đây mới hơn nên được giữ)."
        )
    },
    restore_button: "Nhập dữ liệu",
    restored: "Đã nhập dữ liệu từ bản sao lưu.",
    not_a_backup: "Tệp này không phải bản sao lưu của ứng dụng, hoặc đã bị cắt cụt. Không có gì bị thay đổi.",
    backup_newer: "Tệp này do phiên bản mới hơn của ứng dụng tạo ra; hãy tải lại trang để cập nhật rồi thử lại. Không có gì bị thay đổi.",
    backup_damaged: "Một phần của tệp bị hỏng nên không nhập được. Không có gì bị thay đổi.",
    restore_refused: "Tệp này không thể gộp với dữ liệu ở đây; không có gì được khôi phục.",
    backup_too_large: "Tệp quá lớn để là một bản sao lưu. Không có gì bị thay đổi.",
    sample_heading: "Chiến dịch mẫu",
    sample_body: "Nạp chiến dịch năm 2023 (hai đợt, 76 đơn vị, 1.635 đơn vị máu) và năm 2024 (ba điểm cố định, chỉ tiêu tăng 10 %) từ bài báo của Sở Y tế Hà Nội, để xem thử ứng dụng.",
    sample_button: "Nạp chiến dịch mẫu",
    sample_loaded: "Đã nạp chiến dịch mẫu.",
    sample_conflict: "Không nạp được: trên thiết bị đã có một chiến dịch khác cho năm 2023 hoặc 2024.",
    sample_unavailable: "Không tải được chiến dịch mẫu; hãy thử lại khi có mạng.",
    wipe_heading: "Xóa toàn bộ dữ liệu",
    wipe_body: "Xóa mọi chiến dịch, đợt, người hiến, lượt đăng ký và lựa chọn ngôn ngữ khỏi thiết bị này. Không thể hoàn tác.",
    wipe_word: "XÓA",
    wipe_label: "Gõ XÓA để xác nhận",
    wipe_button: "Xóa toàn bộ dữ liệu",
    wiped: "Đã xóa toàn bộ dữ liệu trên thiết bị này.",
};

/// English.
pub const EN: StorageTexts = StorageTexts {
    change_refused: "This change could not be made; nothing was saved.",
    change_not_saved: "It could not be saved in the browser\'s storage; nothing changed.",
    memory_only: "This browser does not allow saving data: everything you enter is lost on reload. Export a backup before you close it.",
    read_only: "The data on this device was saved by a newer version of the app. This version only shows it, so nothing is overwritten; reload the page to use the newer version.",
    quarantined: |n| {
        format!(
            "{n} stored item(s) could not be read and were set aside; everything else works. You can download them from the Data page."
        )
    },
    save_failed: "The last change could not be saved, so nothing was changed.",
    read_only_refused: "The data is read-only, so changes cannot be saved.",
    usage_now: |pct| format!("Browser storage is {pct} full."),
    what_to_do: "Export a backup, then remove old campaigns to free space.",
    to_data_page: "Go to the Data page",
    heading: "Storage on this device",
    usage: |used, quota, pct| format!("{used} of {quota} characters used ({pct})."),
    meter_label: "Storage used",
    stored: "Stored",
    campaigns: "Campaigns",
    drives: "Drives",
    donors: "Donors",
    pledges: "Pledges",
    quarantine_heading: "Unreadable data",
    quarantine_intro: "These items were damaged or cut short, so they were set aside rather than deleted. You can download them to inspect them.",
    download: "Download",
    backup_heading: "Backup and restore",
    backup_body: "A backup is one file with every piece of data on this device. Importing it on another device (or here after the browser's data was cleared) merges record by record, with no duplicates.",
    backup_button: "Download a backup",
    restore_label: "Choose a backup file to import",
    restore_preview: |new, updated, same| {
        format!(
            "This file has {new} new records, {updated} updated (the file's are later) and {same} unchanged (the same, or later here, so kept)."
        )
    },
    restore_button: "Import the data",
    restored: "The backup has been imported.",
    not_a_backup: "This file is not a backup of this app, or it was cut short. Nothing was changed.",
    backup_newer: "This file was made by a newer version of the app; reload the page to update, then try again. Nothing was changed.",
    backup_damaged: "Part of this file is damaged, so it cannot be imported. Nothing was changed.",
    restore_refused: "This file cannot join the data here; nothing is restored.",
    backup_too_large: "This file is too large to be a backup. Nothing was changed.",
    sample_heading: "Sample campaign",
    sample_body: "Load the 2023 campaign (two drives, 76 units, 1,635 units of blood) and the 2024 one (three fixed points, a +10 % target) from the Hanoi Department of Health's article, to try the app.",
    sample_button: "Load the sample campaign",
    sample_loaded: "The sample campaign is loaded.",
    sample_conflict: "Not loaded: this device already has another campaign for 2023 or 2024.",
    sample_unavailable: "The sample campaign could not be fetched; try again when online.",
    wipe_heading: "Wipe all data",
    wipe_body: "Removes every campaign, drive, donor, pledge and the language choice from this device. This cannot be undone.",
    wipe_word: "DELETE",
    wipe_label: "Type DELETE to confirm",
    wipe_button: "Wipe all data",
    wiped: "All data on this device has been wiped.",
};
