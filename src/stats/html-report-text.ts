/**
 * The words of the self-contained HTML report in English and Vietnamese: headings, the run's summary
 * sentence, chart axes and units. KPI and stage-figure names and definitions come from the glossary
 * (glossary*.ts), which holds both languages; this file holds only what the glossary does not.
 */

/** Languages the HTML report is written in. */
export const REPORT_LANGS = ["en", "vi"] as const;
/** A language of the HTML report. */
export type ReportLang = (typeof REPORT_LANGS)[number];

/** The summary sentence's parts (filled by the renderer). */
export interface ReportSummaryParts {
  scenario: string;
  hash: string;
  seed: string;
  replications: number;
  horizonDays: number;
  warmupDays: number;
  modelVersion: string;
}

/** Every string of the report outside the glossary. */
export interface ReportText {
  /** BCP 47 tag for `<html lang>` and number formatting. */
  locale: string;
  summary: (p: ReportSummaryParts) => string;
  bands: string;
  conservationHolds: string;
  conservationFailed: (replications: string) => string;
  changes: string;
  /** Heading of a run without a name. */
  runTitle: (seq: number, scenarioTitle: string) => string;
  setForThisRun: string;
  scenarioWas: string;
  headings: {
    daily: string;
    tis: string;
    queues: string;
    shares: string;
    stageLines: string;
    kpis: string;
    stages: string;
    assumed: string;
  };
  columns: { kpi: string; mean: string; ci: string; unit: string; figure: string };
  /** Axis labels and legend words of the charts (the page's script reads them). */
  charts: {
    noData: string;
    dayOfPeriod: string;
    day: string;
    localTime: string;
    stepEnd: string;
    trucksPerDay: string;
    trucks: string;
    trucksInLine: string;
    timeInSystem: string;
    shareOfCapacity: string;
    busy: string;
    blocked: string;
    idle: string;
  };
  /** Units as the glossary writes them, in this language (absent: printed as is). */
  units: Record<string, string>;
}

const EN: ReportText = {
  locale: "en",
  summary: (p) =>
    `Scenario <code>${p.scenario}</code> (hash <code>${p.hash}</code>), seed ${p.seed}, ${p.replications} replication(s) of ${p.horizonDays} simulated day(s), the first ${p.warmupDays} discarded as warm-up, model ${p.modelVersion}.`,
  bands:
    "Bands and bars show 95 % confidence intervals of the mean across replications. Every figure is defined in the KPI glossary (docs/kpis.md; hover a figure's name for its definition).",
  conservationHolds: "Truck conservation holds in every replication.",
  conservationFailed: (r) => `Truck conservation FAILED in replication(s) ${r}.`,
  changes: "Changes to the scenario",
  runTitle: (seq, title) => `Run ${seq}: ${title}`,
  setForThisRun: "set for this run",
  scenarioWas: "scenario",
  headings: {
    daily: "Daily throughput by direction",
    tis: "Time in system",
    queues: "Queue length over time",
    shares: "Stages: busy, blocked, idle",
    stageLines: "Stage lines over time",
    kpis: "Key figures",
    stages: "Stage figures (means)",
    assumed: "Assumed inputs",
  },
  columns: { kpi: "KPI", mean: "mean", ci: "95 % CI", unit: "unit", figure: "figure" },
  charts: {
    noData: "No data for this chart in this run.",
    dayOfPeriod: "day of the measured period",
    day: "day",
    localTime: "local time",
    stepEnd: "end of step (local time)",
    trucksPerDay: "trucks per day",
    trucks: "trucks",
    trucksInLine: "trucks in line (mean over the step)",
    timeInSystem: "time in system",
    shareOfCapacity: "share of the capacity in force (%)",
    busy: "busy",
    blocked: "blocked",
    idle: "idle",
  },
  units: {},
};

const VI: ReportText = {
  locale: "vi",
  summary: (p) =>
    `Kịch bản <code>${p.scenario}</code> (mã băm <code>${p.hash}</code>), hạt giống ${p.seed}, ${p.replications} lần lặp, mỗi lần ${p.horizonDays} ngày mô phỏng, bỏ ${p.warmupDays} ngày đầu để khởi động, mô hình ${p.modelVersion}.`,
  bands:
    "Dải màu và thanh cho khoảng tin cậy 95 % của giá trị trung bình giữa các lần lặp. Mọi chỉ số được định nghĩa trong bảng thuật ngữ (docs/kpis.md; rê chuột lên tên chỉ số để xem định nghĩa).",
  conservationHolds: "Bảo toàn số xe đúng trong mọi lần lặp.",
  conservationFailed: (r) => `Bảo toàn số xe KHÔNG đúng ở lần lặp ${r}.`,
  changes: "Thay đổi so với kịch bản",
  runTitle: (seq, title) => `Lần chạy ${seq}: ${title}`,
  setForThisRun: "đặt riêng cho lần chạy này",
  scenarioWas: "kịch bản",
  headings: {
    daily: "Lượng thông quan mỗi ngày theo chiều",
    tis: "Thời gian trong hệ thống",
    queues: "Độ dài hàng chờ theo thời gian",
    shares: "Công đoạn: bận, bị chặn, rảnh",
    stageLines: "Hàng chờ từng công đoạn theo thời gian",
    kpis: "Chỉ số chính",
    stages: "Số liệu công đoạn (trung bình)",
    assumed: "Giả định đầu vào",
  },
  columns: { kpi: "Chỉ số", mean: "trung bình", ci: "KTC 95 %", unit: "đơn vị", figure: "số liệu" },
  charts: {
    noData: "Lần chạy này không có dữ liệu cho biểu đồ này.",
    dayOfPeriod: "ngày của giai đoạn đo",
    day: "ngày",
    localTime: "giờ địa phương",
    stepEnd: "cuối bước (giờ địa phương)",
    trucksPerDay: "xe mỗi ngày",
    trucks: "xe",
    trucksInLine: "xe trong hàng chờ (trung bình của bước)",
    timeInSystem: "thời gian trong hệ thống",
    shareOfCapacity: "tỷ lệ năng lực đang có (%)",
    busy: "bận",
    blocked: "bị chặn",
    idle: "rảnh",
  },
  units: {
    "trucks/day": "xe/ngày",
    minutes: "phút",
    hours: "giờ",
    trucks: "xe",
    share: "tỷ lệ",
    "truck-hours/day": "xe·giờ/ngày",
    "kg CO2/day": "kg CO₂/ngày",
    lanes: "làn",
    loads: "lô hàng",
    "loads/day": "lô hàng/ngày",
    "trains/day": "chuyến tàu/ngày",
    parcels: "kiện hàng",
    "parcels/day": "kiện hàng/ngày",
    units: "thiết bị",
    "failures/day": "lần hỏng/ngày",
    members: "người",
    servers: "chỗ phục vụ",
    days: "ngày",
    date: "ngày tháng",
    events: "sự kiện",
    "trucks/h": "xe/giờ",
    "parcels/h": "kiện hàng/giờ",
  },
};

/** The report's words in `lang`. */
export function reportText(lang: ReportLang): ReportText {
  return lang === "vi" ? VI : EN;
}

/** The language a request asks for: `?lang=` first, then the best of Accept-Language, else English. */
export function reportLangOf(query: string | undefined, acceptLanguage: string | undefined): ReportLang {
  if (query === "vi" || query === "en") return query;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q.slice(2)) || 0, i };
    })
    .filter((x) => x.tag !== "" && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag === "vi" || tag.startsWith("vi-")) return "vi";
    if (tag === "en" || tag.startsWith("en-")) return "en";
  }
  return "en";
}
