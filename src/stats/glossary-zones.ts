/** KPI glossary, where trucks stand and wait: the NH1A queue, the park yard, every zone, and their idling. */
import { entry as e, type GlossaryEntry } from "./glossary-entry.js";

// biome-ignore format: a data table, one entry per block, reads best unwrapped
export const GLOSSARY_ZONES: readonly GlossaryEntry[] = [
  e("nh1aQueueTrucksMean", "kpi", "trucks", "lower",
    ["Queue on NH1A, mean", "Time-weighted mean number of trucks in the scenario's `nh1a` zone (the roadside queue and staging yards on NH1A, before the park gate) over the measured period; 0 when the scenario has no such zone."],
    ["Hàng đợi trên QL1A, trung bình", "Số xe trung bình theo thời gian trong vùng `nh1a` của kịch bản (hàng chờ ven đường và bãi chờ trên QL1A, trước cổng khu) trong thời gian đo; bằng 0 khi kịch bản không có vùng này."]),
  e("nh1aQueueTrucksMax", "kpi", "trucks", "lower",
    ["Queue on NH1A, longest", "Most trucks in the `nh1a` zone at any moment of the measured period."],
    ["Hàng đợi trên QL1A, dài nhất", "Số xe nhiều nhất trong vùng `nh1a` tại một thời điểm bất kỳ trong thời gian đo."]),
  e("yardOccupancyMean", "kpi", "trucks", "lower",
    ["Trucks in the yards, mean", "Time-weighted mean number of trucks in the scenario's `yard` zone (the park's marshalling yard, both directions) over the measured period; 0 without such a zone."],
    ["Xe trong bãi, trung bình", "Số xe trung bình theo thời gian trong vùng `yard` của kịch bản (bãi tập kết của khu, cả hai chiều) trong thời gian đo; bằng 0 khi không có vùng này."]),
  e("yardOccupancyMax", "kpi", "trucks", "lower",
    ["Trucks in the yards, most", "Most trucks in the `yard` zone at any moment of the measured period."],
    ["Xe trong bãi, nhiều nhất", "Số xe nhiều nhất trong vùng `yard` tại một thời điểm bất kỳ trong thời gian đo."]),
  e("zone.<id>.trucksMean", "kpi", "trucks", "lower",
    ["Trucks in a zone, mean", "Time-weighted mean number of trucks in zone <id> over the measured period. Zones are declared by the scenario (shipped: nh1a on NH1A and its staging yards, yard in the park, cn at the zero line and on the Chinese side, road moving on the roads, icd in the ICD yard); a truck is in the zone of the stage it is at."],
    ["Số xe trong một vùng, trung bình", "Số xe trung bình theo thời gian trong vùng <id> trong thời gian đo. Các vùng do kịch bản khai báo (có sẵn: nh1a trên QL1A và bãi chờ, yard trong bãi của khu, cn tại mốc số 0 và phía Trung Quốc, road đang đi trên đường, icd trong bãi ICD); xe thuộc vùng của công đoạn nó đang ở."]),
  e("zone.<id>.trucksMax", "kpi", "trucks", "lower",
    ["Trucks in a zone, most", "Most trucks in zone <id> at any moment of the measured period."],
    ["Số xe trong một vùng, nhiều nhất", "Số xe nhiều nhất trong vùng <id> tại một thời điểm bất kỳ trong thời gian đo."]),
  e("vnQueueTrucksMax", "kpi", "trucks", "lower",
    ["Trucks queued on the Vietnamese side, most", "The largest number of trucks on NH1A and in the park yard together (the `nh1a` and `yard` zones), read at each sampling step of the measured period: the figure congestion reports count."],
    ["Xe chờ phía Việt Nam, nhiều nhất", "Số xe lớn nhất trên QL1A và trong bãi của khu cộng lại (vùng `nh1a` và `yard`), đọc tại mỗi bước lấy mẫu trong thời gian đo: con số mà các báo cáo ùn tắc đếm."]),
  e("idleTruckHoursPerDay", "kpi", "truck-hours/day", "lower",
    ["Truck-hours idling per day", "Truck-hours spent in the zones the scenario marks as idling (waiting with the engine on: NH1A, the yard, the Chinese side in the shipped scenarios) over the measured period, divided by the measured days."],
    ["Số giờ xe chờ nổ máy mỗi ngày", "Tổng xe·giờ ở các vùng mà kịch bản đánh dấu là chờ nổ máy (QL1A, bãi của khu, phía Trung Quốc trong các kịch bản có sẵn) trong thời gian đo, chia cho số ngày đo."]),
  e("idleCo2KgPerDay", "kpi", "kg CO2/day", "lower",
    ["CO₂ from idling per day", "Idling truck-hours per day times the scenario's CO₂ per idling hour (`kpi.co2KgPerIdleHour`, an assumed factor)."],
    ["CO₂ do xe chờ mỗi ngày", "Số giờ xe chờ nổ máy mỗi ngày nhân với lượng CO₂ mỗi giờ chờ của kịch bản (`kpi.co2KgPerIdleHour`, một hệ số giả định)."]),
];
