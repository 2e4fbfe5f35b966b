/** KPI glossary, the figures of every stage (`stages.<id>.*`). */
import { entry as e, type GlossaryEntry } from "./glossary-entry.js";

// biome-ignore format: a data table, one entry per block, reads best unwrapped
export const GLOSSARY_STAGES: readonly GlossaryEntry[] = [
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
