/**
 * Every word the dashboard shows, in English and Vietnamese, in one dictionary. Markup carries
 * `data-i18n="key"` (text) or `data-i18n-aria="key"` (aria-label); views call `t(key)` when they render.
 */

const STORAGE_KEY = "gatesim.lang";

/** The dictionary: one entry per key, each with `en` and `vi`. */
export const DICT = {
  appTitle: {
    en: "Hữu Nghị – Youyi Guan smart gate simulator",
    vi: "Mô phỏng cửa khẩu thông minh Hữu Nghị – Hữu Nghị Quan",
  },
  appSubtitle: {
    en: "Truck flows through the Lạng Sơn border gate, with 95 % intervals across replications",
    vi: "Dòng xe tải qua cửa khẩu Lạng Sơn, với khoảng tin cậy 95 % qua các lần lặp",
  },
  mainNav: { en: "Main sections", vi: "Các mục chính" },
  navLaunch: { en: "Launch", vi: "Chạy mô phỏng" },
  navResults: { en: "Results", vi: "Kết quả" },
  navCompare: { en: "Compare", vi: "So sánh" },
  navHistory: { en: "Run history", vi: "Lịch sử chạy" },
  language: { en: "Language", vi: "Ngôn ngữ" },
  skipToContent: { en: "Skip to content", vi: "Chuyển đến nội dung" },

  // Launch
  launchTitle: { en: "Launch a run", vi: "Chạy một kịch bản" },
  scenario: { en: "Scenario", vi: "Kịch bản" },
  scenarioLoading: { en: "Loading scenarios…", vi: "Đang tải kịch bản…" },
  volumes: { en: "Volumes", vi: "Lưu lượng xe" },
  exportPerDay: { en: "Export trucks per day (VN → CN)", vi: "Xe xuất khẩu mỗi ngày (VN → TQ)" },
  importPerDay: { en: "Import trucks per day (CN → VN)", vi: "Xe nhập khẩu mỗi ngày (TQ → VN)" },
  capacity: { en: "Lanes and units", vi: "Làn và thiết bị" },
  smartGateLanes: { en: "Smart Gate lanes", vi: "Số làn cửa khẩu thông minh" },
  xrayUnits: { en: "X-ray units", vi: "Số máy soi X-quang" },
  servers: { en: "servers", vi: "chỗ phục vụ" },
  appointments: { en: "Appointments", vi: "Đặt lịch hẹn" },
  appointmentShare: { en: "Share of trucks booking a slot (%)", vi: "Tỷ lệ xe đặt lịch (%)" },
  quotaPerSlot: { en: "Quota per slot (trucks)", vi: "Hạn mức mỗi khung giờ (xe)" },
  openingHours: { en: "Opening hours (local time)", vi: "Giờ mở cửa (giờ địa phương)" },
  open24h: { en: "Open 24 hours", vi: "Mở cửa 24 giờ" },
  opensAt: { en: "Opens at", vi: "Giờ mở" },
  closesAt: { en: "Closes at", vi: "Giờ đóng" },
  transshipment: { en: "Transshipment", vi: "Sang tải" },
  transshipTech: { en: "Transshipment technology", vi: "Công nghệ sang tải" },
  techAsScenario: { en: "As in the scenario", vi: "Theo kịch bản" },
  techAutomated: { en: "Automated conveyors (30–40 min)", vi: "Băng tải tự động (30–40 phút)" },
  techManual: { en: "Manual (about 3 h)", vi: "Thủ công (khoảng 3 giờ)" },
  transshipDocks: { en: "Transshipment docks", vi: "Số vị trí sang tải" },
  chinaLanes: { en: "Youyi Guan lanes", vi: "Số làn Hữu Nghị Quan" },
  chinaSide: { en: "Chinese side", vi: "Phía Trung Quốc" },
  chinaAcceptance: {
    en: "Youyi Guan acceptance cap (trucks/day, empty = none)",
    vi: "Giới hạn tiếp nhận Hữu Nghị Quan (xe/ngày, để trống = không)",
  },
  experiment: { en: "Experiment", vi: "Thí nghiệm" },
  replications: { en: "Replications", vi: "Số lần lặp" },
  seed: { en: "Seed", vi: "Hạt giống ngẫu nhiên" },
  horizonDays: { en: "Horizon (days)", vi: "Số ngày mô phỏng" },
  warmupDays: { en: "Warm-up (days)", vi: "Số ngày khởi động" },
  launch: { en: "Launch run", vi: "Bắt đầu chạy" },
  launching: { en: "Launching…", vi: "Đang gửi…" },
  overridesPreview: { en: "Changes sent to the simulator", vi: "Các thay đổi gửi tới bộ mô phỏng" },
  noOverrides: { en: "No changes: the scenario as shipped.", vi: "Không thay đổi: kịch bản gốc." },
  progress: { en: "Progress", vi: "Tiến độ" },
  replicationsDone: { en: "replications done", vi: "lần lặp đã xong" },
  cancel: { en: "Cancel run", vi: "Hủy lần chạy" },
  viewResults: { en: "View results", vi: "Xem kết quả" },
  error: { en: "Error", vi: "Lỗi" },

  // Statuses
  status: { en: "Status", vi: "Trạng thái" },
  status_queued: { en: "Queued", vi: "Đang chờ" },
  status_running: { en: "Running", vi: "Đang chạy" },
  status_succeeded: { en: "Succeeded", vi: "Thành công" },
  status_failed: { en: "Failed", vi: "Thất bại" },
  status_cancelled: { en: "Cancelled", vi: "Đã hủy" },
  status_interrupted: { en: "Interrupted", vi: "Bị gián đoạn" },

  // Results
  resultsTitle: { en: "Results", vi: "Kết quả" },
  noRunSelected: {
    en: "No run selected. Launch one, or open one from the run history.",
    vi: "Chưa chọn lần chạy nào. Hãy chạy mới hoặc mở từ lịch sử chạy.",
  },
  runNotFinished: { en: "This run has not finished yet.", vi: "Lần chạy này chưa kết thúc." },
  runSummary: {
    en: "{reps} replications, seed {seed}, {days} days measured after {warmup} days of warm-up",
    vi: "{reps} lần lặp, hạt giống {seed}, đo {days} ngày sau {warmup} ngày khởi động",
  },
  dailyThroughput: { en: "Daily throughput", vi: "Thông lượng hằng ngày" },
  dailyThroughputNote: {
    en: "Trucks cleared per day by direction; the band is the 95 % interval across replications.",
    vi: "Số xe thông quan mỗi ngày theo chiều; dải màu là khoảng tin cậy 95 % qua các lần lặp.",
  },
  day: { en: "Day", vi: "Ngày" },
  trucksPerDay: { en: "Trucks per day", vi: "Xe mỗi ngày" },
  timeInSystem: { en: "Time in system", vi: "Thời gian trong hệ thống" },
  timeInSystemNote: {
    en: "From arrival on NH1A to crossing or exit: share of trucks through within a given time (from the reported quantiles, with 95 % intervals).",
    vi: "Từ khi đến QL1A đến khi qua biên giới hoặc rời đi: tỷ lệ xe đã qua trong một khoảng thời gian (từ các phân vị, kèm khoảng tin cậy 95 %).",
  },
  minutes: { en: "Minutes", vi: "Phút" },
  hours: { en: "Hours", vi: "Giờ" },
  shareThrough: { en: "Share of trucks through (%)", vi: "Tỷ lệ xe đã qua (%)" },
  queuesTitle: { en: "Queues over time", vi: "Hàng đợi theo thời gian" },
  queuesNote: {
    en: "Trucks waiting, sampled through the measured period; the band is the 95 % interval across replications.",
    vi: "Số xe đang chờ theo thời gian đo; dải màu là khoảng tin cậy 95 % qua các lần lặp.",
  },
  nh1aQueue: { en: "Queue on NH1A", vi: "Hàng đợi trên QL1A" },
  yardOccupancy: { en: "Trucks in the yards", vi: "Xe trong bãi" },
  inSystem: { en: "Trucks in the system", vi: "Xe trong hệ thống" },
  trucks: { en: "Trucks", vi: "Xe" },
  dayOfRun: { en: "Day of the measured period", vi: "Ngày trong thời gian đo" },
  meanLabel: { en: "mean", vi: "trung bình" },
  band95: { en: "95 % band", vi: "dải 95 %" },
  utilizationTitle: { en: "Stage utilization", vi: "Mức sử dụng theo công đoạn" },
  utilizationNote: {
    en: "Busy share of the capacity in force, with 95 % intervals.",
    vi: "Tỷ lệ thời gian bận so với năng lực hiện có, kèm khoảng tin cậy 95 %.",
  },
  utilizationPct: { en: "Utilization (%)", vi: "Mức sử dụng (%)" },
  stage: { en: "Stage", vi: "Công đoạn" },
  kpisTitle: { en: "Key figures", vi: "Chỉ số chính" },
  kpi: { en: "Figure", vi: "Chỉ số" },
  mean: { en: "Mean", vi: "Trung bình" },
  interval95: { en: "95 % interval", vi: "Khoảng tin cậy 95 %" },
  unit: { en: "Unit", vi: "Đơn vị" },
  assumedInputs: { en: "Assumed inputs", vi: "Đầu vào giả định" },
  assumedInputsNote: {
    en: "No source gives these values; the figures above rest on them.",
    vi: "Không có nguồn nào cho các giá trị này; các số liệu ở trên phụ thuộc vào chúng.",
  },
  noAssumedInputs: { en: "None.", vi: "Không có." },
  schematicTitle: { en: "Gate schematic", vi: "Sơ đồ cửa khẩu" },
  schematicNote: {
    en: "Each stage is coloured by its utilization (or, for holding areas, by its mean queue).",
    vi: "Mỗi công đoạn được tô màu theo mức sử dụng (hoặc, với khu chờ, theo hàng đợi trung bình).",
  },
  noData: { en: "no data", vi: "không có số liệu" },
  queueShort: { en: "queue", vi: "chờ" },
  utilShort: { en: "util.", vi: "sử dụng" },
  exportDir: { en: "Export (VN → CN)", vi: "Xuất khẩu (VN → TQ)" },
  importDir: { en: "Import (CN → VN)", vi: "Nhập khẩu (TQ → VN)" },
  downloadJson: { en: "Download JSON", vi: "Tải JSON" },
  downloadCsv: { en: "Download CSV", vi: "Tải CSV" },
  legendLow: { en: "low", vi: "thấp" },
  legendHigh: { en: "high", vi: "cao" },

  // Schematic stage names
  st_nh1a: { en: "NH1A", vi: "QL1A" },
  st_yards: { en: "Holding yards", vi: "Bãi chờ" },
  st_smartGate: { en: "Smart Gate", vi: "Cửa khẩu thông minh" },
  st_channels: { en: "Customs channels", vi: "Phân luồng hải quan" },
  st_xray: { en: "X-ray", vi: "Soi X-quang" },
  st_inspection: { en: "Inspection", vi: "Kiểm tra thực tế" },
  st_quarantine: { en: "Quarantine", vi: "Kiểm dịch" },
  st_transship: { en: "Transshipment", vi: "Sang tải" },
  st_road: { en: "Specialized road", vi: "Đường chuyên dụng" },
  st_youyi: { en: "Youyi Guan (CN)", vi: "Hữu Nghị Quan (TQ)" },
  st_icd: { en: "ICD yard", vi: "Cảng cạn ICD" },

  // Series
  exportCleared: { en: "Export cleared", vi: "Xuất khẩu đã thông quan" },
  importCleared: { en: "Import cleared", vi: "Nhập khẩu đã thông quan" },
  arrivals: { en: "Arrivals", vi: "Xe đến" },
  backlogEndOfDay: { en: "Backlog at end of day", vi: "Tồn đọng cuối ngày" },

  // Compare
  compareTitle: { en: "Compare runs", vi: "So sánh các lần chạy" },
  compareHelp: {
    en: "Tick two or more finished runs with the same seed and replications (common random numbers); the first is the reference.",
    vi: "Chọn từ hai lần chạy đã xong trở lên có cùng hạt giống và số lần lặp (cùng số ngẫu nhiên); lần đầu tiên là mốc so sánh.",
  },
  compareSelected: { en: "Compare selected runs", vi: "So sánh các lần chạy đã chọn" },
  comparing: { en: "Comparing…", vi: "Đang so sánh…" },
  needTwoRuns: { en: "Pick at least two finished runs.", vi: "Hãy chọn ít nhất hai lần chạy đã xong." },
  reference: { en: "Reference", vi: "Mốc so sánh" },
  difference: { en: "Difference (B − A)", vi: "Chênh lệch (B − A)" },
  relative: { en: "Relative", vi: "Tương đối" },
  significance: { en: "Significant at 5 %?", vi: "Có ý nghĩa ở mức 5 %?" },
  significant: { en: "Significant", vi: "Có ý nghĩa" },
  notSignificant: { en: "Not significant", vi: "Không có ý nghĩa" },
  sideBySide: { en: "Side by side", vi: "Đặt cạnh nhau" },
  pairedDiffs: { en: "Paired differences", vi: "Chênh lệch theo cặp" },
  pairedDiffsNote: {
    en: "Relative difference against the reference with its 95 % interval; filled dots are significant.",
    vi: "Chênh lệch tương đối so với mốc, kèm khoảng tin cậy 95 %; chấm đặc là có ý nghĩa thống kê.",
  },
  relativeDiffPct: { en: "Relative difference (%)", vi: "Chênh lệch tương đối (%)" },
  showAllFigures: { en: "Show all {n} figures", vi: "Hiện tất cả {n} chỉ số" },
  showKeyFigures: { en: "Show key figures only", vi: "Chỉ hiện các chỉ số chính" },
  versus: { en: "vs", vi: "so với" },

  // History
  historyTitle: { en: "Run history", vi: "Lịch sử chạy" },
  refresh: { en: "Refresh", vi: "Làm mới" },
  run: { en: "Run", vi: "Lần chạy" },
  configHash: { en: "Configuration", vi: "Cấu hình" },
  configHashHelp: {
    en: "Hash of the scenario with its changes: equal hashes mean the same inputs",
    vi: "Mã băm của kịch bản cùng các thay đổi: mã giống nhau nghĩa là cùng đầu vào",
  },
  created: { en: "Created", vi: "Thời điểm tạo" },
  open: { en: "Open", vi: "Mở" },
  select: { en: "Select", vi: "Chọn" },
  selectRun: { en: "Select run {id} for comparison", vi: "Chọn lần chạy {id} để so sánh" },
  noRuns: { en: "No runs yet.", vi: "Chưa có lần chạy nào." },
  filterStatus: { en: "Filter by status", vi: "Lọc theo trạng thái" },
  allStatuses: { en: "All statuses", vi: "Mọi trạng thái" },
  days: { en: "days", vi: "ngày" },

  // KPI names
  kpi_throughputPerDay: { en: "Trucks cleared per day", vi: "Xe thông quan mỗi ngày" },
  kpi_exportThroughputPerDay: { en: "Export trucks cleared per day", vi: "Xe xuất khẩu thông quan mỗi ngày" },
  kpi_importThroughputPerDay: { en: "Import trucks cleared per day", vi: "Xe nhập khẩu thông quan mỗi ngày" },
  kpi_arrivalsPerDay: { en: "Arrivals per day", vi: "Xe đến mỗi ngày" },
  kpi_exportArrivalsPerDay: { en: "Export arrivals per day", vi: "Xe xuất khẩu đến mỗi ngày" },
  kpi_importArrivalsPerDay: { en: "Import arrivals per day", vi: "Xe nhập khẩu đến mỗi ngày" },
  kpi_lostPerDay: { en: "Trucks turned away per day", vi: "Xe bị từ chối mỗi ngày" },
  kpi_timeInSystemMinutesMean: { en: "Time in system, mean", vi: "Thời gian trong hệ thống, trung bình" },
  kpi_timeInSystemMinutesP50: { en: "Time in system, median", vi: "Thời gian trong hệ thống, trung vị" },
  kpi_timeInSystemMinutesP95: { en: "Time in system, 95th percentile", vi: "Thời gian trong hệ thống, phân vị 95" },
  kpi_timeInSystemMinutesP99: { en: "Time in system, 99th percentile", vi: "Thời gian trong hệ thống, phân vị 99" },
  kpi_timeInSystemMinutesMax: { en: "Time in system, longest", vi: "Thời gian trong hệ thống, dài nhất" },
  kpi_exportTimeInSystemMinutesMean: {
    en: "Export time in system, mean",
    vi: "Thời gian xuất khẩu trong hệ thống, trung bình",
  },
  kpi_importTimeInSystemMinutesMean: {
    en: "Import time in system, mean",
    vi: "Thời gian nhập khẩu trong hệ thống, trung bình",
  },
  kpi_nh1aQueueTrucksMean: { en: "Queue on NH1A, mean", vi: "Hàng đợi trên QL1A, trung bình" },
  kpi_nh1aQueueTrucksMax: { en: "Queue on NH1A, longest", vi: "Hàng đợi trên QL1A, dài nhất" },
  kpi_yardOccupancyMean: { en: "Trucks in the yards, mean", vi: "Xe trong bãi, trung bình" },
  kpi_yardOccupancyMax: { en: "Trucks in the yards, most", vi: "Xe trong bãi, nhiều nhất" },
  kpi_idleTruckHoursPerDay: { en: "Truck-hours idling per day", vi: "Số giờ xe chờ nổ máy mỗi ngày" },
  kpi_idleCo2KgPerDay: { en: "CO₂ from idling per day", vi: "CO₂ do xe chờ mỗi ngày" },
  kpi_appointmentOnTimeShare: { en: "Booked trucks on time", vi: "Xe đặt lịch đến đúng giờ" },
  kpi_missedSlotsPerDay: { en: "Missed slots per day", vi: "Khung giờ bị lỡ mỗi ngày" },
  kpi_noShowsPerDay: { en: "No-shows per day", vi: "Xe đặt lịch không đến mỗi ngày" },
  kpi_perishableOverThresholdShare: { en: "Perishables over the waiting limit", vi: "Hàng dễ hỏng chờ quá ngưỡng" },
  kpi_perishableOverThresholdPerDay: {
    en: "Perishables over the limit per day",
    vi: "Hàng dễ hỏng quá ngưỡng mỗi ngày",
  },
  kpi_dwellLimitExceededPerDay: { en: "Dwell limit exceeded per day", vi: "Quá thời hạn lưu bãi mỗi ngày" },
  kpi_backlogEndOfDayMean: { en: "Backlog at end of day, mean", vi: "Tồn đọng cuối ngày, trung bình" },
  kpi_backlogEndOfDayMax: { en: "Backlog at end of day, most", vi: "Tồn đọng cuối ngày, nhiều nhất" },
  kpi_clearedPerDayMax: { en: "Trucks cleared on the busiest day", vi: "Xe thông quan trong ngày cao nhất" },
  kpi_vnQueueTrucksMax: { en: "Trucks queued on the Vietnamese side, most", vi: "Xe chờ phía Việt Nam, nhiều nhất" },
  kpi_transshipPartnersPerDay: { en: "Receiving trucks served per day", vi: "Xe nhận hàng được phục vụ mỗi ngày" },
  kpi_partnerWaitMinutesMean: { en: "Receiving truck wait, mean", vi: "Thời gian chờ của xe nhận hàng, trung bình" },
  kpi_loadedWaitForPartnerMinutesMean: {
    en: "Loaded truck wait for its partner, mean",
    vi: "Thời gian xe có hàng chờ xe đối ứng, trung bình",
  },
  kpi_loadedWaitingForPartnerMean: {
    en: "Loaded trucks waiting for a partner, mean",
    vi: "Xe có hàng chờ xe đối ứng, trung bình",
  },
  kpi_loadedWaitingForPartnerMax: {
    en: "Loaded trucks waiting for a partner, most",
    vi: "Xe có hàng chờ xe đối ứng, nhiều nhất",
  },
  kpi_partnerYardTrucksMean: { en: "Receiving trucks in the yard, mean", vi: "Xe nhận hàng trong bãi, trung bình" },
  kpi_partnerYardTrucksMax: { en: "Receiving trucks in the yard, most", vi: "Xe nhận hàng trong bãi, nhiều nhất" },
  kpi_partnerOutsideTrucksMean: {
    en: "Receiving trucks waiting outside, mean",
    vi: "Xe nhận hàng chờ bên ngoài, trung bình",
  },
  kpi_partnerOutsideTrucksMax: {
    en: "Receiving trucks waiting outside, most",
    vi: "Xe nhận hàng chờ bên ngoài, nhiều nhất",
  },
  kpi_partnerDwellLimitExceededPerDay: {
    en: "Receiving trucks over the dwell limit per day",
    vi: "Xe nhận hàng quá thời hạn lưu bãi mỗi ngày",
  },
  kpi_partnersUnmatchedPerDay: {
    en: "Receiving trucks left unmatched per day",
    vi: "Xe nhận hàng không ghép được mỗi ngày",
  },
  kpi_transshipDwellViolationsPerDay: {
    en: "Transshipment dwell-limit violations per day",
    vi: "Vi phạm thời hạn lưu bãi khi sang tải mỗi ngày",
  },
  zoneMean: { en: "Trucks in zone {zone}, mean", vi: "Xe trong khu {zone}, trung bình" },
  zoneMax: { en: "Trucks in zone {zone}, most", vi: "Xe trong khu {zone}, nhiều nhất" },
  laneShift: {
    en: "Lanes shifted between directions (group {n}), mean",
    vi: "Số làn chuyển đổi chiều (nhóm {n}), trung bình",
  },
  exportShort: { en: "export", vi: "xuất" },
  importShort: { en: "import", vi: "nhập" },
  kpi_inSystemAtEnd: { en: "Trucks in the system at the end", vi: "Xe còn trong hệ thống lúc kết thúc" },

  // Units
  "unit_trucks/day": { en: "trucks/day", vi: "xe/ngày" },
  unit_minutes: { en: "minutes", vi: "phút" },
  unit_trucks: { en: "trucks", vi: "xe" },
  unit_share: { en: "%", vi: "%" },
  "unit_truck-hours/day": { en: "truck-hours/day", vi: "xe·giờ/ngày" },
  "unit_kg CO2/day": { en: "kg CO₂/day", vi: "kg CO₂/ngày" },
  unit_lanes: { en: "lanes", vi: "làn" },
};

