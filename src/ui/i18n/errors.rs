//! The words for each way a domain operation refuses ([`DomainError`]), in both languages: one
//! table, one exhaustive `match` with no wildcard, so a new variant cannot reach a person without
//! words. Every page shows a refusal through [`Lang::error`] (beside the field concerned, or in
//! the page's notice when no field is), never with wording of its own.

use super::{Lang, citation_text, reason_text};
use crate::domain::DomainError;
use crate::domain::eligibility::Reason;

impl Lang {
    /// The rules' reasons in words, each with its article, as the desk says why it refuses:
    /// `"Chưa hiến được: <reason> (<article>); ..."`.
    pub fn reasons(self, reasons: &[Reason]) -> String {
        let lead = match self {
            Lang::Vi => "Chưa hiến được:",
            Lang::En => "Cannot donate yet:",
        };
        let why: Vec<String> = reasons
            .iter()
            .map(|r| {
                format!(
                    "{} ({})",
                    reason_text(self, &r.kind, None),
                    citation_text(&r.citation)
                )
            })
            .collect();
        format!("{lead} {}.", why.join("; "))
    }

    /// What a person reads when a domain operation refuses with `e`: one sentence (or a list of
    /// the rules' reasons, each with its article), in this language.
    pub fn error(self, e: &DomainError) -> String {
        let vi = self == Lang::Vi;
        let say = |v: &str, en: &str| if vi { v.to_owned() } else { en.to_owned() };
        match e {
            DomainError::InvalidDate(_) => say(
                "Ngày chưa đúng: hãy nhập một ngày có thật.",
                "Not a date: enter a real day.",
            ),
            DomainError::InvalidTime(_) => say(
                "Giờ chưa đúng: hãy viết HH:MM, ví dụ 07:30.",
                "Not a time: write HH:MM, for example 07:30.",
            ),
            DomainError::InvalidId(_) => say(
                "Mã không hợp lệ (1 đến 40 chữ, số, - hoặc _).",
                "Not a valid id (1 to 40 letters, digits, - or _).",
            ),
            DomainError::EmptyName => say("Hãy nhập họ và tên.", "Please enter your full name."),
            DomainError::NameLength => say(
                "Họ và tên cần từ 2 đến 100 ký tự.",
                "The full name needs 2 to 100 characters.",
            ),
            DomainError::InvalidPhone => say(
                "Số điện thoại chưa đúng, ví dụ 0912 345 678.",
                "This phone number is not right, for example 0912 345 678.",
            ),
            DomainError::InvalidCitizenId => say(
                "Số CCCD cần 12 chữ số (hoặc 9 chữ số với CMND cũ).",
                "A citizen ID has 12 digits (or 9 on an older card).",
            ),
            DomainError::BirthDateInFuture => say(
                "Ngày sinh không thể ở sau hôm nay.",
                "The date of birth cannot be after today.",
            ),
            DomainError::YearOutOfRange(_) => say(
                "Năm của chiến dịch phải từ 2000 đến 2100.",
                "A campaign's year must be from 2000 to 2100.",
            ),
            DomainError::GrowthOutOfRange(_) => say(
                "Mức tăng phải từ -100 % đến +1000 %.",
                "The growth must be from -100 % to +1000 %.",
            ),
            DomainError::MlPerUnitOutOfRange(_) => say(
                "Một đơn vị máu phải từ 100 đến 1000 ml.",
                "A unit of blood must be 100 to 1000 ml.",
            ),
            DomainError::NegativeQuantity => {
                say("Số lượng không thể âm.", "A quantity cannot be negative.")
            }
            DomainError::QuotaNotPositive => {
                say("Chỉ tiêu phải lớn hơn 0.", "A quota must be more than 0.")
            }
            DomainError::EndNotAfterStart => say(
                "Giờ kết thúc phải sau giờ bắt đầu.",
                "The end time must be after the start.",
            ),
            DomainError::EndBeforeStart => say(
                "Ngày kết thúc không thể trước ngày bắt đầu.",
                "The last day cannot be before the first.",
            ),
            DomainError::OverlappingHours(_) => say(
                "Hai khoảng giờ mở cửa trong một ngày trùng nhau.",
                "Two opening hours of one day overlap.",
            ),
            DomainError::OverlappingSlots => say("Hai khung giờ trùng nhau.", "Two slots overlap."),
            DomainError::SlotLengthOutOfRange(_) => say(
                "Một khung giờ dài từ 10 đến 240 phút.",
                "A slot lasts 10 to 240 minutes.",
            ),
            DomainError::CapacityNotPositive => say(
                "Số người mỗi khung giờ phải từ 1 trở lên.",
                "Donors per slot must be 1 or more.",
            ),
            DomainError::DriveOutsideCampaignYear(y) => {
                if vi {
                    format!("Ngày của đợt không nằm trong năm {y} của chiến dịch đã có ở đây.")
                } else {
                    format!("The drive's days are not in {y}, the year of its campaign kept here.")
                }
            }
            DomainError::NoSites => say(
                "Hãy chọn ít nhất một địa điểm.",
                "Choose at least one site.",
            ),
            DomainError::DuplicateSite(_) => {
                say("Một địa điểm được chọn hai lần.", "A site is chosen twice.")
            }
            DomainError::DuplicateId(_) => say(
                "Đã có một mục với mã này.",
                "Something with this id exists already.",
            ),
            DomainError::UnknownCampaign(_)
            | DomainError::UnknownSite(_)
            | DomainError::UnknownUnit(_)
            | DomainError::UnknownDrive(_)
            | DomainError::UnknownDonor(_)
            | DomainError::UnknownPledge(_) => say(
                "Mục này không còn ở đây (có thể vừa bị xóa ở thẻ khác).",
                "This is no longer here (perhaps removed in another tab).",
            ),
            DomainError::SiteNotInDrive(_) | DomainError::DateOutsideDrive(_) => say(
                "Địa điểm hoặc ngày này không thuộc đợt.",
                "This site or day is not part of the drive.",
            ),
            DomainError::NotAFixedPoint(_) => say(
                "Địa điểm này không phải điểm hiến máu cố định.",
                "This site is not a fixed donation point.",
            ),
            DomainError::SiteClosedOnDay(_)
            | DomainError::NoSuchSlot(..)
            | DomainError::SlotFull { .. } => say(
                "Khung giờ này vừa hết chỗ, hãy chọn khung khác.",
                "This slot has just filled up; please choose another.",
            ),
            DomainError::SlotInPast => say(
                "Khung giờ này đã qua, hãy chọn khung khác.",
                "This slot is over; please choose another.",
            ),
            DomainError::DriveNotOpen(_) => say(
                "Đợt này chưa mở hoặc đã đóng đăng ký.",
                "This drive is not open for pledges.",
            ),
            DomainError::DriveCancelled(_) => say("Đợt này đã bị hủy.", "This drive is cancelled."),
            DomainError::AlreadyPledgedThatDay(_) => say(
                "Bạn đã có một lịch hẹn vào ngày này.",
                "You already have a pledge on this day.",
            ),
            // The articles only: a page that shows the reasons themselves asks
            // `Lang::reasons` (their words weigh several KiB, which builds that never show a
            // donor's eligibility do not carry).
            DomainError::NotEligible(reasons) => {
                let lead = if vi {
                    "Chưa hiến được theo"
                } else {
                    "Cannot donate yet under"
                };
                let why: Vec<String> = reasons.iter().map(|r| citation_text(&r.citation)).collect();
                format!("{lead} {}.", why.join("; "))
            }
            DomainError::VolumeOutOfRange(_) => say(
                "Thể tích phải từ 1 đến 1000 ml.",
                "The volume must be 1 to 1000 ml.",
            ),
            DomainError::WrongStatus => say(
                "Lượt đăng ký này không còn ở trạng thái cho phép việc này.",
                "This pledge is no longer in a state that allows this.",
            ),
            DomainError::CapacityBelowPledged { pledged: n } => {
                if vi {
                    format!(
                        "Đã có {n} người đăng ký khung giờ này: đánh dấu ô bên dưới nếu vẫn muốn giảm."
                    )
                } else {
                    format!(
                        "{n} donors have pledged in this slot already: tick the box below to reduce it anyway."
                    )
                }
            }
            DomainError::DeferralNotInFuture => say(
                "Ngày hết tạm hoãn phải sau hôm nay.",
                "A deferral must end after today.",
            ),
            DomainError::PledgesWouldBeOrphaned(n) => {
                if vi {
                    format!(
                        "Không lưu: {n} lượt đăng ký sẽ mất ngày hoặc khung giờ của mình. Hãy dời hoặc hủy các lượt đó trước."
                    )
                } else {
                    format!(
                        "Not saved: {n} pledges would lose their day or slot. Move or cancel them first."
                    )
                }
            }
            DomainError::OverLimit(l) => {
                let lead = if vi {
                    "Vượt giới hạn: tối đa"
                } else {
                    "Over a limit: at most"
                };
                format!("{lead} {} {}.", self.number(l.max()), self.limit_noun(*l))
            }
            DomainError::YearTaken(y) => {
                if vi {
                    format!("Đã có chiến dịch năm {y} với mã khác.")
                } else {
                    format!("Campaign {y} already exists with another id.")
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::eligibility::{Reason, ReasonKind, RuleSet};
    use crate::domain::limits::Limit;
    use crate::domain::{CampaignId, DonorId, DriveId, PledgeId, SiteId, UnitId, Weekday};

    /// One of each variant. The `match` below has no wildcard: a new variant fails to compile
    /// until it is listed here, and so until the test checks its words.
    fn one_of_each() -> Vec<DomainError> {
        let day = "2024-05-13".parse().unwrap();
        let site = SiteId::new("s").unwrap();
        let rules = RuleSet::vietnam();
        let all = vec![
            DomainError::InvalidDate("x".into()),
            DomainError::InvalidTime("x".into()),
            DomainError::InvalidId("x".into()),
            DomainError::EmptyName,
            DomainError::NameLength,
            DomainError::InvalidPhone,
            DomainError::InvalidCitizenId,
            DomainError::BirthDateInFuture,
            DomainError::YearOutOfRange(1900),
            DomainError::GrowthOutOfRange(-20_000),
            DomainError::MlPerUnitOutOfRange(5),
            DomainError::NegativeQuantity,
            DomainError::QuotaNotPositive,
            DomainError::EndNotAfterStart,
            DomainError::EndBeforeStart,
            DomainError::OverlappingHours(Weekday::Mon),
            DomainError::OverlappingSlots,
            DomainError::SlotLengthOutOfRange(5),
            DomainError::CapacityNotPositive,
            DomainError::DriveOutsideCampaignYear(2024),
            DomainError::NoSites,
            DomainError::DuplicateSite(site.clone()),
            DomainError::DuplicateId("x".into()),
            DomainError::UnknownCampaign(CampaignId::new("c").unwrap()),
            DomainError::UnknownSite(site.clone()),
            DomainError::UnknownUnit(UnitId::new("u").unwrap()),
            DomainError::UnknownDrive(DriveId::new("d").unwrap()),
            DomainError::UnknownDonor(DonorId::new("p").unwrap()),
            DomainError::UnknownPledge(PledgeId::new("p").unwrap()),
            DomainError::SiteNotInDrive(site.clone()),
            DomainError::DateOutsideDrive(day),
            DomainError::NotAFixedPoint(site),
            DomainError::SiteClosedOnDay(day),
            DomainError::NoSuchSlot(day, "07:30".parse().unwrap()),
            DomainError::SlotFull { capacity: 4 },
            DomainError::SlotInPast,
            DomainError::DriveNotOpen(DriveId::new("d").unwrap()),
            DomainError::DriveCancelled(DriveId::new("d").unwrap()),
            DomainError::AlreadyPledgedThatDay(day),
            DomainError::NotEligible(vec![Reason {
                kind: ReasonKind::Underweight { min_hg: 420 },
                citation: rules.min_weight.whole_blood.citation,
            }]),
            DomainError::VolumeOutOfRange(2000),
            DomainError::WrongStatus,
            DomainError::CapacityBelowPledged { pledged: 3 },
            DomainError::DeferralNotInFuture,
            DomainError::PledgesWouldBeOrphaned(2),
            DomainError::OverLimit(Limit::DaysPerDrive),
            DomainError::YearTaken(2024),
        ];
        for e in &all {
            match e {
                DomainError::InvalidDate(_)
                | DomainError::InvalidTime(_)
                | DomainError::InvalidId(_)
                | DomainError::EmptyName
                | DomainError::NameLength
                | DomainError::InvalidPhone
                | DomainError::InvalidCitizenId
                | DomainError::BirthDateInFuture
                | DomainError::YearOutOfRange(_)
                | DomainError::GrowthOutOfRange(_)
                | DomainError::MlPerUnitOutOfRange(_)
                | DomainError::NegativeQuantity
                | DomainError::QuotaNotPositive
                | DomainError::EndNotAfterStart
                | DomainError::EndBeforeStart
                | DomainError::OverlappingHours(_)
                | DomainError::OverlappingSlots
                | DomainError::SlotLengthOutOfRange(_)
                | DomainError::CapacityNotPositive
                | DomainError::DriveOutsideCampaignYear(_)
                | DomainError::NoSites
                | DomainError::DuplicateSite(_)
                | DomainError::DuplicateId(_)
                | DomainError::UnknownCampaign(_)
                | DomainError::UnknownSite(_)
                | DomainError::UnknownUnit(_)
                | DomainError::UnknownDrive(_)
                | DomainError::UnknownDonor(_)
                | DomainError::UnknownPledge(_)
                | DomainError::SiteNotInDrive(_)
                | DomainError::DateOutsideDrive(_)
                | DomainError::NotAFixedPoint(_)
                | DomainError::SiteClosedOnDay(_)
                | DomainError::NoSuchSlot(..)
                | DomainError::SlotFull { .. }
                | DomainError::SlotInPast
                | DomainError::DriveNotOpen(_)
                | DomainError::DriveCancelled(_)
                | DomainError::AlreadyPledgedThatDay(_)
                | DomainError::NotEligible(_)
                | DomainError::VolumeOutOfRange(_)
                | DomainError::WrongStatus
                | DomainError::CapacityBelowPledged { .. }
                | DomainError::DeferralNotInFuture
                | DomainError::PledgesWouldBeOrphaned(_)
                | DomainError::OverLimit(_)
                | DomainError::YearTaken(_) => {}
            }
        }
        all
    }

    #[test]
    fn every_domain_error_has_its_own_words_in_both_languages() {
        let all = one_of_each();
        let mut codes: Vec<&str> = all.iter().map(DomainError::code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len(), "each variant once");
        for e in &all {
            let (vi, en) = (Lang::Vi.error(e), Lang::En.error(e));
            assert!(vi.ends_with('.') && en.ends_with('.'), "{e}: {vi} / {en}");
            assert_ne!(vi, en, "{e}");
            // English throughout, but for the circular's own name in a citation.
            let own = en.split("Thông tư").next().unwrap_or_default();
            assert!(
                !own.contains(['ạ', 'ả', 'ã', 'ầ', 'ế', 'ờ', 'ư', 'đ']),
                "{e}: {en}"
            );
        }
    }

    #[test]
    fn a_refusal_by_the_rules_names_each_reason_with_its_article() {
        let rules = RuleSet::vietnam();
        let e = DomainError::NotEligible(vec![Reason {
            kind: ReasonKind::Underweight { min_hg: 420 },
            citation: rules.min_weight.whole_blood.citation,
        }]);
        assert_eq!(
            Lang::Vi.error(&e),
            "Chưa hiến được theo Thông tư 26/2013/TT-BYT, Điều 4.2a."
        );
        let DomainError::NotEligible(reasons) = &e else {
            unreachable!()
        };
        assert_eq!(
            Lang::Vi.reasons(reasons),
            "Chưa hiến được: Cân nặng dưới 42 kg (Thông tư 26/2013/TT-BYT, Điều 4.2a)."
        );
        assert_eq!(
            Lang::Vi.error(&DomainError::OverLimit(Limit::DaysPerDrive)),
            "Vượt giới hạn: tối đa 31 ngày trong một đợt."
        );
    }
}
