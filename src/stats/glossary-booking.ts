/** KPI glossary, the appointment (booking) system: slots kept and missed, bookings displaced, walk-ins by cause. */
import { entry as e, type GlossaryEntry } from "./glossary-entry.js";

// biome-ignore format: a data table, one entry per block, reads best unwrapped
export const GLOSSARY_BOOKING: readonly GlossaryEntry[] = [
  e("appointmentOnTimeShare", "kpi", "share", "higher",
    ["Booked trucks on time", "Of the booked trucks that arrived during the measured period, the share that arrived within their slot widened by the tolerance on both sides; 0 when no booked truck arrived."],
    ["Xe đặt lịch đến đúng giờ", "Trong các xe đặt lịch đến trong thời gian đo, tỷ lệ xe đến trong khung giờ của mình (nới rộng bằng dung sai ở hai phía); bằng 0 khi không có xe đặt lịch nào đến."]),
  e("missedSlotsPerDay", "kpi", "trucks/day", "lower",
    ["Missed slots per day", "Booked trucks that arrived after their slot's end plus the tolerance, during the measured period, divided by the measured days."],
    ["Khung giờ bị lỡ mỗi ngày", "Số xe đặt lịch đến sau khi khung giờ kết thúc cộng dung sai, trong thời gian đo, chia cho số ngày đo."]),
  e("noShowsPerDay", "kpi", "trucks/day", "lower",
    ["No-shows per day", "Bookings made during the measured period whose truck never came (they take a slot's quota but never arrive), divided by the measured days."],
    ["Xe đặt lịch không đến mỗi ngày", "Số lượt đặt lịch trong thời gian đo mà xe không bao giờ đến (chiếm hạn mức của khung giờ nhưng không đến), chia cho số ngày đo."]),
];
