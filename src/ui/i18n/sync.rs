//! Words about sync, kept out of [`super::Texts`] so only the organizer builds link them: the
//! status line's button and link every organizer page shows ([`SyncLineTexts`], a few words),
//! the status itself ([`SyncStatusTexts`], written by the engine in the sync build into
//! storage in both languages, so pages only show a stored text), and the sync page
//! ([`SyncPageTexts`], linked by the sync build only).

use super::Lang;
use crate::sync::Trouble;

/// The status line's own words (its text comes from storage).
#[derive(Debug)]
pub struct SyncLineTexts {
    /// The line's accessible name.
    pub label: &'static str,
    pub sync_now: &'static str,
}

/// The words of the status, composed by the engine.
#[derive(Debug)]
pub struct SyncStatusTexts {
    pub synced_at: fn(&str) -> String,
    pub never: &'static str,
    pub waiting: fn(u32) -> String,
    pub set_aside: fn(u32) -> String,
    /// The set-up from another device was refused: why (the domain's words), and what to do.
    pub refused: fn(&str) -> String,
    pub busy: &'static str,
    /// What went wrong, and what to do.
    pub trouble: fn(Trouble) -> String,
}

/// The sync page's words.
#[derive(Debug)]
pub struct SyncPageTexts {
    pub status_heading: &'static str,
    pub server_heading: &'static str,
    pub server_intro: &'static str,
    pub server: &'static str,
    pub server_hint: &'static str,
    pub server_invalid: &'static str,
    pub db: &'static str,
    pub db_hint: &'static str,
    pub db_invalid: &'static str,
    pub user: &'static str,
    pub user_invalid: &'static str,
    pub password: &'static str,
    pub password_hint: &'static str,
    pub password_missing: &'static str,
    pub create: &'static str,
    pub join: &'static str,
    pub working: &'static str,
    pub created: &'static str,
    pub existed: &'static str,
    pub joined: &'static str,
    pub pair_next: &'static str,
    pub pair_heading: &'static str,
    pub pair_intro: &'static str,
    pub pair_show: &'static str,
    pub pair_link: &'static str,
    pub pair_warning: &'static str,
    pub pair_no_key: &'static str,
    pub incoming_heading: &'static str,
    pub incoming_body: &'static str,
    pub incoming_replaces: &'static str,
    pub incoming_accept: &'static str,
    pub incoming_bad: &'static str,
    pub incoming_done: &'static str,
    pub never_heading: &'static str,
    pub never_items: [&'static str; 4],
    pub operator_heading: &'static str,
    pub operator_body: &'static str,
    pub insecure: &'static str,
}

/// The status line's words in `lang`.
pub fn line_texts(lang: Lang) -> &'static SyncLineTexts {
    match lang {
        Lang::Vi => &LINE_VI,
        Lang::En => &LINE_EN,
    }
}

/// The status's words in `lang`.
pub fn status_texts(lang: Lang) -> &'static SyncStatusTexts {
    match lang {
        Lang::Vi => &STATUS_VI,
        Lang::En => &STATUS_EN,
    }
}

/// The sync page's words in `lang`.
pub fn page_texts(lang: Lang) -> &'static SyncPageTexts {
    match lang {
        Lang::Vi => &PAGE_VI,
        Lang::En => &PAGE_EN,
    }
}

fn trouble_vi(t: Trouble) -> String {
    match t {
        Trouble::Offline => "Không có mạng: thay đổi vẫn nằm trên thiết bị này và sẽ đồng bộ khi có mạng trở lại.".into(),
        Trouble::SignIn => "Cần đăng nhập lại: máy chủ hỏi mật khẩu (phiên đã hết hạn hoặc sai mật khẩu). Mở trang Đồng bộ để đăng nhập; thay đổi không mất.".into(),
        Trouble::Unreachable => "Không kết nối được máy chủ: kiểm tra địa chỉ và máy chủ có đang chạy không; thay đổi vẫn nằm trên thiết bị này.".into(),
        Trouble::Refused(403) => "Máy chủ từ chối (403): tài khoản này không phải thành viên của cơ sở dữ liệu chiến dịch; nhờ quản trị máy chủ thêm vào.".into(),
        Trouble::Refused(404) => "Máy chủ từ chối (404): không có cơ sở dữ liệu này; kiểm tra tên, hoặc tạo nó từ thiết bị đầu tiên.".into(),
        Trouble::Refused(s) => format!("Máy chủ từ chối (mã {s}): kiểm tra tên cơ sở dữ liệu và quyền của tài khoản; thay đổi vẫn nằm trên thiết bị này."),
        Trouble::BadReply => "Máy chủ trả lời không phải CouchDB: kiểm tra địa chỉ máy chủ.".into(),
        Trouble::Storage => "Bộ nhớ của thiết bị từ chối dữ liệu từ máy chủ: giải phóng dung lượng ở trang Dữ liệu.".into(),
        Trouble::Crypto => "Trình duyệt không mã hóa được: tải lại trang.".into(),
        Trouble::Insecure => "Đồng bộ tắt: trang không mở qua kết nối an toàn (HTTPS hoặc localhost). Ứng dụng vẫn chạy bình thường trên thiết bị này.".into(),
        Trouble::NoKey => "Thiết bị này chưa có khóa chiến dịch: ghép nối từ một thiết bị đã có khóa.".into(),
    }
}

