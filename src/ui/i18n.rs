//! Every word the interface shows, in Vietnamese (the default) and English, and the locale rules
//! for numbers and dates.
//!
//! Each language is one `const` [`Texts`] value: a key missing from a language is a compile
//! error, and a key used in a view is a struct field, checked by the compiler. This module is pure
//! (no leptos), so the catalogue is tested natively.

mod dashboard;
mod desk;
mod drives;
mod eligibility;
mod errors;
mod finder;
mod import;
mod scan;
mod schedule;
mod setup;
mod sharing;
mod storage;
pub mod sync;
mod volunteer;

use crate::domain::Units;
use crate::domain::limits::Limit;

pub use dashboard::DashboardTexts;
pub use desk::DeskTexts;
pub use drives::DriveTexts;
pub use eligibility::{EligibilityTexts, citation_text, date_text, kg_text, reason_text};
pub use finder::FinderTexts;
pub use import::ImportTexts;
pub use scan::{ScanFor, ScanTexts};
pub use schedule::ScheduleTexts;
pub use setup::SetupTexts;
pub use sharing::SharingTexts;
pub use storage::StorageTexts;
pub use volunteer::VolunteerTexts;

/// An interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Vietnamese, the default.
    Vi,
    /// English.
    En,
}

impl Lang {
    /// Every language, in the order the language switch shows them.
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// The BCP 47 code, as written to `<html lang>` and to storage.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// The language for a stored or typed code; `None` for anything else.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language's own name, shown on the switch whatever the current language is.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::Vi => "Tiếng Việt",
            Lang::En => "English",
        }
    }

    /// The catalogue of this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }

    /// Formats a whole number with this language's thousands separator (1.635 in vi, 1,635 in en).
    pub fn number(self, n: i64) -> String {
        let sep = match self {
            Lang::Vi => '.',
            Lang::En => ',',
        };
        let digits = n.unsigned_abs().to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
        if n < 0 {
            out.push('-');
        }
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(c);
        }
        out
    }

    /// Formats a per-mille share as a percentage with one decimal (`12,5 %` in vi, `12.5 %` in en).
    pub fn percent(self, permille: u32) -> String {
        let sep = match self {
            Lang::Vi => ',',
            Lang::En => '.',
        };
        format!("{}{sep}{} %", permille / 10, permille % 10)
    }

    /// Formats units of blood: thousands separated, one decimal when not whole (`1.204,4` in vi,
    /// `1,204.4` in en).
    pub fn units(self, units: Units) -> String {
        let text = units.to_string();
        let (whole, tenth) = text.split_once('.').unwrap_or((&text, ""));
        let mut out = self.number(whole.parse().unwrap_or(0));
        if whole == "-0" {
            out.insert(0, '-');
        }
        if !tenth.is_empty() {
            out.push(match self {
                Lang::Vi => ',',
                Lang::En => '.',
            });
            out.push_str(tenth);
        }
        out
    }

    /// Formats a calendar date: `dd/mm/yyyy` in both languages, as people write it in Vietnam.
    pub fn date(self, year: i32, month: u32, day: u32) -> String {
        format!("{day:02}/{month:02}/{year:04}")
    }

    /// What a limit counts, after "at most N" (`địa điểm trong một đợt`, `sites in one drive`).
    fn limit_noun(self, limit: Limit) -> &'static str {
        let (vi, en) = match limit {
            Limit::SitesPerDrive => ("địa điểm trong một đợt", "sites in one drive"),
            Limit::DaysPerDrive => ("ngày trong một đợt", "days in one drive"),
            Limit::SlotsPerDay => ("khung giờ trong một ngày", "slots in one day"),
            Limit::PlacesPerSlot => ("chỗ trong một khung giờ", "places in one slot"),
            Limit::TextChars => (
                "ký tự cho một tên hay địa chỉ",
                "characters in a name or address",
            ),
            Limit::NotesChars => ("ký tự ghi chú", "characters of notes"),
            Limit::Slogans => ("khẩu hiệu", "slogans"),
            Limit::Sites => ("địa điểm", "sites"),
            Limit::Units => ("đơn vị tham gia", "participating units"),
            Limit::Drives => ("đợt hiến máu", "drives"),
            Limit::BloodUnits => (
                "đơn vị máu cho kết quả năm trước hay chỉ tiêu",
                "units of blood in a baseline or quota",
            ),
        };
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

/// Title and one-sentence lead of a page.
#[derive(Debug)]
pub struct PageText {
    /// The page's heading, also used in the navigation and the document title.
    pub title: &'static str,
    /// One sentence under the heading saying what the page is for.
    pub lead: &'static str,
}

