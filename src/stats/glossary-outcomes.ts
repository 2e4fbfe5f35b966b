/** KPI glossary, trucks that leave without crossing here: turned away, balked, reneged, expelled, diverted. */
import { entry as e, type GlossaryEntry } from "./glossary-entry.js";

// biome-ignore format: a data table, one entry per block, reads best unwrapped
export const GLOSSARY_OUTCOMES: readonly GlossaryEntry[] = [
  e("lostPerDay", "kpi", "trucks/day", "lower",
    ["Trucks turned away per day", "Trucks that left without crossing during the measured period: refused by a full line with no room to wait, or sent to an exit marked as lost (a diversion such as the railway), divided by the measured days."],
    ["Xe bị từ chối mỗi ngày", "Số xe rời đi mà không qua biên giới trong thời gian đo: bị từ chối vì hàng chờ đã đầy, hoặc được chuyển sang lối ra tính là mất (chuyển hướng, ví dụ sang đường sắt), chia cho số ngày đo."]),
];
