/**
 * Titles and descriptions of the shipped scenarios in English and Vietnamese (the scenario files are
 * English only). A scenario not listed here (an inline one) shows its own title.
 */
export const SCENARIO_TEXT = {
  "baseline-2026q1": {
    en: [
      "Baseline 2026 Q1 (conventional gate, manual transshipment)",
      "Today's operation at province scope: about 450 export and 1,220 import trucks a day, a conventional gate three times slower than the Smart Gate, transshipment by hand (about 3 h), no appointments, gates open 07:00–22:00 on both sides.",
    ],
    vi: [
      "Hiện trạng quý I/2026 (cổng thông thường, sang tải thủ công)",
      "Vận hành hiện nay trên toàn tỉnh: khoảng 450 xe xuất và 1.220 xe nhập mỗi ngày, cổng thông thường chậm gấp ba lần cổng thông minh, sang tải thủ công (khoảng 3 giờ), chưa đặt lịch hẹn, mở cửa 07:00–22:00 ở cả hai phía.",
    ],
  },
  "december-2021": {
    en: [
      "December 2021 congestion (Chinese clearance cut to about 350 a day)",
      "Chinese-side clearance cut to 300–400 trucks a day with normal arrivals: thousands of trucks queue on NH1A within days.",
    ],
    vi: [
      "Ùn tắc tháng 12/2021 (phía Trung Quốc chỉ thông quan khoảng 350 xe/ngày)",
      "Phía Trung Quốc chỉ thông quan 300–400 xe mỗi ngày trong khi xe vẫn đến như thường: hàng nghìn xe xếp hàng trên QL1A chỉ sau vài ngày.",
    ],
  },
  "fruit-season": {
    en: [
      "Fruit season surge against a Chinese acceptance cap",
      "Export surge of the fruit season while the Chinese side accepts at most a fixed number of export trucks a day.",
    ],
    vi: [
      "Cao điểm mùa trái cây với giới hạn tiếp nhận của Trung Quốc",
      "Xe xuất khẩu tăng mạnh vào mùa trái cây trong khi phía Trung Quốc chỉ tiếp nhận một số xe xuất cố định mỗi ngày.",
    ],
  },
  "huu-nghi-2024": {
    en: [
      "Hữu Nghị gate alone, 2024 (conventional gate, manual transshipment)",
      "The Hữu Nghị gate pair on its own, as in 2023–24: 620–860 trucks cleared a day.",
    ],
    vi: [
      "Riêng cửa khẩu Hữu Nghị, 2024 (cổng thông thường, sang tải thủ công)",
      "Riêng cặp cửa khẩu Hữu Nghị như giai đoạn 2023–2024: thông quan 620–860 xe mỗi ngày.",
    ],
  },
  "rail-diversion": {
    en: [
      "Rail diversion (15 % of trucks to the Đồng Đăng railway)",
      "A share of the trucks moved to the Đồng Đăng railway.",
    ],
    vi: [
      "Chuyển sang đường sắt (15 % số xe sang ga Đồng Đăng)",
      "Một phần lượng xe được chuyển sang tuyến đường sắt Đồng Đăng.",
    ],
  },
  "smart-gate-2026": {
    en: [
      "Smart Gate 2026 (appointments, Ultraview, Smart Gate, automated transshipment)",
      "Appointments, Ultraview plate reading on NH1A, Smart Gate lanes three times faster, automated transshipment in 30–40 minutes, tidal lanes at Youyi Guan.",
    ],
    vi: [
      "Cửa khẩu thông minh 2026 (đặt lịch, Ultraview, cổng thông minh, sang tải tự động)",
      "Đặt lịch hẹn, camera Ultraview đọc biển số trên QL1A, làn cổng thông minh nhanh gấp ba, sang tải tự động trong 30–40 phút, làn đảo chiều tại Hữu Nghị Quan.",
    ],
  },
  "smart-gate-2030": {
    en: [
      "Smart Gate 2030 (sized for Decision 865's ×4–5; the 14-lane road caps it at ×2.8)",
      "2030 volumes through a complex sized for four to five times today's clearance, with the 14-lane specialized road: it clears about 5,800 trucks a day, 2.8 times today's; the road is the bottleneck.",
    ],
    vi: [
      "Cửa khẩu thông minh 2030 (thiết kế cho mục tiêu ×4–5 của Quyết định 865; đường 14 làn giới hạn ở ×2,8)",
      "Lưu lượng năm 2030 qua tổ hợp được thiết kế cho năng lực thông quan gấp bốn đến năm lần hiện nay, với đường chuyên dụng 14 làn: thông quan khoảng 5.800 xe mỗi ngày, gấp 2,8 lần hiện nay; đường chuyên dụng là điểm nghẽn.",
    ],
  },
  "tet-peak": {
    en: [
      "Tết peak 2026 (surge, closure, catch-up)",
      "Baseline operation from 19 January to 19 March 2026: demand ×1.25 in the three weeks before Tết, gates at 20 % with demand at 20 % from 16 to 20 February, then a two-week catch-up at ×1.3 with hours extended to 23:00.",
    ],
    vi: [
      "Cao điểm Tết 2026 (tăng vọt, tạm nghỉ, phục hồi)",
      "Vận hành như hiện trạng từ 19/1 đến 19/3/2026: nhu cầu ×1,25 trong ba tuần trước Tết, cửa khẩu hoạt động 20 % và nhu cầu còn 20 % từ 16 đến 20/2, sau đó hai tuần phục hồi ở mức ×1,3 với giờ mở cửa kéo dài đến 23:00.",
    ],
  },
  "xray-outage": {
    en: [
      "X-ray outage (one unit down for 6 hours mid-day)",
      "One X-ray scanner out of service for six hours in the middle of the day.",
    ],
    vi: ["Sự cố máy soi (một máy ngừng 6 giờ giữa ngày)", "Một máy soi X-quang ngừng hoạt động sáu giờ vào giữa ngày."],
  },
  mm1: {
    en: [
      "Textbook M/M/1 queue (load 80 %)",
      "One server with random arrivals and service: checks the simulator against the textbook formula.",
    ],
    vi: [
      "Hàng đợi lý thuyết M/M/1 (tải 80 %)",
      "Một chỗ phục vụ với xe đến và thời gian phục vụ ngẫu nhiên: kiểm tra bộ mô phỏng với công thức lý thuyết.",
    ],
  },
  mmc: {
    en: ["Textbook M/M/3 queue (load 80 %)", "Three servers: checks the simulator against the Erlang C formula."],
    vi: ["Hàng đợi lý thuyết M/M/3 (tải 80 %)", "Ba chỗ phục vụ: kiểm tra bộ mô phỏng với công thức Erlang C."],
  },
  md1: {
    en: [
      "Textbook M/D/1 queue (load 80 %)",
      "Fixed service times: checks the simulator against the Pollaczek–Khinchine formula.",
    ],
    vi: [
      "Hàng đợi lý thuyết M/D/1 (tải 80 %)",
      "Thời gian phục vụ cố định: kiểm tra bộ mô phỏng với công thức Pollaczek–Khinchine.",
    ],
  },
  mm1k: {
    en: ["Textbook M/M/1/5 queue (load 90 %)", "Room for five: checks blocking against the textbook formula."],
    vi: ["Hàng đợi lý thuyết M/M/1/5 (tải 90 %)", "Chỉ có năm chỗ: kiểm tra tỷ lệ bị từ chối với công thức lý thuyết."],
  },
  tandem: {
    en: [
      "Textbook tandem of two queues",
      "Two servers one after the other: checks the simulator against Jackson's formula.",
    ],
    vi: [
      "Hai hàng đợi nối tiếp (lý thuyết)",
      "Hai chỗ phục vụ nối tiếp nhau: kiểm tra bộ mô phỏng với công thức Jackson.",
    ],
  },
};
