/**
 * KPI glossary, where trucks stand and wait: the NH1A queue, the park yard, every zone and area, the
 * Vietnamese-side queue, and idling against parked time. A stage's `zone` holds its trucks while they are
 * at it (in service, in a stall, travelling), its `queueZone` while they wait for it; a waiting truck
 * otherwise stays where it is (in the stall or at the server it holds).
 */
import { entry as e, type GlossaryEntry } from "./glossary-entry.js";

// biome-ignore format: a data table, one entry per block, reads best unwrapped
export const GLOSSARY_ZONES: readonly GlossaryEntry[] = [
  e("nh1aQueueTrucksMean", "kpi", "trucks", "lower",
    ["Queue on NH1A, mean", "Time-weighted mean number of trucks in the area `nh1a` over the measured period: the NH1A roadside line and the staging yards along NH1A (zones `nh1a` and `staging` in the shipped scenarios), before the park gate; 0 when the scenario has no such area."],
    ["Hàng đợi trên QL1A, trung bình", "Số xe trung bình theo thời gian trong khu vực `nh1a` trong thời gian đo: hàng chờ ven QL1A và các bãi chờ dọc QL1A (vùng `nh1a` và `staging` trong các kịch bản có sẵn), trước cổng khu; bằng 0 khi kịch bản không có khu vực này."]),
  e("nh1aQueueTrucksMax", "kpi", "trucks", "lower",
    ["Queue on NH1A, longest", "Most trucks in the area `nh1a` at any moment of the measured period (exact, not sampled)."],
    ["Hàng đợi trên QL1A, dài nhất", "Số xe nhiều nhất trong khu vực `nh1a` tại một thời điểm bất kỳ trong thời gian đo (chính xác, không lấy mẫu)."]),
  e("nh1aQueueTrucksOvernightMean", "kpi", "trucks", "lower",
    ["Queue on NH1A overnight, mean", "Mean number of trucks in the area `nh1a` at the sampling steps of the measured period that fall in the night (the scenario's `kpi.overnight`, 22:00–07:00 Vietnamese time by default, when the gates are normally closed): the trucks parked on the road waiting for the morning; 0 without such an area."],
    ["Hàng đợi trên QL1A ban đêm, trung bình", "Số xe trung bình trong khu vực `nh1a` tại các bước lấy mẫu ban đêm của thời gian đo (`kpi.overnight` của kịch bản, mặc định 22:00–07:00 giờ Việt Nam, khi cửa khẩu thường đóng): số xe đỗ trên đường chờ đến sáng; bằng 0 khi không có khu vực này."]),
  e("yardOccupancyMean", "kpi", "trucks", "lower",
    ["Trucks in the yards, mean", "Time-weighted mean number of trucks in the area `yard` (the park's marshalling yard, both directions) over the measured period: the trucks holding its stalls, so equal to the yard stage's occupancy (`stages.parkYard.heldMean`); 0 without such an area."],
    ["Xe trong bãi, trung bình", "Số xe trung bình theo thời gian trong khu vực `yard` (bãi tập kết của khu, cả hai chiều) trong thời gian đo: các xe đang giữ chỗ đỗ của bãi, nên bằng số xe đang đỗ của công đoạn bãi (`stages.parkYard.heldMean`); bằng 0 khi không có khu vực này."]),
  e("yardOccupancyMax", "kpi", "trucks", "lower",
    ["Trucks in the yards, most", "Most trucks in the area `yard` at any moment of the measured period; never more than its stalls."],
    ["Xe trong bãi, nhiều nhất", "Số xe nhiều nhất trong khu vực `yard` tại một thời điểm bất kỳ trong thời gian đo; không bao giờ vượt quá số chỗ đỗ."]),
  e("zone.<id>.trucksMean", "kpi", "trucks", "lower",
    ["Trucks in a zone, mean", "Time-weighted mean number of trucks in zone <id> over the measured period. Zones are declared by the scenario (`zones:`, each with a kind: queue, parked, moving or stored; a side; an area); a truck is in a stage's `zone` from the moment it starts there and in its `queueZone` while it waits for it (shipped: nh1a roadside line, staging yards on NH1A, gate lines, yard, zeroLine before the zero line, cn on the Chinese side, road, icd)."],
    ["Số xe trong một vùng, trung bình", "Số xe trung bình theo thời gian trong vùng <id> trong thời gian đo. Các vùng do kịch bản khai báo (`zones:`, mỗi vùng có loại: hàng chờ, đỗ, di chuyển hoặc lưu kho; một phía; một khu vực); xe ở `zone` của một công đoạn từ lúc bắt đầu tại đó và ở `queueZone` của nó khi đang chờ công đoạn đó (có sẵn: nh1a hàng chờ ven đường, staging bãi chờ trên QL1A, gate hàng chờ tại cổng, yard bãi, zeroLine trước mốc số 0, cn phía Trung Quốc, road, icd)."]),
  e("zone.<id>.trucksMax", "kpi", "trucks", "lower",
    ["Trucks in a zone, most", "Most trucks in zone <id> at any moment of the measured period."],
    ["Số xe trong một vùng, nhiều nhất", "Số xe nhiều nhất trong vùng <id> tại một thời điểm bất kỳ trong thời gian đo."]),
  e("zone.<id>.truckHoursPerDay", "kpi", "truck-hours/day", "lower",
    ["Truck-hours in a zone per day", "Truck-hours spent in zone <id> over the measured period, divided by the measured days."],
    ["Số xe·giờ trong một vùng mỗi ngày", "Tổng xe·giờ ở trong vùng <id> trong thời gian đo, chia cho số ngày đo."]),
  e("area.<id>.trucksMean", "kpi", "trucks", "lower",
    ["Trucks in an area, mean", "Time-weighted mean number of trucks in all zones of area <id> together (a zone's `area`; reported for areas of two or more zones)."],
    ["Số xe trong một khu vực, trung bình", "Số xe trung bình theo thời gian trong tất cả các vùng của khu vực <id> cộng lại (`area` của vùng; chỉ có với khu vực gồm từ hai vùng trở lên)."]),
  e("area.<id>.trucksMax", "kpi", "trucks", "lower",
    ["Trucks in an area, most", "Most trucks in area <id> at any moment of the measured period (exact, not sampled)."],
    ["Số xe trong một khu vực, nhiều nhất", "Số xe nhiều nhất trong khu vực <id> tại một thời điểm bất kỳ trong thời gian đo (chính xác, không lấy mẫu)."]),
  e("vnQueueTrucksMean", "kpi", "trucks", "lower",
    ["Trucks queued on the Vietnamese side, mean", "Time-weighted mean number of trucks waiting on the Vietnamese side: every zone of side `vn` and kind queue or parked (the NH1A roadside, the staging yards, the gate lines, the park yard, the line before the zero line)."],
    ["Xe chờ phía Việt Nam, trung bình", "Số xe trung bình theo thời gian đang chờ phía Việt Nam: mọi vùng thuộc phía `vn` có loại hàng chờ hoặc đỗ (ven QL1A, các bãi chờ, hàng chờ tại cổng, bãi của khu, hàng chờ trước mốc số 0)."]),
  e("vnQueueTrucksMax", "kpi", "trucks", "lower",
    ["Trucks queued on the Vietnamese side, most", "Most trucks waiting on the Vietnamese side at any moment of the measured period (the zones of `vnQueueTrucksMean`; exact, not sampled): the figure congestion reports count."],
    ["Xe chờ phía Việt Nam, nhiều nhất", "Số xe chờ phía Việt Nam nhiều nhất tại một thời điểm bất kỳ trong thời gian đo (các vùng của `vnQueueTrucksMean`; chính xác, không lấy mẫu): con số mà các báo cáo ùn tắc đếm."]),
  e("idleTruckHoursPerDay", "kpi", "truck-hours/day", "lower",
    ["Truck-hours idling per day", "Truck-hours spent in zones of kind queue only (creeping lines with engines running: the NH1A roadside, gate lines, the line before the zero line, the Chinese-side line in the shipped scenarios) over the measured period, divided by the measured days. Parked time is apart."],
    ["Số giờ xe chờ nổ máy mỗi ngày", "Tổng xe·giờ chỉ ở các vùng loại hàng chờ (hàng xe nhích dần, nổ máy: ven QL1A, hàng chờ tại cổng, hàng chờ trước mốc số 0, hàng chờ phía Trung Quốc trong các kịch bản có sẵn) trong thời gian đo, chia cho số ngày đo. Thời gian đỗ được tính riêng."]),
  e("idleCo2KgPerDay", "kpi", "kg CO2/day", "lower",
    ["CO₂ from idling per day", "Idling truck-hours per day times the scenario's CO₂ per idling hour (`kpi.co2KgPerIdleHour`, an assumed factor)."],
    ["CO₂ do xe chờ mỗi ngày", "Số giờ xe chờ nổ máy mỗi ngày nhân với lượng CO₂ mỗi giờ chờ của kịch bản (`kpi.co2KgPerIdleHour`, một hệ số giả định)."]),
  e("parkedTruckHoursPerDay", "kpi", "truck-hours/day", undefined,
    ["Truck-hours parked per day", "Truck-hours spent in zones of kind parked (yards, staging stalls, overnight parking; engines off) over the measured period, divided by the measured days: not idling, not in the CO₂ figure."],
    ["Số giờ xe đỗ mỗi ngày", "Tổng xe·giờ ở các vùng loại đỗ (bãi, chỗ đỗ chờ, đỗ qua đêm; tắt máy) trong thời gian đo, chia cho số ngày đo: không phải chờ nổ máy, không tính vào CO₂."]),
];
