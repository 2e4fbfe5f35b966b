/** KPI glossary, the terms of the reports: replication, seed, warm-up, 95 % interval. */
import { entry as e, type GlossaryEntry } from "./glossary-entry.js";

// biome-ignore format: a data table, one entry per block, reads best unwrapped
export const GLOSSARY_TERMS: readonly GlossaryEntry[] = [
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
];