/// Titles and leads of every page, one field per page.
#[derive(Debug)]
pub struct PageTexts {
    pub home: PageText,
    pub drives: PageText,
    pub pledge: PageText,
    pub my_pledges: PageText,
    pub eligibility: PageText,
    pub dashboard: PageText,
    pub schedule: PageText,
    pub check_in: PageText,
    pub setup: PageText,
    pub drive_setup: PageText,
    pub inbox: PageText,
    pub shared_drive: PageText,
    pub data: PageText,
    pub sync: PageText,
    pub not_found: PageText,
}

/// The whole catalogue of one language.
#[derive(Debug)]
pub struct Texts {
    pub app_name: &'static str,
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    pub menu: &'static str,
    pub main_nav: &'static str,
    pub volunteers: &'static str,
    pub organizers: &'static str,
    pub language: &'static str,
    pub home_volunteers_intro: &'static str,
    pub home_organizers_intro: &'static str,
    pub not_found_path: &'static str,
    pub back_home: &'static str,
    pub privacy_note: &'static str,
    pub storage: StorageTexts,
    pub volunteer: VolunteerTexts,
    /// The catalogue's language; the organizers' areas ([`Texts::desk`], ...) are reached
    /// through it, so only the builds that show them carry their words.
    pub lang: Lang,
    pub pages: PageTexts,
}

/// The words of one area in the catalogue's language.
macro_rules! area {
    ($(#[$doc:meta] $name:ident: $ty:ty = $module:ident;)*) => {
        impl Texts {
            $(
                #[$doc]
                pub fn $name(&self) -> &'static $ty {
                    match self.lang {
                        Lang::Vi => &$module::VI,
                        Lang::En => &$module::EN,
                    }
                }
            )*
        }
    };
}

// Areas of pages only some builds show: each build links the words of the areas it uses
// (every field of `Texts` is in every build).
area! {
    /// The check-in desk's words.
    desk: DeskTexts = desk;
    /// The dashboard's words.
    dashboard: DashboardTexts = dashboard;
    /// The schedule's words.
    schedule: ScheduleTexts = schedule;
    /// The set-up page's words.
    setup: SetupTexts = setup;
    /// The drives page's words (and a drive's status).
    drive_setup: DriveTexts = drives;
    /// The donor-list import's words.
    import: ImportTexts = import;
    /// The words of a shared drive and of the inbox.
    sharing: SharingTexts = sharing;
    /// The QR scanner's words (the desk and the inbox).
    scan: ScanTexts = scan;
    /// The drive finder's words (home, drives, and the filters' label).
    finder: FinderTexts = finder;
    /// The eligibility self-check's words and reasons (the pledge form and the desk give them).
    eligibility: EligibilityTexts = eligibility;
}

