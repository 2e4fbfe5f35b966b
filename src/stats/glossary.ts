/**
 * The KPI glossary as plain data: every figure a run reports (the model's KPIs, the per-stage figures)
 * and the terms a reader of a report needs, each with its unit and a label and definition in English
 * and Vietnamese. Definitions say what the model measures (src/model/engine.ts `report()`), not what
 * one might wish it measured. Ids with `<id>` or `<n>` are patterns (`zone.<id>.trucksMean` covers
 * `zone.nh1a.trucksMean`). Served at `GET /glossary`; docs/kpis.md can be generated from it.
 *
 * Every KPI is measured over the measured period only (after the warm-up), per replication, and
 * reported as the mean across replications with a 95 % interval.
 */

/** One glossary entry. */
export interface GlossaryEntry {
  /** KPI name as in reports, a pattern with `<id>` / `<n>`, or a term's id. */
  id: string;
  /** "kpi": a figure of `kpis`; "stage": a figure of `stages.<id>`; "term": a word of the reports. */
  kind: "kpi" | "stage" | "term";
  /** Unit as reports print it ("" for terms). */
  unit: string;
  /** Which way is better, when one is ("higher" / "lower"); comparisons colour changes by it. */
  better?: "higher" | "lower";
  en: { label: string; definition: string };
  vi: { label: string; definition: string };
}

type Text = [label: string, definition: string];

/** An entry from its parts. */
function e(
  id: string,
  kind: GlossaryEntry["kind"],
  unit: string,
  better: GlossaryEntry["better"],
  en: Text,
  vi: Text,
): GlossaryEntry {
  const entry: GlossaryEntry = {
    id,
    kind,
    unit,
    en: { label: en[0], definition: en[1] },
    vi: { label: vi[0], definition: vi[1] },
  };
  if (better !== undefined) entry.better = better;
  return entry;
}

