/** KPI glossary, the terms of the reports: replication, seed, warm-up, 95 % interval, time in system, wait, blocked, zone. */
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
  e("timeInSystem", "term", "", undefined,
    ["Time in system", "Defined once per direction: it starts when a truck enters the network at its direction's entry stage and ends when it passes the first stage marked as crossing on its route (or, with none, leaves at an exit that is not lost). Exports: from arrival on NH1A to the end of Chinese acceptance; imports: from joining the Chinese release line to leaving the park or entering the ICD yard. Every result names these stages for its own network (`timeInSystemSpans`)."],
    ["Thời gian trong hệ thống", "Được định nghĩa một lần cho mỗi chiều: bắt đầu khi xe vào mạng lưới tại công đoạn vào của chiều đó và kết thúc khi xe qua công đoạn đầu tiên được đánh dấu là qua biên giới trên tuyến của nó (hoặc, nếu không có, khi rời đi tại một lối ra không phải lối mất). Xe xuất: từ khi đến QL1A đến khi phía Trung Quốc tiếp nhận xong; xe nhập: từ khi vào hàng chờ cho xe đi phía Trung Quốc đến khi rời khu hoặc vào bãi ICD. Mỗi kết quả nêu các công đoạn này cho mạng lưới của nó (`timeInSystemSpans`)."]),
  e("wait", "term", "", undefined,
    ["Wait", "A truck's time in system minus its time in service and travelling: time in lines, blocked at a server, waiting for a yard stall or for its transshipment partner."],
    ["Thời gian chờ", "Thời gian trong hệ thống của xe trừ thời gian được phục vụ và di chuyển: thời gian xếp hàng, bị chặn tại chỗ phục vụ, chờ chỗ đỗ trong bãi hoặc chờ xe đối ứng sang tải."]),
  e("blocked", "term", "", undefined,
    ["Blocked", "A server is blocked while a truck that finished there still holds it because the next line or yard is full: a full yard stops the gate before it and the queue backs up onto NH1A. Blocked time is neither work nor free time."],
    ["Bị chặn", "Một chỗ phục vụ bị chặn khi xe đã xong tại đó vẫn giữ nó vì hàng chờ hoặc bãi kế tiếp đã đầy: bãi đầy làm cổng trước nó ngừng lại và hàng xe dồn ra QL1A. Thời gian bị chặn không phải thời gian làm việc cũng không phải thời gian rảnh."]),
  e("zone", "term", "", undefined,
    ["Zone", "A place where trucks stand, declared by the scenario, with a kind (queue: creeping with engines running, the only idling; parked: in a stall, engines off; moving: driving; stored: out of the flow), a side (Vietnamese, Chinese, or another crossing) and an area grouping zones."],
    ["Vùng", "Nơi xe đứng, do kịch bản khai báo, có loại (hàng chờ: nhích dần, nổ máy, loại duy nhất tính là chờ nổ máy; đỗ: trong chỗ đỗ, tắt máy; di chuyển: đang chạy; lưu kho: ngoài dòng xe), một phía (Việt Nam, Trung Quốc, hoặc cửa khẩu khác) và một khu vực gom các vùng."]),
];