/// Vietnamese, the default language.
pub const VI: Texts = Texts {
    app_name: "Hiến máu tình nguyện",
    tagline: "Mỗi giọt máu cho đi - Một cuộc đời ở lại",
    skip_to_content: "Bỏ qua, đến nội dung chính",
    menu: "Danh mục",
    main_nav: "Điều hướng chính",
    volunteers: "Người hiến máu",
    organizers: "Ban tổ chức",
    language: "Ngôn ngữ",
    home_volunteers_intro: "Tìm đợt hiến máu gần bạn, kiểm tra điều kiện và đăng ký một khung giờ.",
    home_organizers_intro: "Lập kế hoạch các đợt, theo dõi lịch, tiếp đón người hiến và xem tiến độ so với chỉ tiêu.",
    not_found_path: "Không có trang nào ở địa chỉ",
    back_home: "Về trang chủ",
    privacy_note: "Dữ liệu lưu trên thiết bị này. Phiếu đăng ký chỉ đến tay ban tổ chức của đợt, được mã hoá khi gửi qua mạng; đồng bộ giữa các máy của ban tổ chức được mã hoá đầu cuối.",
    storage: storage::VI,
    volunteer: volunteer::VI,
    lang: Lang::Vi,
    pages: PageTexts {
        home: PageText {
            title: "Trang chủ",
            lead: "Hiến giọt máu đào - Trao đời sự sống: chiến dịch hiến máu tình nguyện ngành Y tế Hà Nội, ngay trên thiết bị của bạn, kể cả khi không có mạng.",
        },
        drives: PageText {
            title: "Đợt hiến máu",
            lead: "Các đợt hiến máu và điểm hiến máu cố định trong 30 ngày tới, còn bao nhiêu chỗ trống, theo danh sách hoặc lịch tháng.",
        },
        pledge: PageText {
            title: "Đăng ký hiến máu",
            lead: "Chọn điểm hiến, ngày, khung giờ, loại hiến và thể tích phù hợp, rồi nhận phiếu hẹn với mã QR và tệp lịch.",
        },
        my_pledges: PageText {
            title: "Lịch hẹn của tôi",
            lead: "Các lần đăng ký trên thiết bị này, sắp tới trước; hủy hoặc đổi lịch, và ngày sớm nhất bạn có thể hiến lại.",
        },
        eligibility: PageText {
            title: "Kiểm tra điều kiện",
            lead: "Tự kiểm tra điều kiện hiến máu theo Thông tư 26/2013/TT-BYT: mỗi lý do kèm điều khoản, thể tích tối đa và ngày có thể hiến tiếp.",
        },
        dashboard: PageText {
            title: "Tổng quan",
            lead: "Tiến độ chiến dịch so với chỉ tiêu và năm trước, theo đợt, điểm hiến, đơn vị và nhóm máu, bằng biểu đồ và bảng số liệu.",
        },
        schedule: PageText {
            title: "Lịch trình",
            lead: "Lịch từng ngày theo điểm hiến và khung giờ, mức lấp đầy của cả đợt, và danh sách in được cho mỗi ca.",
        },
        check_in: PageText {
            title: "Tiếp đón",
            lead: "Tìm người hiến theo tên, số điện thoại hoặc mã phiếu, đánh dấu đã đến và ghi kết quả hiến máu ngay tại bàn.",
        },
        setup: PageText {
            title: "Thiết lập",
            lead: "Khai báo chiến dịch, địa điểm hiến máu và các đơn vị tham gia.",
        },
        drive_setup: PageText {
            title: "Các đợt",
            lead: "Tạo đợt với khung giờ và sức chứa tại từng địa điểm; mở, đóng hoặc hủy đợt; chia sẻ đợt bằng liên kết, mã QR và tệp.",
        },
        inbox: PageText {
            title: "Hộp thư đăng ký",
            lead: "Phiếu đăng ký người hiến gửi về bằng liên kết, mã hoặc tệp: xem lại, nhận ra trùng lặp, rồi gộp vào lịch.",
        },
        shared_drive: PageText {
            title: "Đợt hiến máu được chia sẻ",
            lead: "Một đợt hiến máu ban tổ chức gửi cho bạn. Lưu đợt vào thiết bị này để đăng ký một khung giờ, kể cả khi không có mạng.",
        },
        data: PageText {
            title: "Dữ liệu",
            lead: "Dung lượng đã dùng, sao lưu và khôi phục, nạp chiến dịch mẫu, và xóa toàn bộ dữ liệu trên thiết bị.",
        },
        sync: PageText {
            title: "Đồng bộ",
            lead: "Các máy của ban tổ chức cùng làm một chiến dịch qua máy chủ CouchDB, dữ liệu được mã hóa trên thiết bị trước khi gửi đi.",
        },
        not_found: PageText {
            title: "Không tìm thấy trang",
            lead: "Địa chỉ này không dẫn đến trang nào của ứng dụng.",
        },
    },
};

/// English.
pub const EN: Texts = Texts {
    app_name: "Voluntary blood donation",
    tagline: "Every drop given - a life that stays",
    skip_to_content: "Skip to main content",
    menu: "Menu",
    main_nav: "Main navigation",
    volunteers: "Volunteers",
    organizers: "Organizers",
    language: "Language",
    home_volunteers_intro: "Find a drive near you, check whether you can donate and pledge a time slot.",
    home_organizers_intro: "Plan drives, follow the schedule, check donors in and watch progress against the target.",
    not_found_path: "There is no page at",
    back_home: "Back to the home page",
    privacy_note: "Your data is stored on this device. A pledge slip reaches only the drive's organizers, encrypted when sent over the network; sync between organizers' devices is end-to-end encrypted.",
    storage: storage::EN,
    volunteer: volunteer::EN,
    lang: Lang::En,
    pages: PageTexts {
        home: PageText {
            title: "Home",
            lead: "Give blood, give life: the Hanoi health sector's voluntary blood-donation campaign, on your own device, even with no network.",
        },
        drives: PageText {
            title: "Drives",
            lead: "Drives and fixed donation points open in the next 30 days and how many places are left, as a list or a month calendar.",
        },
        pledge: PageText {
            title: "Pledge",
            lead: "Choose a site, day, time slot, donation type and a volume that suits you, then keep the slip with its QR code and calendar file.",
        },
        my_pledges: PageText {
            title: "My pledges",
            lead: "The pledges made on this device, upcoming first; cancel or reschedule them, and see when you can donate again.",
        },
        eligibility: PageText {
            title: "Eligibility",
            lead: "Check whether you can donate under Circular 26/2013/TT-BYT: every reason with its article, the largest volume and your next eligible date.",
        },
        dashboard: PageText {
            title: "Dashboard",
            lead: "Campaign progress against the target and last year, by drive, site, unit and blood group, in charts and data tables.",
        },
        schedule: PageText {
            title: "Schedule",
            lead: "Each day's agenda by site and time slot, the fill of the whole drive, and a printable roster for every slot.",
        },
        check_in: PageText {
            title: "Check-in",
            lead: "Find a donor by name, phone or slip code, mark them arrived and record the outcome right at the desk.",
        },
        setup: PageText {
            title: "Setup",
            lead: "Set up campaigns, donation sites and participating units.",
        },
        drive_setup: PageText {
            title: "Drives",
            lead: "Create drives with time slots and capacities at each site; open, close or cancel them; share them by link, QR code and file.",
        },
        inbox: PageText {
            title: "Pledge inbox",
            lead: "Pledge slips volunteers sent back by link, code or file: review them, spot duplicates, and merge them into the schedule.",
        },
        shared_drive: PageText {
            title: "A shared blood drive",
            lead: "A drive an organizer sent you. Keep it on this device to pledge a slot, even offline.",
        },
        data: PageText {
            title: "Data",
            lead: "Storage used, backup and restore, the sample campaign, and wiping every piece of data on this device.",
        },
        sync: PageText {
            title: "Sync",
            lead: "Organizers' devices share one campaign through a CouchDB server; data is encrypted on the device before it leaves.",
        },
        not_found: PageText {
            title: "Page not found",
            lead: "This address does not lead to any page of the app.",
        },
    },
};