/** The glossary: terms, then KPIs, then stage figures. */
// biome-ignore format: a data table, one entry per block, reads best unwrapped
export const KPI_GLOSSARY: readonly GlossaryEntry[] = [
  e("replication", "term", "", undefined,
    ["Replication", "One independent run of the simulation with its own random numbers (replication i of seed S). A run repeats the same scenario over several replications; every figure is the mean across them, with its 95 % interval."],
    ["Lần lặp", "Một lần chạy mô phỏng độc lập với dãy số ngẫu nhiên riêng (lần lặp i của hạt giống S). Mỗi lần chạy lặp lại cùng kịch bản nhiều lần; mỗi số liệu là trung bình qua các lần lặp, kèm khoảng tin cậy 95 %."]),
  e("seed", "term", "", undefined,
    ["Seed", "The number (or text) every random stream of a run is derived from: the same scenario, seed and replication give bit-identical results. Two runs with the same seed and replications see the same trucks (common random numbers), which makes their paired differences sharp."],
    ["Hạt giống ngẫu nhiên", "Số (hoặc chuỗi) sinh ra mọi dãy ngẫu nhiên của một lần chạy: cùng kịch bản, hạt giống và lần lặp cho kết quả giống hệt. Hai lần chạy cùng hạt giống và số lần lặp gặp cùng một dòng xe (cùng số ngẫu nhiên), nên chênh lệch theo cặp giữa chúng rất rõ."]),
  e("warmup", "term", "", undefined,
    ["Warm-up", "The first days of a run, simulated but not measured, so that figures do not start from an empty gate. Days simulated include the warm-up; figures cover the measured days after it."],
    ["Khởi động", "Những ngày đầu của một lần chạy được mô phỏng nhưng không đo, để số liệu không bắt đầu từ một cửa khẩu trống. Số ngày mô phỏng gồm cả ngày khởi động; số liệu tính trên các ngày đo sau đó."]),
  e("interval95", "term", "", undefined,
    ["95 % interval", "The Student-t 95 % confidence interval of the mean across replications: with more replications it narrows. In a comparison, the interval of the paired differences (run B minus run A, replication by replication); a difference is significant when its interval excludes 0."],
    ["Khoảng tin cậy 95 %", "Khoảng tin cậy 95 % theo phân phối Student-t của giá trị trung bình qua các lần lặp: càng nhiều lần lặp càng hẹp. Khi so sánh, đó là khoảng của chênh lệch theo cặp (lần chạy B trừ lần chạy A, từng lần lặp); chênh lệch có ý nghĩa thống kê khi khoảng không chứa 0."]),
  e("throughputPerDay", "kpi", "trucks/day", "higher",
    ["Trucks cleared per day", "Trucks that crossed the border (or left the network at an exit) during the measured period, both directions, divided by the measured days."],
    ["Xe thông quan mỗi ngày", "Số xe qua biên giới (hoặc ra khỏi mạng lưới tại một điểm ra) trong thời gian đo, cả hai chiều, chia cho số ngày đo."]),
  e("exportThroughputPerDay", "kpi", "trucks/day", "higher",
    ["Export trucks cleared per day", "Export trucks (VN → CN) that crossed the border (or left the network at an exit) during the measured period, divided by the measured days."],
    ["Xe xuất khẩu thông quan mỗi ngày", "Số xe xuất khẩu (VN → TQ) qua biên giới (hoặc ra khỏi mạng lưới tại một điểm ra) trong thời gian đo, chia cho số ngày đo."]),
  e("importThroughputPerDay", "kpi", "trucks/day", "higher",
    ["Import trucks cleared per day", "Import trucks (CN → VN) that crossed the border (or left the network at an exit) during the measured period, divided by the measured days."],
    ["Xe nhập khẩu thông quan mỗi ngày", "Số xe nhập khẩu (TQ → VN) qua biên giới (hoặc ra khỏi mạng lưới tại một điểm ra) trong thời gian đo, chia cho số ngày đo."]),
  e("arrivalsPerDay", "kpi", "trucks/day", undefined,
    ["Arrivals per day", "Trucks that arrived at the network's entry (NH1A for exports, the Chinese side's release for imports) during the measured period, divided by the measured days; booked trucks count when they arrive, not when they book."],
    ["Xe đến mỗi ngày", "Số xe đến điểm vào của mạng lưới (QL1A với xe xuất, điểm cho xe đi phía Trung Quốc với xe nhập) trong thời gian đo, chia cho số ngày đo; xe đặt lịch được tính khi đến, không phải khi đặt."]),
  e("exportArrivalsPerDay", "kpi", "trucks/day", undefined,
    ["Export arrivals per day", "Export trucks that arrived during the measured period, divided by the measured days."],
    ["Xe xuất khẩu đến mỗi ngày", "Số xe xuất khẩu đến trong thời gian đo, chia cho số ngày đo."]),
  e("importArrivalsPerDay", "kpi", "trucks/day", undefined,
    ["Import arrivals per day", "Import trucks that arrived during the measured period, divided by the measured days."],
    ["Xe nhập khẩu đến mỗi ngày", "Số xe nhập khẩu đến trong thời gian đo, chia cho số ngày đo."]),
  e("lostPerDay", "kpi", "trucks/day", "lower",
    ["Trucks turned away per day", "Trucks that left without crossing during the measured period: refused by a full line with no room to wait, or sent to an exit marked as lost (a diversion such as the railway), divided by the measured days."],
    ["Xe bị từ chối mỗi ngày", "Số xe rời đi mà không qua biên giới trong thời gian đo: bị từ chối vì hàng chờ đã đầy, hoặc được chuyển sang lối ra tính là mất (chuyển hướng, ví dụ sang đường sắt), chia cho số ngày đo."]),
  e("timeInSystemMinutesMean", "kpi", "minutes", "lower",
    ["Time in system, mean", "Mean time from a truck's arrival at the network's entry to its crossing (or exit), over the trucks that crossed during the measured period (a truck that arrived in the warm-up counts if it crossed after). Trucks still inside at the end are not in it."],
    ["Thời gian trong hệ thống, trung bình", "Thời gian trung bình từ khi xe đến điểm vào mạng lưới đến khi qua biên giới (hoặc ra khỏi mạng lưới), tính trên các xe qua biên giới trong thời gian đo (xe đến trong giai đoạn khởi động vẫn được tính nếu qua sau đó). Xe còn trong hệ thống lúc kết thúc không được tính."]),
  e("timeInSystemMinutesP50", "kpi", "minutes", "lower",
    ["Time in system, median", "Half the trucks that crossed during the measured period took less than this, from arrival to crossing (a fixed-memory quantile estimate)."],
    ["Thời gian trong hệ thống, trung vị", "Một nửa số xe qua biên giới trong thời gian đo mất ít hơn giá trị này, từ khi đến đến khi qua (ước lượng phân vị với bộ nhớ cố định)."]),
  e("timeInSystemMinutesP95", "kpi", "minutes", "lower",
    ["Time in system, 95th percentile", "95 % of the trucks that crossed during the measured period took less than this, from arrival to crossing."],
    ["Thời gian trong hệ thống, phân vị 95", "95 % số xe qua biên giới trong thời gian đo mất ít hơn giá trị này, từ khi đến đến khi qua."]),
  e("timeInSystemMinutesP99", "kpi", "minutes", "lower",
    ["Time in system, 99th percentile", "99 % of the trucks that crossed during the measured period took less than this, from arrival to crossing."],
    ["Thời gian trong hệ thống, phân vị 99", "99 % số xe qua biên giới trong thời gian đo mất ít hơn giá trị này, từ khi đến đến khi qua."]),
  e("timeInSystemMinutesMax", "kpi", "minutes", "lower",
    ["Time in system, longest", "The longest time from arrival to crossing of a truck that crossed during the measured period."],
    ["Thời gian trong hệ thống, dài nhất", "Thời gian dài nhất từ khi đến đến khi qua biên giới của một xe qua trong thời gian đo."]),
  e("exportTimeInSystemMinutesMean", "kpi", "minutes", "lower",
    ["Export time in system, mean", "Mean time from arrival to crossing of the export trucks that crossed during the measured period."],
    ["Thời gian xuất khẩu trong hệ thống, trung bình", "Thời gian trung bình từ khi đến đến khi qua biên giới của các xe xuất khẩu qua trong thời gian đo."]),
  e("importTimeInSystemMinutesMean", "kpi", "minutes", "lower",
    ["Import time in system, mean", "Mean time from arrival to crossing of the import trucks that crossed during the measured period."],
    ["Thời gian nhập khẩu trong hệ thống, trung bình", "Thời gian trung bình từ khi đến đến khi qua biên giới của các xe nhập khẩu qua trong thời gian đo."]),
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
  e("idleTruckHoursPerDay", "kpi", "truck-hours/day", "lower",
    ["Truck-hours idling per day", "Truck-hours spent in the zones the scenario marks as idling (waiting with the engine on: NH1A, the yard, the Chinese side in the shipped scenarios) over the measured period, divided by the measured days."],
    ["Số giờ xe chờ nổ máy mỗi ngày", "Tổng xe·giờ ở các vùng mà kịch bản đánh dấu là chờ nổ máy (QL1A, bãi của khu, phía Trung Quốc trong các kịch bản có sẵn) trong thời gian đo, chia cho số ngày đo."]),
  e("idleCo2KgPerDay", "kpi", "kg CO2/day", "lower",
    ["CO₂ from idling per day", "Idling truck-hours per day times the scenario's CO₂ per idling hour (`kpi.co2KgPerIdleHour`, an assumed factor)."],
    ["CO₂ do xe chờ mỗi ngày", "Số giờ xe chờ nổ máy mỗi ngày nhân với lượng CO₂ mỗi giờ chờ của kịch bản (`kpi.co2KgPerIdleHour`, một hệ số giả định)."]),
  e("appointmentOnTimeShare", "kpi", "share", "higher",
    ["Booked trucks on time", "Of the booked trucks that arrived during the measured period, the share that arrived within their slot widened by the tolerance on both sides; 0 when no booked truck arrived."],
    ["Xe đặt lịch đến đúng giờ", "Trong các xe đặt lịch đến trong thời gian đo, tỷ lệ xe đến trong khung giờ của mình (nới rộng bằng dung sai ở hai phía); bằng 0 khi không có xe đặt lịch nào đến."]),
  e("missedSlotsPerDay", "kpi", "trucks/day", "lower",
    ["Missed slots per day", "Booked trucks that arrived after their slot's end plus the tolerance, during the measured period, divided by the measured days."],
    ["Khung giờ bị lỡ mỗi ngày", "Số xe đặt lịch đến sau khi khung giờ kết thúc cộng dung sai, trong thời gian đo, chia cho số ngày đo."]),
  e("noShowsPerDay", "kpi", "trucks/day", "lower",
    ["No-shows per day", "Bookings made during the measured period whose truck never came (they take a slot's quota but never arrive), divided by the measured days."],
    ["Xe đặt lịch không đến mỗi ngày", "Số lượt đặt lịch trong thời gian đo mà xe không bao giờ đến (chiếm hạn mức của khung giờ nhưng không đến), chia cho số ngày đo."]),
  e("perishableOverThresholdShare", "kpi", "share", "lower",
    ["Perishables over the waiting limit", "Of the perishable loads that crossed during the measured period, the share whose time in system exceeded the scenario's limit (`kpi.perishableThresholdHours`, 24 h by default)."],
    ["Hàng dễ hỏng chờ quá ngưỡng", "Trong các lô hàng dễ hỏng qua biên giới trong thời gian đo, tỷ lệ lô có thời gian trong hệ thống vượt ngưỡng của kịch bản (`kpi.perishableThresholdHours`, mặc định 24 giờ)."]),
  e("perishableOverThresholdPerDay", "kpi", "trucks/day", "lower",
    ["Perishables over the limit per day", "Perishable loads that crossed during the measured period after more than the waiting limit, divided by the measured days."],
    ["Hàng dễ hỏng quá ngưỡng mỗi ngày", "Số lô hàng dễ hỏng qua biên giới trong thời gian đo sau thời gian chờ vượt ngưỡng, chia cho số ngày đo."]),
  e("dwellLimitExceededPerDay", "kpi", "trucks/day", "lower",
    ["Dwell limit exceeded per day", "Trucks that finished service at a stage with a dwell limit later than the limit after their arrival in the network (at the transshipment docks: after their partner was called), summed over stages, during the measured period, divided by the measured days."],
    ["Quá thời hạn lưu bãi mỗi ngày", "Số xe hoàn tất phục vụ tại một công đoạn có thời hạn lưu bãi muộn hơn thời hạn tính từ khi đến mạng lưới (tại vị trí sang tải: từ khi gọi xe đối ứng), cộng qua các công đoạn, trong thời gian đo, chia cho số ngày đo."]),
  e("backlogEndOfDayMean", "kpi", "trucks", "lower",
    ["Backlog at end of day, mean", "Trucks that had arrived but neither crossed nor left, counted at the end of each measured day, averaged over those days (at the end of the run when no full day was measured)."],
    ["Tồn đọng cuối ngày, trung bình", "Số xe đã đến nhưng chưa qua biên giới và chưa rời đi, đếm vào cuối mỗi ngày đo, lấy trung bình qua các ngày đó (lúc kết thúc khi chưa đo trọn ngày nào)."]),
  e("backlogEndOfDayMax", "kpi", "trucks", "lower",
    ["Backlog at end of day, most", "The largest end-of-day backlog over the measured days."],
    ["Tồn đọng cuối ngày, nhiều nhất", "Tồn đọng cuối ngày lớn nhất qua các ngày đo."]),
  e("clearedPerDayMax", "kpi", "trucks/day", "higher",
    ["Trucks cleared on the busiest day", "Most trucks that crossed in one measured day, both directions."],
    ["Xe thông quan trong ngày cao nhất", "Số xe qua biên giới nhiều nhất trong một ngày đo, cả hai chiều."]),
  e("vnQueueTrucksMax", "kpi", "trucks", "lower",
    ["Trucks queued on the Vietnamese side, most", "The largest number of trucks on NH1A and in the park yard together (the `nh1a` and `yard` zones), read at each sampling step of the measured period: the figure congestion reports count."],
    ["Xe chờ phía Việt Nam, nhiều nhất", "Số xe lớn nhất trên QL1A và trong bãi của khu cộng lại (vùng `nh1a` và `yard`), đọc tại mỗi bước lấy mẫu trong thời gian đo: con số mà các báo cáo ùn tắc đếm."]),
  e("inSystemAtEnd", "kpi", "trucks", undefined,
    ["Trucks in the system at the end", "Trucks that had arrived and were still in the network when the run ended (neither crossed and gone, nor left)."],
    ["Xe còn trong hệ thống lúc kết thúc", "Số xe đã đến và vẫn còn trong mạng lưới khi kết thúc lần chạy (chưa qua và rời đi, cũng chưa rời đi theo lối khác)."]),
  e("transshipPartnersPerDay", "kpi", "trucks/day", "higher",
    ["Receiving trucks served per day", "Trucks of the other country whose transfer at the transshipment docks finished during the measured period, divided by the measured days. Only in scenarios with a transshipment rendezvous, as all partner figures."],
    ["Xe nhận hàng được phục vụ mỗi ngày", "Số xe của nước bên kia hoàn tất sang tải tại vị trí sang tải trong thời gian đo, chia cho số ngày đo. Chỉ có ở kịch bản có ghép xe sang tải, như mọi số liệu về xe đối ứng."]),
  e("partnerWaitMinutesMean", "kpi", "minutes", "lower",
    ["Receiving truck wait, mean", "Mean time from a receiving truck's arrival to the start of its transfer at the docks."],
    ["Thời gian chờ của xe nhận hàng, trung bình", "Thời gian trung bình từ khi xe nhận hàng đến đến khi bắt đầu sang tải tại vị trí sang tải."]),
  e("loadedWaitForPartnerMinutesMean", "kpi", "minutes", "lower",
    ["Loaded truck wait for its partner, mean", "Mean time a loaded truck at the docks waited for its receiving truck to arrive (0 when the partner was already there)."],
    ["Thời gian xe có hàng chờ xe đối ứng, trung bình", "Thời gian trung bình xe có hàng tại vị trí sang tải chờ xe nhận hàng đến (bằng 0 khi xe đối ứng đã có mặt)."]),
  e("loadedWaitingForPartnerMean", "kpi", "trucks", "lower",
    ["Loaded trucks waiting for a partner, mean", "Time-weighted mean number of loaded trucks at the docks waiting for their receiving truck."],
    ["Xe có hàng chờ xe đối ứng, trung bình", "Số xe có hàng trung bình theo thời gian tại vị trí sang tải đang chờ xe nhận hàng."]),
  e("loadedWaitingForPartnerMax", "kpi", "trucks", "lower",
    ["Loaded trucks waiting for a partner, most", "Most loaded trucks waiting for their receiving truck at any moment."],
    ["Xe có hàng chờ xe đối ứng, nhiều nhất", "Số xe có hàng chờ xe nhận hàng nhiều nhất tại một thời điểm."]),
  e("partnerYardTrucksMean", "kpi", "trucks", undefined,
    ["Receiving trucks in the yard, mean", "Time-weighted mean number of receiving trucks in the partner stalls of the yard."],
    ["Xe nhận hàng trong bãi, trung bình", "Số xe nhận hàng trung bình theo thời gian trong các chỗ dành cho xe đối ứng của bãi."]),
  e("partnerYardTrucksMax", "kpi", "trucks", undefined,
    ["Receiving trucks in the yard, most", "Most receiving trucks in the partner stalls at any moment."],
    ["Xe nhận hàng trong bãi, nhiều nhất", "Số xe nhận hàng nhiều nhất trong các chỗ dành cho xe đối ứng tại một thời điểm."]),
  e("partnerOutsideTrucksMean", "kpi", "trucks", "lower",
    ["Receiving trucks waiting outside, mean", "Time-weighted mean number of receiving trucks waiting outside because the partner stalls were full."],
    ["Xe nhận hàng chờ bên ngoài, trung bình", "Số xe nhận hàng trung bình theo thời gian phải chờ bên ngoài vì các chỗ dành cho xe đối ứng đã đầy."]),
  e("partnerOutsideTrucksMax", "kpi", "trucks", "lower",
    ["Receiving trucks waiting outside, most", "Most receiving trucks waiting outside at any moment."],
    ["Xe nhận hàng chờ bên ngoài, nhiều nhất", "Số xe nhận hàng chờ bên ngoài nhiều nhất tại một thời điểm."]),
  e("partnerDwellLimitExceededPerDay", "kpi", "trucks/day", "lower",
    ["Receiving trucks over the dwell limit per day", "Receiving trucks whose transfer ended later than the rendezvous dwell limit after their arrival, during the measured period, divided by the measured days."],
    ["Xe nhận hàng quá thời hạn lưu bãi mỗi ngày", "Số xe nhận hàng kết thúc sang tải muộn hơn thời hạn lưu bãi của việc ghép xe tính từ khi đến, trong thời gian đo, chia cho số ngày đo."]),
  e("partnersUnmatchedPerDay", "kpi", "trucks/day", "lower",
    ["Receiving trucks left unmatched per day", "Receiving trucks that went home without a transfer because their loaded truck left another way (turned away or diverted), during the measured period, divided by the measured days."],
    ["Xe nhận hàng không ghép được mỗi ngày", "Số xe nhận hàng phải về không vì xe có hàng của nó đã rời đi theo lối khác (bị từ chối hoặc chuyển hướng), trong thời gian đo, chia cho số ngày đo."]),
  e("transshipDwellViolationsPerDay", "kpi", "trucks/day", "lower",
    ["Transshipment dwell-limit violations per day", "Loaded trucks over the docks' dwell limit plus receiving trucks over theirs, per measured day."],
    ["Vi phạm thời hạn lưu bãi khi sang tải mỗi ngày", "Số xe có hàng quá thời hạn lưu bãi tại vị trí sang tải cộng số xe nhận hàng quá thời hạn của chúng, mỗi ngày đo."]),
  e("laneGroup<n>.shiftMean", "kpi", "lanes", undefined,
    ["Lanes shifted between directions, mean", "Time-weighted mean number of lanes the lane-allocation policy has lent from one stage of lane group <n> (counted from 0) to the other, signed by direction; 0 with fixed lanes."],
    ["Số làn chuyển đổi chiều, trung bình", "Số làn trung bình theo thời gian mà chính sách phân bổ làn cho mượn giữa hai công đoạn của nhóm làn <n> (đếm từ 0), có dấu theo chiều; bằng 0 khi làn cố định."]),
  e("stages.<id>.utilization", "stage", "share", undefined,
    ["Stage utilization", "Busy share of the capacity in force at stage <id> over the measured period: servers serving or held by a truck that cannot move on yet, over the servers open (for a holding area, the occupied share of its stalls); 0 for travel delays and exits."],
    ["Mức sử dụng của công đoạn", "Tỷ lệ bận trên năng lực đang có của công đoạn <id> trong thời gian đo: chỗ phục vụ đang phục vụ hoặc bị giữ bởi xe chưa đi tiếp được, trên số chỗ đang mở (với khu chờ, tỷ lệ chỗ đỗ đang có xe); bằng 0 với đoạn di chuyển và điểm ra."]),
  e("stages.<id>.waitMinutesMean", "stage", "minutes", "lower",
    ["Stage wait, mean", "Mean wait in the line of stage <id> of the trucks that started service there during the measured period."],
    ["Thời gian chờ tại công đoạn, trung bình", "Thời gian chờ trung bình trong hàng của công đoạn <id>, của các xe bắt đầu được phục vụ tại đó trong thời gian đo."]),
  e("stages.<id>.queueLengthMean", "stage", "trucks", "lower",
    ["Stage line, mean", "Time-weighted mean number of trucks waiting in the line of stage <id>."],
    ["Hàng chờ tại công đoạn, trung bình", "Số xe trung bình theo thời gian đang chờ trong hàng của công đoạn <id>."]),
  e("stages.<id>.queueLengthMax", "stage", "trucks", "lower",
    ["Stage line, longest", "Most trucks waiting in the line of stage <id> at any moment."],
    ["Hàng chờ tại công đoạn, dài nhất", "Số xe chờ nhiều nhất trong hàng của công đoạn <id> tại một thời điểm."]),
  e("stages.<id>.throughput", "stage", "trucks", "higher",
    ["Stage throughput", "Trucks that completed stage <id> during the measured period (a total, not per day)."],
    ["Thông lượng của công đoạn", "Số xe hoàn tất công đoạn <id> trong thời gian đo (tổng số, không chia theo ngày)."]),
];

/** The glossary entry of a KPI or stage-figure name (`zone.nh1a.trucksMean` finds the zone pattern). */
export function glossaryEntryOf(name: string): GlossaryEntry | undefined {
  return KPI_GLOSSARY.find((g) => {
    if (g.kind === "term") return false;
    if (!g.id.includes("<")) return g.id === name;
    const re = new RegExp(`^${g.id.replace(/[.]/g, "\\.").replace(/<id>/g, "[^.]+").replace(/<n>/g, "\\d+")}$`);
    return re.test(name);
  });
}
