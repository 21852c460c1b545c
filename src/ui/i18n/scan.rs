//! Words of the QR scanner (the desk, the inbox, the sync page and the drives list): the
//! camera, why it is not there, what a code read is and, for each place that scans, what to
//! scan there and what else to do without a camera.

/// What one place scans for: its button, what to hold up, and the way without a camera.
#[derive(Debug)]
pub struct ScanFor {
    /// The button that opens the camera.
    pub button: &'static str,
    /// Said while the camera looks for a code.
    pub looking: &'static str,
    /// After a code of something else: the code to scan here.
    pub wanted: &'static str,
    /// After a problem with the camera: what can be done without it.
    pub otherwise: &'static str,
}

/// The scanner's words.
#[derive(Debug)]
pub struct ScanTexts {
    /// The desk's and the inbox's scanner (pledge slips).
    pub slip: ScanFor,
    /// The drives list's scanner (a shared drive).
    pub drive: ScanFor,
    /// The sync page's scanner (a pairing code).
    pub pairing: ScanFor,
    pub stop: &'static str,
    pub starting: &'static str,
    /// The video's accessible name.
    pub camera_view: &'static str,
    pub refused: &'static str,
    pub no_camera: &'static str,
    pub in_use: &'static str,
    pub insecure: &'static str,
    pub failed: &'static str,
    /// The camera's frame is not on this device and there is no network to fetch it.
    pub offline: &'static str,
    /// What a code read is, when it is not what the place scans for.
    pub is_slip: &'static str,
    pub is_drive: &'static str,
    pub is_pairing: &'static str,
    pub is_foreign: &'static str,
    /// A code of this app that does not read.
    pub is_damaged: &'static str,
}

/// Vietnamese.
pub const VI: ScanTexts = ScanTexts {
    slip: ScanFor {
        button: "Quét mã",
        looking: "Đưa mã QR trên phiếu vào khung hình.",
        wanted: "Ở đây hãy quét mã QR trên phiếu hẹn của người hiến.",
        otherwise: "Vẫn có thể tìm theo tên, số điện thoại hay mã phiếu.",
    },
    drive: ScanFor {
        button: "Quét mã đợt",
        looking: "Đưa mã QR của đợt hiến máu vào khung hình.",
        wanted: "Ở đây hãy quét mã QR của đợt hiến máu mà ban tổ chức chia sẻ.",
        otherwise: "Vẫn có thể mở đường liên kết của đợt mà ban tổ chức gửi cho bạn.",
    },
    pairing: ScanFor {
        button: "Quét mã ghép nối",
        looking: "Đưa mã ghép nối hiện trên thiết bị đã đồng bộ vào khung hình.",
        wanted: "Ở đây hãy quét mã ghép nối: trên thiết bị đã đồng bộ, mở Đồng bộ rồi bấm Hiện mã ghép nối.",
        otherwise: "Vẫn có thể mở đường liên kết ghép nối trên thiết bị này.",
    },
    stop: "Tắt máy ảnh",
    starting: "Đang mở máy ảnh…",
    camera_view: "Hình từ máy ảnh",
    refused: "Trình duyệt chưa được phép dùng máy ảnh. Hãy cho phép máy ảnh cho trang này (biểu tượng bên trái thanh địa chỉ) rồi bấm quét lần nữa.",
    no_camera: "Thiết bị này không có máy ảnh.",
    in_use: "Máy ảnh đang bị ứng dụng khác dùng. Hãy đóng ứng dụng đó rồi bấm quét lần nữa.",
    insecure: "Trình duyệt chỉ cho dùng máy ảnh trên trang mở qua https:// (hoặc localhost). Hãy mở ứng dụng bằng địa chỉ https://.",
    failed: "Không mở được máy ảnh. Hãy bấm quét lần nữa.",
    offline: "Để quét mã, thiết bị cần mở máy quét một lần khi có mạng (sau đó dùng được cả khi không có mạng). Hãy kết nối mạng rồi bấm quét lần nữa.",
    is_slip: "Đây là phiếu đăng ký của một người hiến.",
    is_drive: "Đây là mã của một đợt hiến máu.",
    is_pairing: "Đây là mã ghép nối thiết bị để đồng bộ.",
    is_foreign: "Mã QR này không phải của ứng dụng hiến máu.",
    is_damaged: "Mã QR của ứng dụng nhưng không đọc được: bị hỏng, bị cắt hoặc do phiên bản mới hơn của ứng dụng tạo ra.",
};

/// English.
pub const EN: ScanTexts = ScanTexts {
    slip: ScanFor {
        button: "Scan",
        looking: "Hold the slip's QR code in the frame.",
        wanted: "Here, scan the QR code on the donor's pledge slip.",
        otherwise: "You can still search by name, phone or slip code.",
    },
    drive: ScanFor {
        button: "Scan a drive code",
        looking: "Hold the blood drive's QR code in the frame.",
        wanted: "Here, scan the QR code of a blood drive the organizers shared.",
        otherwise: "You can still open the drive's link the organizers sent you.",
    },
    pairing: ScanFor {
        button: "Scan the pairing code",
        looking: "Hold the pairing code shown on the synced device in the frame.",
        wanted: "Here, scan the pairing code: on the synced device, open Sync and press Show the pairing code.",
        otherwise: "You can still open the pairing link on this device.",
    },
    stop: "Turn the camera off",
    starting: "Opening the camera…",
    camera_view: "Camera view",
    refused: "The browser may not use the camera. Allow the camera for this page (the icon left of the address bar) and press scan again.",
    no_camera: "This device has no camera.",
    in_use: "Another app is using the camera. Close it and press scan again.",
    insecure: "Browsers give the camera only to pages opened over https:// (or localhost). Open the app at its https:// address.",
    failed: "The camera did not open. Press scan again.",
    offline: "To scan, this device must open the scanner once while online (after that it works offline too). Connect to the internet and press scan again.",
    is_slip: "This is a donor's pledge slip.",
    is_drive: "This is a blood drive's code.",
    is_pairing: "This is a code for pairing a device for sync.",
    is_foreign: "This QR code is not the blood-drive app's.",
    is_damaged: "The app's QR code, but it does not read: damaged, cut, or made by a newer version of the app.",
};
