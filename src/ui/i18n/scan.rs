//! Words of the QR scanner (the desk and the inbox): the camera, why it is not there, and what
//! a code read is.

/// The scanner's words.
#[derive(Debug)]
pub struct ScanTexts {
    /// The button that opens the camera.
    pub scan: &'static str,
    pub stop: &'static str,
    /// Said while the camera looks for a code.
    pub looking: &'static str,
    pub starting: &'static str,
    /// The video's accessible name.
    pub camera_view: &'static str,
    pub refused: &'static str,
    pub no_camera: &'static str,
    pub in_use: &'static str,
    pub insecure: &'static str,
    pub failed: &'static str,
    /// A drive's link where a slip was expected.
    pub a_drive: &'static str,
    pub foreign: &'static str,
    /// A code of this app that does not read.
    pub damaged: &'static str,
}

/// Vietnamese.
pub const VI: ScanTexts = ScanTexts {
    scan: "Quét mã",
    stop: "Tắt máy ảnh",
    looking: "Đưa mã QR trên phiếu vào khung hình.",
    starting: "Đang mở máy ảnh…",
    camera_view: "Hình từ máy ảnh",
    refused: "Trình duyệt chưa được phép dùng máy ảnh. Hãy cho phép máy ảnh cho trang này (biểu tượng bên trái thanh địa chỉ) rồi bấm Quét mã lần nữa, hoặc tìm theo tên, số điện thoại hay mã phiếu.",
    no_camera: "Thiết bị này không có máy ảnh. Hãy tìm theo tên, số điện thoại hay mã phiếu.",
    in_use: "Máy ảnh đang bị ứng dụng khác dùng. Hãy đóng ứng dụng đó rồi bấm Quét mã lần nữa, hoặc tìm theo tên, số điện thoại hay mã phiếu.",
    insecure: "Trình duyệt chỉ cho dùng máy ảnh trên trang mở qua https:// (hoặc localhost). Hãy mở ứng dụng bằng địa chỉ https://, hoặc tìm theo tên, số điện thoại hay mã phiếu.",
    failed: "Không mở được máy ảnh. Hãy bấm Quét mã lần nữa, hoặc tìm theo tên, số điện thoại hay mã phiếu.",
    a_drive: "Đây là mã của một đợt hiến máu, không phải phiếu đăng ký. Người hiến mở nó trên điện thoại của mình để đăng ký; ở đây hãy quét mã QR trên phiếu hẹn.",
    foreign: "Mã QR này không phải của ứng dụng hiến máu: không có phiếu nào trong đó.",
    damaged: "Mã QR của ứng dụng nhưng không đọc được: bị hỏng, bị cắt hoặc do phiên bản mới hơn của ứng dụng tạo ra. Hãy tìm theo tên, số điện thoại hay mã phiếu.",
};

/// English.
pub const EN: ScanTexts = ScanTexts {
    scan: "Scan",
    stop: "Turn the camera off",
    looking: "Hold the slip's QR code in the frame.",
    starting: "Opening the camera…",
    camera_view: "Camera view",
    refused: "The browser may not use the camera. Allow the camera for this page (the icon left of the address bar) and press Scan again, or search by name, phone or slip code.",
    no_camera: "This device has no camera. Search by name, phone or slip code.",
    in_use: "Another app is using the camera. Close it and press Scan again, or search by name, phone or slip code.",
    insecure: "Browsers give the camera only to pages opened over https:// (or localhost). Open the app at its https:// address, or search by name, phone or slip code.",
    failed: "The camera did not open. Press Scan again, or search by name, phone or slip code.",
    a_drive: "This is a blood drive's code, not a pledge slip. Donors open it on their own phone to pledge; here, scan the QR code on the pledge slip.",
    foreign: "This QR code is not the blood-drive app's: there is no slip in it.",
    damaged: "The app's QR code, but it does not read: damaged, cut, or made by a newer version of the app. Search by name, phone or slip code.",
};