fn trouble_en(t: Trouble) -> String {
    match t {
        Trouble::Offline => "Offline: changes stay on this device and sync when the network is back.".into(),
        Trouble::SignIn => "Sign in again: the server asked for the password (the session expired, or the password was wrong). Open Sync to sign in; nothing is lost.".into(),
        Trouble::Unreachable => "Server unreachable: check its address and that it is running; changes stay on this device.".into(),
        Trouble::Refused(403) => "Server refused (403): this account is not a member of the campaign's database; ask the server's admin to add it.".into(),
        Trouble::Refused(404) => "Server refused (404): there is no such database; check its name, or create it from the first device.".into(),
        Trouble::Refused(s) => format!("Server refused (status {s}): check the database name and the account's rights; changes stay on this device."),
        Trouble::BadReply => "The server's answer is not CouchDB's: check the server address.".into(),
        Trouble::Storage => "This device's storage refused the data from the server: free some space on the Data page.".into(),
        Trouble::Crypto => "The browser's encryption failed: reload the page.".into(),
        Trouble::Insecure => "Sync is off: this page is not on a secure connection (HTTPS or localhost). The app works as before on this device.".into(),
        Trouble::NoKey => "This device has no campaign key yet: pair it from a device that has one.".into(),
    }
}

const LINE_VI: SyncLineTexts = SyncLineTexts {
    label: "Đồng bộ",
    sync_now: "Đồng bộ ngay",
};

const LINE_EN: SyncLineTexts = SyncLineTexts {
    label: "Sync",
    sync_now: "Sync now",
};

const STATUS_VI: SyncStatusTexts = SyncStatusTexts {
    synced_at: |t| format!("Đã đồng bộ lúc {t}"),
    never: "Chưa đồng bộ lần nào",
    waiting: |n| format!("{n} thay đổi đang chờ gửi"),
    set_aside: |n| format!("{n} tài liệu bị để riêng (không giải mã được)"),
    refused: |why| {
        format!(
            "Thiết lập từ thiết bị khác chưa gộp được: {why} Hãy thống nhất trên một thiết bị (xóa bản trùng), rồi đồng bộ lại; người hiến và lượt đăng ký vẫn đồng bộ."
        )
    },
    busy: "Đang đồng bộ…",
    trouble: trouble_vi,
};

const STATUS_EN: SyncStatusTexts = SyncStatusTexts {
    synced_at: |t| format!("Synced at {t}"),
    never: "Not synced yet",
    waiting: |n| {
        if n == 1 {
            "1 change waiting".into()
        } else {
            format!("{n} changes waiting")
        }
    },
    set_aside: |n| format!("{n} set aside (could not be decrypted)"),
    refused: |why| {
        format!(
            "The set-up from another device could not be merged: {why} Settle it on one device (delete the duplicate), then sync again; donors and pledges still sync."
        )
    },
    busy: "Syncing…",
    trouble: trouble_en,
};

