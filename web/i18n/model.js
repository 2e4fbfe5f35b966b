/**
 * Names of the model's things in planners' words, English and Vietnamese: KPIs, units, stages, zones,
 * seasons, scenario parameters and shipped scenarios (see ../i18n.js).
 */
export const MODEL = {
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

  // KPI names
  zoneMean: { en: "Trucks {zone}, mean", vi: "Số xe {zone}, trung bình" },
  zoneMax: { en: "Trucks {zone}, most", vi: "Số xe {zone}, nhiều nhất" },
  kpiOther: { en: "Another figure", vi: "Chỉ số khác" },
  laneShift: {
    en: "Lanes shifted between directions (group {n}), mean",
    vi: "Số làn chuyển đổi chiều (nhóm {n}), trung bình",
  },
  exportShort: { en: "export", vi: "xuất" },
  importShort: { en: "import", vi: "nhập" },

  // Units
  "unit_trucks/day": { en: "trucks/day", vi: "xe/ngày" },
  unit_minutes: { en: "minutes", vi: "phút" },
  unit_hours: { en: "hours", vi: "giờ" },
  unit_trucks: { en: "trucks", vi: "xe" },
  unit_share: { en: "%", vi: "%" },
  "unit_truck-hours/day": { en: "truck-hours/day", vi: "xe·giờ/ngày" },
  "unit_kg CO2/day": { en: "kg CO₂/day", vi: "kg CO₂/ngày" },
  unit_lanes: { en: "lanes", vi: "làn" },
  unit_loads: { en: "loads", vi: "lô hàng" },
  "unit_loads/day": { en: "loads/day", vi: "lô hàng/ngày" },
  "unit_trains/day": { en: "trains/day", vi: "chuyến tàu/ngày" },
  unit_parcels: { en: "parcels", vi: "kiện hàng" },
  "unit_parcels/day": { en: "parcels/day", vi: "kiện hàng/ngày" },
  unit_units: { en: "units", vi: "thiết bị" },
  "unit_failures/day": { en: "failures/day", vi: "lần hỏng/ngày" },
  unit_members: { en: "staff", vi: "người" },
  unit_servers: { en: "servers", vi: "chỗ phục vụ" },
  unit_days: { en: "days", vi: "ngày" },
  unit_date: { en: "date", vi: "ngày tháng" },
  unit_events: { en: "events", vi: "sự kiện" },
};