let lang = "en";
try {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === "en" || saved === "vi") lang = saved;
} catch {
  // Storage can be unavailable (privacy mode); English is the default.
}

/** The current language, "en" or "vi". */
export function getLang() {
  return lang;
}

/** Switches the language, remembers it, and relabels the static markup. */
export function setLang(next) {
  lang = next === "vi" ? "vi" : "en";
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered; still switched.
  }
  document.documentElement.lang = lang;
  applyI18n(document);
}

/** The word for `key` in the current language, with `{name}` placeholders filled from `vars`. */
export function t(key, vars) {
  const entry = DICT[key];
  let s = entry ? entry[lang] : key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** True when the dictionary knows `key`. */
export function has(key) {
  return Object.hasOwn(DICT, key);
}

/** A KPI's planner name, or the raw name when the dictionary does not know it. */
export function kpiName(name) {
  if (has(`kpi_${name}`)) return t(`kpi_${name}`);
  const zone = /^zone\.(.+)\.trucks(Mean|Max)$/.exec(name);
  if (zone) return t(zone[2] === "Mean" ? "zoneMean" : "zoneMax", { zone: zone[1] });
  const lanes = /^laneGroup(\d+)\.shiftMean$/.exec(name);
  if (lanes) return t("laneShift", { n: Number(lanes[1]) + 1 });
  return name;
}

/** A unit in the current language. */
export function unitName(unit) {
  return has(`unit_${unit}`) ? t(`unit_${unit}`) : unit;
}

/** Fills text and aria-labels of every element under `root` that names a dictionary key. */
export function applyI18n(root) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-aria]")) el.setAttribute("aria-label", t(el.dataset.i18nAria));
  for (const el of root.querySelectorAll("[data-i18n-title]")) el.setAttribute("title", t(el.dataset.i18nTitle));
}

/** Formats a number for planners in the current language (about 3–4 significant digits). */
export function fmt(x, digits) {
  if (x === null || x === undefined || Number.isNaN(x)) return "–";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  const ax = Math.abs(x);
  const d = digits ?? (ax >= 100 ? 0 : ax >= 10 ? 1 : ax >= 1 ? 2 : 3);
  return x.toLocaleString(lang === "vi" ? "vi-VN" : "en-GB", { minimumFractionDigits: 0, maximumFractionDigits: d });
}