const PAGE_VI: SyncPageTexts = SyncPageTexts {
    status_heading: "Tình trạng",
    server_heading: "Máy chủ",
    server_intro: "Máy chủ CouchDB 3 của chiến dịch (do bộ phận CNTT của bệnh viện vận hành). Mật khẩu không bao giờ được lưu trên thiết bị: máy chủ cấp một phiên đăng nhập, hết hạn thì trang sẽ hỏi lại.",
    server: "Địa chỉ máy chủ",
    server_hint: "Ví dụ https://couchdb.benhvien.vn",
    server_invalid: "Nhập địa chỉ bắt đầu bằng https:// (hoặc http:// trên máy này).",
    db: "Cơ sở dữ liệu của chiến dịch",
    db_hint: "Chữ thường, số và - _ ; bắt đầu bằng chữ, ví dụ hien-mau-2024",
    db_invalid: "Tên cơ sở dữ liệu: chữ thường, số và - _ ( ) + $ /, bắt đầu bằng chữ thường.",
    user: "Tài khoản",
    user_invalid: "Nhập tên tài khoản (không có dấu hai chấm).",
    password: "Mật khẩu",
    password_hint: "Chỉ dùng để đăng nhập, không được lưu.",
    password_missing: "Nhập mật khẩu.",
    create: "Tạo cơ sở dữ liệu cho chiến dịch này",
    join: "Tham gia",
    working: "Đang kết nối…",
    created: "Đã tạo cơ sở dữ liệu, chỉ thành viên được đọc. Thiết bị này bắt đầu đồng bộ.",
    existed: "Cơ sở dữ liệu đã có sẵn; thiết bị này tham gia và bắt đầu đồng bộ.",
    joined: "Đã đăng nhập; thiết bị này bắt đầu đồng bộ.",
    pair_next: "Bước tiếp theo: ghép nối thiết bị này bằng mã QR hoặc liên kết từ một thiết bị đã có khóa chiến dịch.",
    pair_heading: "Ghép nối thiết bị",
    pair_intro: "Khóa chiến dịch chỉ đi từ thiết bị này sang thiết bị khác qua mã QR hoặc liên kết (khóa nằm sau dấu #, không gửi tới máy chủ nào).",
    pair_show: "Hiện mã ghép nối",
    pair_link: "Liên kết ghép nối",
    pair_warning: "Ai có mã này đều đọc được chiến dịch: chỉ đưa cho thiết bị của ban tổ chức.",
    pair_no_key: "Thiết bị này chưa có khóa chiến dịch. Tạo cơ sở dữ liệu từ thiết bị đầu tiên, hoặc mở liên kết ghép nối từ thiết bị đã có khóa.",
    incoming_heading: "Khóa chiến dịch từ liên kết ghép nối",
    incoming_body: "Liên kết này mang khóa của một chiến dịch. Giữ khóa trên thiết bị này để đọc và đồng bộ chiến dịch đó.",
    incoming_replaces: "Thiết bị này đang có một khóa khác; khóa mới sẽ thay thế nó.",
    incoming_accept: "Dùng khóa này",
    incoming_bad: "Liên kết ghép nối bị hỏng hoặc thiếu: xin một liên kết mới.",
    incoming_done: "Đã lưu khóa chiến dịch. Đăng nhập để tham gia.",
    never_heading: "Đồng bộ không bao giờ gửi",
    never_items: [
        "khóa chiến dịch (chỉ đi qua mã QR hoặc liên kết ghép nối);",
        "mật khẩu của bạn (chỉ dùng để đăng nhập, không lưu);",
        "tên, số điện thoại, số căn cước, ngày sinh của người hiến dưới dạng đọc được: mọi dữ liệu được mã hóa trên thiết bị (AES-GCM);",
        "tùy chọn và dữ liệu bị để riêng của thiết bị này.",
    ],
    operator_heading: "Người vận hành máy chủ thấy gì",
    operator_body: "Số tài liệu, kích thước, lúc chúng thay đổi và tài khoản nào ghi; không thấy nội dung, tên đợt hay địa điểm.",
    insecure: "Đồng bộ cần kết nối an toàn (HTTPS hoặc localhost) để trình duyệt mã hóa. Trang này mở qua HTTP thường nên đồng bộ tắt; mọi chức năng khác vẫn chạy.",
};

const PAGE_EN: SyncPageTexts = SyncPageTexts {
    status_heading: "Status",
    server_heading: "Server",
    server_intro: "The campaign's CouchDB 3 server (run by a hospital's IT). The password is never kept on the device: the server gives a session, and this page asks again when it expires.",
    server: "Server address",
    server_hint: "For example https://couchdb.hospital.example",
    server_invalid: "Type an address starting with https:// (or http:// on this machine).",
    db: "The campaign's database",
    db_hint: "Lowercase letters, digits and - _ ; a letter first, for example blood-drive-2024",
    db_invalid: "A database name: lowercase letters, digits and - _ ( ) + $ /, a lowercase letter first.",
    user: "Account",
    user_invalid: "Type the account's name (no colon).",
    password: "Password",
    password_hint: "Used to sign in only, never kept.",
    password_missing: "Type the password.",
    create: "Create this campaign's database",
    join: "Join",
    working: "Connecting…",
    created: "The database is created and readable by its members only. This device syncs now.",
    existed: "The database was there already; this device joined it and syncs now.",
    joined: "Signed in; this device syncs now.",
    pair_next: "Next: pair this device with the QR code or link from a device that has the campaign key.",
    pair_heading: "Pair a device",
    pair_intro: "The campaign key goes from this device to another only as a QR code or link (the key is after the #, never sent to any server).",
    pair_show: "Show the pairing code",
    pair_link: "Pairing link",
    pair_warning: "Anyone with this code can read the campaign: show it to organizers' devices only.",
    pair_no_key: "This device has no campaign key. Create the database from the first device, or open the pairing link from a device that has the key.",
    incoming_heading: "A campaign key from a pairing link",
    incoming_body: "This link carries a campaign's key. Keep it on this device to read and sync that campaign.",
    incoming_replaces: "This device has another key; the new one replaces it.",
    incoming_accept: "Use this key",
    incoming_bad: "The pairing link is damaged or incomplete: ask for a new one.",
    incoming_done: "The campaign key is kept. Sign in to join.",
    never_heading: "What sync never sends",
    never_items: [
        "the campaign key (it travels only by the pairing QR code or link);",
        "your password (used to sign in, never kept);",
        "donors' names, phones, citizen ids or birth dates in readable form: everything is encrypted on the device (AES-GCM);",
        "this device's preferences and the data it set aside.",
    ],
    operator_heading: "What the server's operator can see",
    operator_body: "How many documents there are, their sizes, when they change and which account wrote them; never their content, nor which drive or site they concern.",
    insecure: "Sync needs a secure connection (HTTPS or localhost) for the browser's encryption. This page was opened over plain HTTP, so sync is off; everything else works.",
};
