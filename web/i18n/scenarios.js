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
      "December 2021 congestion (Chinese clearance cut to about 350 a day from 10 December)",
      "Normal operation from 1 December 2021, then from 10 December the Chinese side clears only about 350 trucks a day (150 exports, 200 imports) while trucks keep coming: the queue on the Vietnamese side grows into the thousands within days; overflow yards on NH1A open three days into the crisis.",
    ],
    vi: [
      "Ùn tắc tháng 12/2021 (từ 10/12 phía Trung Quốc chỉ thông quan khoảng 350 xe/ngày)",
      "Vận hành bình thường từ 1/12/2021, rồi từ 10/12 phía Trung Quốc chỉ thông quan khoảng 350 xe mỗi ngày (150 xe xuất, 200 xe nhập) trong khi xe vẫn đến: hàng chờ phía Việt Nam tăng lên hàng nghìn xe chỉ sau vài ngày; các bãi chờ bổ sung trên QL1A mở sau ba ngày khủng hoảng.",
    ],
  },
  "fruit-season": {
    en: [
      "Fruit season surge against a Chinese acceptance cap",
      "May–June 2026: exports ×1.5 (fruit, about 680 a day), 6 export gate lanes instead of 4, hours to 23:00, and Youyi Guan accepts at most 600 export trucks a day: the Chinese cap binds, the surplus fills the park yard and the queue grows on NH1A. Perishables are called forward first.",
    ],
    vi: [
      "Cao điểm mùa trái cây với giới hạn tiếp nhận của Trung Quốc",
      "Tháng 5–6/2026: xe xuất ×1,5 (trái cây, khoảng 680 xe/ngày), 6 làn cổng xuất thay vì 4, mở cửa đến 23:00, và Hữu Nghị Quan chỉ tiếp nhận tối đa 600 xe xuất mỗi ngày: giới hạn phía Trung Quốc quyết định, số xe dư lấp đầy bãi trong khu và hàng chờ tăng trên QL1A. Hàng dễ hỏng được gọi vào trước.",
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
      "Rail diversion (15 % of loads on timetabled trains via Đồng Đăng)",
      "Baseline demand, of which 15 % in each direction goes by rail: exports at the Đồng Đăng terminal, imports at Pingxiang on the Chinese side. Each load waits for a train of the timetable (40 wagons, loading closes 60 min before departure) and leaves as moved by rail, not lost; a full terminal sends trucks back to the road.",
    ],
    vi: [
      "Chuyển sang đường sắt (15 % lô hàng đi tàu theo lịch qua Đồng Đăng)",
      "Nhu cầu như hiện trạng, trong đó 15 % mỗi chiều đi đường sắt: hàng xuất tại ga Đồng Đăng, hàng nhập tại ga Bằng Tường phía Trung Quốc. Mỗi lô chờ một chuyến tàu theo lịch (40 toa, ngừng xếp hàng 60 phút trước giờ chạy) và được tính là đi đường sắt, không bị mất; ga đầy thì xe quay lại đường bộ.",
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
      "Tết peak 2026 (surge, closure, catch-up with extended hours)",
      "Baseline operation from 19 January to 31 March 2026: demand ×1.25 in the three weeks before Tết, gates at 20 % with demand at 20 % from 16 to 20 February, then a two-week catch-up at ×1.3 with every gate open until 23:00, and normal operation after 6 March: the backlog builds, stays through the closure and clears.",
    ],
    vi: [
      "Cao điểm Tết 2026 (tăng vọt, tạm nghỉ, phục hồi với giờ mở cửa kéo dài)",
      "Vận hành như hiện trạng từ 19/1 đến 31/3/2026: nhu cầu ×1,25 trong ba tuần trước Tết, cửa khẩu hoạt động 20 % và nhu cầu còn 20 % từ 16 đến 20/2, sau đó hai tuần phục hồi ở mức ×1,3 với mọi cổng mở đến 23:00, và bình thường trở lại sau 6/3: tồn đọng tăng, kéo dài qua kỳ nghỉ rồi giảm hết.",
    ],
  },
  "xray-outage": {
    en: [
      "X-ray outage (one unit down for 6 hours mid-day)",
      "One X-ray scanner out of service for six hours in the middle of the day.",
    ],
    vi: ["Sự cố máy soi (một máy ngừng 6 giờ giữa ngày)", "Một máy soi X-quang ngừng hoạt động sáu giờ vào giữa ngày."],
  },
  "december-2021-diversion": {
    en: [
      "December 2021 congestion with drivers giving up or driving to Tân Thanh and Chi Ma",
      "The December 2021 cut with drivers' behaviour: trucks facing a wait of more than about 10 days do not join the queue, waiting trucks give up after about a week, and some export trucks drive to Tân Thanh or Chi Ma, whose capacity was cut too. The Chinese-side queue stays near the 2,400 reported on 21 December instead of growing without end.",
    ],
    vi: [
      "Ùn tắc tháng 12/2021 với xe bỏ đi hoặc chuyển sang Tân Thanh và Chi Ma",
      "Đợt cắt giảm tháng 12/2021 với hành vi của lái xe: xe dự kiến phải chờ hơn khoảng 10 ngày thì không vào hàng, xe đang chờ bỏ đi sau khoảng một tuần, và một phần xe xuất chuyển sang Tân Thanh hoặc Chi Ma, nơi năng lực cũng bị cắt giảm. Hàng chờ phía Trung Quốc giữ quanh mức 2.400 xe được báo cáo ngày 21/12 thay vì tăng mãi.",
    ],
  },
  "ecommerce-peak": {
    en: [
      "E-commerce peak (11.11 parcels through the park's sorting line and the Smart Gate)",
      "Smart Gate 2026 in November with cross-border e-commerce: 250,000 parcels a day go through the park's sorting line (25,000 an hour), are packed 3,000 to a truck and cross like any export. From 10 to 13 November parcels are 2.8 times normal: the line saturates, a backlog of parcels builds and clears after the peak.",
    ],
    vi: [
      "Cao điểm thương mại điện tử (bưu kiện 11.11 qua dây chuyền phân loại và cổng thông minh)",
      "Cổng thông minh 2026 vào tháng 11 cùng thương mại điện tử xuyên biên giới: 250.000 bưu kiện mỗi ngày qua dây chuyền phân loại của khu (25.000 kiện mỗi giờ), đóng 3.000 kiện một xe và qua cửa khẩu như hàng xuất. Từ 10 đến 13/11 lượng bưu kiện gấp 2,8 lần: dây chuyền quá tải, bưu kiện tồn đọng rồi giải phóng sau cao điểm.",
    ],
  },
  "equipment-breakdowns": {
    en: [
      "Equipment breakdowns (X-ray scanners, Smart Gate lanes and plate cameras)",
      "Smart Gate 2026 with random failures: each X-ray scanner fails about every two days for about 5 hours, each Smart Gate lane about every four days for about an hour, and each plate camera about once a day for 45 minutes (plates then typed by hand, +2 min a truck). Shows the scan backlog and gate waits the failures cause.",
    ],
    vi: [
      "Sự cố thiết bị (máy soi X-quang, làn cổng thông minh và camera biển số)",
      "Cổng thông minh 2026 với hỏng hóc ngẫu nhiên: mỗi máy soi hỏng khoảng hai ngày một lần trong khoảng 5 giờ, mỗi làn cổng thông minh khoảng bốn ngày một lần trong khoảng một giờ, mỗi camera biển số khoảng mỗi ngày một lần trong 45 phút (khi đó nhập biển số bằng tay, thêm 2 phút mỗi xe). Cho thấy tồn đọng soi chiếu và thời gian chờ ở cổng do hỏng hóc.",
    ],
  },
  "fruit-season-booking": {
    en: [
      "Fruit season through the Smart Gate: booking quota that adapts, diversion to Tân Thanh",
      "May 2026: fruit exports ×1.5 against a Chinese cap of 600 export trucks a day, hours to 23:00. Exporters book 30-minute Smart Gate slots; the quota falls as the park yard fills, and a truck finding no slot within 24 hours drives to Tân Thanh. The two-way pilot's dwell limits are enforced at the transshipment docks.",
    ],
    vi: [
      "Mùa trái cây qua cổng thông minh: hạn mức đặt lịch thích ứng, chuyển sang Tân Thanh",
      "Tháng 5/2026: xe xuất trái cây ×1,5 trong khi phía Trung Quốc chỉ nhận tối đa 600 xe xuất mỗi ngày, mở cửa đến 23:00. Doanh nghiệp đặt khung giờ 30 phút tại cổng thông minh; hạn mức giảm khi bãi trong khu đầy dần, và xe không tìm được khung giờ trong 24 giờ sẽ chuyển sang Tân Thanh. Thời hạn lưu bãi của thí điểm hai chiều được áp dụng tại khu sang tải.",
    ],
  },
  "shared-officers": {
    en: [
      "Shared customs officers (document review and X-ray image review from one pool)",
      "Baseline operation with the 20 officers of document review (14) and X-ray image review (6) working as one pool, image reviews first; on Sundays only 14 are on duty. Shows what pooling the same officers buys, and what the Sunday roster costs.",
    ],
    vi: [
      "Dùng chung cán bộ hải quan (kiểm tra hồ sơ và phân tích ảnh soi từ một nhóm)",
      "Vận hành như hiện trạng với 20 cán bộ kiểm tra hồ sơ (14) và phân tích ảnh soi (6) làm chung một nhóm, ưu tiên phân tích ảnh soi; Chủ nhật chỉ có 14 người trực. Cho thấy lợi ích của việc dùng chung cán bộ và cái giá của lịch trực Chủ nhật.",
    ],
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