#[cfg(test)]
mod tests {
    use super::*;

    fn page_texts(t: &Texts) -> [&PageText; 11] {
        let p = &t.pages;
        [
            &p.home,
            &p.drives,
            &p.pledge,
            &p.my_pledges,
            &p.eligibility,
            &p.dashboard,
            &p.schedule,
            &p.check_in,
            &p.setup,
            &p.data,
            &p.not_found,
        ]
    }

    #[test]
    fn language_codes_round_trip_and_unknown_codes_are_refused() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::from_code("VI"), None);
        assert_eq!(Lang::from_code(""), None);
    }

    #[test]
    fn every_page_has_a_distinct_non_empty_title_and_a_one_sentence_lead() {
        for lang in Lang::ALL {
            let pages = page_texts(lang.texts());
            for (i, page) in pages.iter().enumerate() {
                assert!(
                    !page.title.trim().is_empty(),
                    "{lang:?} page {i} has no title"
                );
                assert!(
                    page.lead.ends_with('.'),
                    "{lang:?} lead of {} is not a sentence",
                    page.title
                );
                assert_eq!(
                    page.lead.matches(". ").count(),
                    0,
                    "{lang:?} lead of {} is more than one sentence",
                    page.title
                );
                for other in &pages[i + 1..] {
                    assert_ne!(
                        page.title, other.title,
                        "{lang:?} has two pages titled alike"
                    );
                }
            }
        }
    }

    #[test]
    fn the_two_catalogues_differ_so_switching_language_shows_a_change() {
        let (vi, en) = (page_texts(&VI), page_texts(&EN));
        for (v, e) in vi.iter().zip(en.iter()) {
            assert_ne!(v.title, e.title);
        }
        assert_ne!(VI.app_name, EN.app_name);
    }

    #[test]
    fn units_use_the_locale_separators() {
        let u = |milli| Units::from_milli(milli);
        assert_eq!(Lang::Vi.units(u(1_204_400)), "1.204,4");
        assert_eq!(Lang::En.units(u(1_204_400)), "1,204.4");
        assert_eq!(Lang::Vi.units(u(1_799_000)), "1.799");
        assert_eq!(Lang::Vi.units(u(-400)), "-0,4");
    }

    #[test]
    fn numbers_use_the_locale_thousands_separator() {
        assert_eq!(Lang::Vi.number(1635), "1.635");
        assert_eq!(Lang::En.number(1635), "1,635");
        assert_eq!(Lang::Vi.number(1_635_000), "1.635.000");
        assert_eq!(Lang::En.number(-1799), "-1,799");
        assert_eq!(Lang::Vi.number(999), "999");
        assert_eq!(Lang::En.number(0), "0");
        assert_eq!(Lang::En.number(i64::MIN), "-9,223,372,036,854,775,808");
    }

    #[test]
    fn percentages_use_the_locale_decimal_separator() {
        assert_eq!(Lang::Vi.percent(125), "12,5 %");
        assert_eq!(Lang::En.percent(1000), "100.0 %");
    }

    #[test]
    fn dates_are_written_day_month_year() {
        assert_eq!(Lang::Vi.date(2023, 4, 24), "24/04/2023");
        assert_eq!(Lang::En.date(2023, 9, 5), "05/09/2023");
    }
}
