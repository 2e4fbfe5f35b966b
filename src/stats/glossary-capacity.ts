/** KPI glossary, capacity that changes: lanes lent between directions, units that break down, shared staff. */
import { entry as e, type GlossaryEntry } from "./glossary-entry.js";

// biome-ignore format: a data table, one entry per block, reads best unwrapped
export const GLOSSARY_CAPACITY: readonly GlossaryEntry[] = [
  e("laneGroup<n>.shiftMean", "kpi", "lanes", undefined,
    ["Lanes shifted between directions, mean", "Time-weighted mean number of lanes the lane-allocation policy has lent from one stage of lane group <n> (counted from 0) to the other, signed by direction; 0 with fixed lanes."],
    ["Số làn chuyển đổi chiều, trung bình", "Số làn trung bình theo thời gian mà chính sách phân bổ làn cho mượn giữa hai công đoạn của nhóm làn <n> (đếm từ 0), có dấu theo chiều; bằng 0 khi làn cố định."]),
];
