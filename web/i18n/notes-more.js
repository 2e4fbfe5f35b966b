/**
 * Notes of the assumed inputs added with the booking system, dated capacity, breakdowns, pools, rail,
 * parcels and transshipment trips (see ./notes.js for the format: [note as written, English, Vietnamese]).
 */
const D = "modelling default";
const DV = "giá trị mặc định của mô hình";
export const MORE_NOTE_ROWS = [
  [
    "partner called at the loaded truck's arrival (Public D19: mandatory pre-declaration), sets off N(0, 60 min) after; 400 partner stalls; dwell limit 36 h (Public: 24 h / 36 h; which limit applies to which truck is assumed)",
    "the partner truck is called when the loaded truck arrives (declaration in advance is mandatory) and sets off within about an hour; 400 stalls for partners; dwell limit 36 h (the pilot's 24 h / 36 h; which applies to which truck is assumed)",
    "xe đối tác được gọi khi xe có hàng đến (bắt buộc khai báo trước) và xuất phát trong khoảng một giờ; 400 chỗ cho xe đối tác; lưu bãi tối đa 36 giờ (24 giờ / 36 giờ của thí điểm; giới hạn nào áp cho xe nào là giả định)",
  ],
  [
    "partners use the other country's release lane and the specialized road (CN), or NH1A (VN)",
    "partner trucks drive the other country's roads: Youyi Guan's release lane and the specialized road (Chinese), or NH1A (Vietnamese)",
    "xe đối tác đi đường của nước mình: làn cho xe đi của Hữu Nghị Quan và đường chuyên dụng (xe Trung Quốc), hoặc QL1A (xe Việt Nam)",
  ],
  [
    "emptied trucks drive home: NH1A (VN), the specialized road and Youyi Guan's empty lane (CN)",
    "emptied trucks drive home: NH1A (Vietnamese), the specialized road and Youyi Guan's empty-truck lane (Chinese)",
    "xe đã dỡ hàng quay về: QL1A (xe Việt Nam), đường chuyên dụng và làn xe rỗng của Hữu Nghị Quan (xe Trung Quốc)",
  ],
  [
    "Youyi Guan has an empty-truck return lane (D15); 2 lanes and 1 min per truck assumed",
    "Youyi Guan has a return lane for empty trucks; 2 lanes and 1 min per truck are assumed",
    "Hữu Nghị Quan có làn riêng cho xe rỗng quay về; giả định 2 làn và 1 phút mỗi xe",
  ],
  [
    "20 % of containerised imports (50 %) stored at the ICD: 10 % of imports, as §5.3; only containers enter the container yard",
    `20 % of container imports (half of imports) go to the ICD, 10 % of all imports (${D}); only containers enter the container yard`,
    `20 % xe nhập chở container (một nửa số xe nhập) vào ICD, tức 10 % tổng số xe nhập (${DV}); chỉ container mới vào bãi container`,
  ],
  [
    "Chinese clearance cut to 300-400/day in Dec 2021; split between directions, and the date (10 Dec), assumed",
    "Chinese clearance was cut to 300–400 a day in December 2021; the split between directions and the date (10 December) are assumed",
    "tháng 12/2021 phía Trung Quốc chỉ thông quan 300–400 xe/ngày; tỷ lệ chia giữa hai chiều và ngày bắt đầu (10/12) là giả định",
  ],
  [
    "overflow yards opened along NH1A during the crisis, three days in",
    "overflow yards opened along NH1A three days into the crisis",
    "các bãi chờ bổ sung dọc QL1A được mở sau ba ngày khủng hoảng",
  ],
  [
    "Chinese trucks do not set out when the wait passes ~11 days; 5 % come anyway",
    "Chinese trucks do not set out when the wait passes about 11 days; 5 % come anyway",
    "xe Trung Quốc không xuất phát khi thời gian chờ quá khoảng 11 ngày; 5 % vẫn đến",
  ],
  [
    "patience ~10 days (lognormal, CV 0.5); reported waits were 13-17 days at worst (Jan-Feb 2022)",
    "drivers wait about 10 days before giving up (variation 50 %); the worst reported waits were 13–17 days (January–February 2022)",
    "lái xe chờ khoảng 10 ngày rồi bỏ đi (độ biến thiên 50 %); thời gian chờ tệ nhất được báo cáo là 13–17 ngày (tháng 1–2/2022)",
  ],
  [
    "an export truck facing more than 10 days' wait goes to Tan Thanh (60 %) or Chi Ma (40 %); 10 % wait anyway",
    "an export truck facing more than 10 days' wait goes to Tân Thanh (60 %) or Chi Ma (40 %); 10 % wait anyway",
    "xe xuất phải chờ hơn 10 ngày sẽ chuyển sang Tân Thanh (60 %) hoặc Chi Ma (40 %); 10 % vẫn chờ",
  ],
  [
    "patience ~10 days on the roadside",
    "drivers wait about 10 days on the roadside",
    "lái xe chờ khoảng 10 ngày bên đường",
  ],
  [
    "patience ~10 days in the staging yards",
    "drivers wait about 10 days in the staging yards",
    "lái xe chờ khoảng 10 ngày trong bãi chờ",
  ],
  ["about 40 min by road from Lang Son", "about 40 min by road from Lạng Sơn", "khoảng 40 phút đường bộ từ Lạng Sơn"],
  [
    "Tan Thanh and Chi Ma were cut too (>4,400 trucks jammed at the three gates on 21 Dec 2021); split assumed",
    "Tân Thanh and Chi Ma were cut too (more than 4,400 trucks stuck at the three gates on 21 December 2021); the split is assumed",
    "Tân Thanh và Chi Ma cũng bị cắt giảm (hơn 4.400 xe ùn tại ba cửa khẩu ngày 21/12/2021); tỷ lệ chia là giả định",
  ],
  ["about 2.5 h by road from Lang Son", "about 2.5 h by road from Lạng Sơn", "khoảng 2,5 giờ đường bộ từ Lạng Sơn"],
  [
    "as at Huu Nghi; balkers leave (cold storage, domestic sale)",
    "as at Hữu Nghị; trucks that will not wait leave (cold storage, sale at home)",
    "như tại Hữu Nghị; xe không chờ thì rời đi (kho lạnh, bán trong nước)",
  ],
  ["as at Huu Nghi", "as at Hữu Nghị", "như tại Hữu Nghị"],
  [
    "§5.3: 90 % adoption, 30-min slots, N(0, 30 min), 5 % no-shows; quota 18 (40 from 07:00 to 10:00 for the night's demand), horizon 24 h, grace 30 min; quota from 100 % at 70 % yard occupancy to 25 % at 95 %",
    `90 % of trucks book 30-min slots, arrive within about 30 min of it, 5 % never come; 18 per slot (40 from 07:00 to 10:00 for the night's trucks), booking up to 24 h ahead, 30 min grace; the quota falls from 100 % at 70 % yard occupancy to 25 % at 95 % (${D})`,
    `90 % xe đặt khung giờ 30 phút, đến lệch khoảng 30 phút, 5 % không đến; 18 xe mỗi khung (40 xe từ 07:00 đến 10:00 cho xe đến ban đêm), đặt trước tối đa 24 giờ, cho phép trễ 30 phút; hạn mức giảm từ 100 % khi bãi đầy 70 % xuống 25 % khi bãi đầy 95 % (${DV})`,
  ],
  [
    "§5.3; quota 44 (60 from 07:00 to 10:00 UTC+8), Youyi Guan releases 6 x 20 trucks/h",
    `44 per slot (60 from 07:00 to 10:00 Chinese time); Youyi Guan releases 6 × 20 trucks an hour (${D})`,
    `44 xe mỗi khung (60 xe từ 07:00 đến 10:00 giờ Trung Quốc); Hữu Nghị Quan cho đi 6 × 20 xe mỗi giờ (${DV})`,
  ],
  [
    "§5.3: 200,000 a day ramping toward the 600,000 capacity; 250,000 assumed for 2026",
    `200,000 a day, rising toward the 600,000 capacity; 250,000 assumed for 2026 (${D})`,
    `200.000 kiện mỗi ngày, đang tăng dần tới năng lực 600.000; giả định 250.000 cho năm 2026 (${DV})`,
  ],
  [
    "sellers' drop-offs mostly 06:00-22:00",
    "sellers drop parcels off mostly from 06:00 to 22:00",
    "người bán gửi hàng chủ yếu từ 06:00 đến 22:00",
  ],
  [
    "11.11 shopping festival: 2.8 x normal for four days; no source",
    "11.11 shopping festival: 2.8 times normal for four days; no source",
    "lễ hội mua sắm 11.11: gấp 2,8 lần bình thường trong bốn ngày; không có nguồn",
  ],
  [
    "F10: up to 600,000 parcels a day (001:L927), run 24 h",
    "up to 600,000 parcels a day (Lạng Sơn documents), running 24 h",
    "tối đa 600.000 bưu kiện mỗi ngày (tài liệu Lạng Sơn), chạy 24 giờ",
  ],
  ["§5.3: 3,000 parcels per truckload", `3,000 parcels per truck (${D})`, `3.000 bưu kiện mỗi xe (${DV})`],
  [
    "two departures a day for partly filled trucks",
    "two departures a day for trucks not yet full",
    "hai chuyến mỗi ngày cho xe chưa đầy",
  ],
  [
    "containerised, driven through (no transshipment), mostly green channel",
    "in containers, driven through without transshipment, mostly green channel",
    "đóng container, chạy thẳng không sang tải, phần lớn luồng xanh",
  ],
  [
    "MTBF 48 h per scanner, repair lognormal mean 5 h (CV 0.8); no source",
    "each scanner fails about every 48 h; repairs take about 5 h (variation 80 %); no source",
    "mỗi máy soi hỏng khoảng 48 giờ một lần; sửa mất khoảng 5 giờ (độ biến thiên 80 %); không có nguồn",
  ],
  [
    "lane faults every ~4 days, ~1 h to fix; camera faults daily, ~45 min, +2 min manual entry (as a failed plate read); no source",
    "a lane fails about every 4 days for about 1 h; a camera about daily for about 45 min, +2 min to type the plate; no source",
    "mỗi làn hỏng khoảng 4 ngày một lần trong khoảng 1 giờ; camera khoảng mỗi ngày một lần trong khoảng 45 phút, thêm 2 phút nhập biển số bằng tay; không có nguồn",
  ],
  ["as exportGate", "as the export lanes", "như làn xuất"],
  [
    "quota 100 % up to 60 % yard occupancy, 10 % at 90 %",
    "full quota until the yard is 60 % full, 10 % at 90 %",
    "đủ hạn mức đến khi bãi đầy 60 %, còn 10 % khi bãi đầy 90 %",
  ],
  [
    "exporters without a slot use Tan Thanh - Po Chai",
    "exporters without a slot use Tân Thanh – Pò Chài",
    "doanh nghiệp không có khung giờ đi qua Tân Thanh – Pò Chài",
  ],
  [
    "two-way pilot (10 Dec 2025 - 9 Dec 2026): 24 h in the designated yards, 36 h for two-way trucks; enforcement by expulsion assumed",
    "two-way pilot (10 December 2025 – 9 December 2026): 24 h in the designated yards, 36 h for two-way trucks; removing trucks past the limit is assumed",
    "thí điểm hai chiều (10/12/2025 – 9/12/2026): 24 giờ trong bãi được chỉ định, 36 giờ cho xe hai chiều; việc buộc xe quá hạn rời bãi là giả định",
  ],
  [
    "Tan Thanh clears a few hundred trucks a day (Public: Huu Nghi + Tan Thanh about 1,000/day)",
    "Tân Thanh clears a few hundred trucks a day (Hữu Nghị and Tân Thanh together about 1,000 a day)",
    "Tân Thanh thông quan vài trăm xe mỗi ngày (Hữu Nghị và Tân Thanh cộng lại khoảng 1.000 xe/ngày)",
  ],
  [
    "2 export lanes added for the fruit season (province aggregate, e.g. Tan Thanh's fruit lanes); 4 conventional lanes clear ~595/day, below the cap",
    "2 export lanes added for the fruit season (across the province, e.g. Tân Thanh's fruit lanes); 4 conventional lanes clear about 595 a day, below the cap",
    "thêm 2 làn xuất cho mùa trái cây (toàn tỉnh, ví dụ làn trái cây ở Tân Thanh); 4 làn thông thường chỉ thông quan khoảng 595 xe/ngày, dưới giới hạn",
  ],
  [
    "Lang Son city to Dong Dang station; not in seeds",
    "Lạng Sơn city to Đồng Đăng station; not in the documents",
    "từ thành phố Lạng Sơn đến ga Đồng Đăng; không có trong tài liệu",
  ],
  [
    "3 trains a day (2 on Sundays); no timetable in the seeds",
    "3 trains a day (2 on Sundays); the documents give no timetable",
    "3 chuyến tàu mỗi ngày (Chủ nhật 2); tài liệu không có lịch chạy",
  ],
  [
    "train batch Q = 40 (dry-port model, D10); one load per wagon assumed",
    "40 wagons a train (dry-port studies); one load per wagon is assumed",
    "40 toa mỗi chuyến (nghiên cứu cảng cạn); giả định mỗi toa một lô hàng",
  ],
  ["batch loading before departure", "loading closes before departure", "ngừng xếp hàng trước giờ tàu chạy"],
  ["two trains' worth of loads", "room for two trains' loads", "đủ chỗ cho hàng của hai chuyến tàu"],
  [
    "6 trains a day; no timetable in the seeds",
    "6 trains a day; the documents give no timetable",
    "6 chuyến tàu mỗi ngày; tài liệu không có lịch chạy",
  ],
  ["train batch Q = 40 (D10)", "40 wagons a train (dry-port studies)", "40 toa mỗi chuyến (nghiên cứu cảng cạn)"],
  [
    "desks, not officers: any officer of the pool may sit at one",
    "desks, not officers: any officer of the pool may sit at one",
    "số bàn làm việc, không phải số cán bộ: cán bộ nào trong nhóm cũng có thể ngồi",
  ],
  [
    "the 14 + 6 officers of the baseline's document and image review",
    "the 14 + 6 officers of document review and image review in the baseline",
    "14 + 6 cán bộ kiểm tra hồ sơ và phân tích ảnh soi của hiện trạng",
  ],
  [
    "reduced Sunday roster; no source",
    "fewer on duty on Sundays; no source",
    "Chủ nhật ít người trực hơn; không có nguồn",
  ],
  [
    "image reviews first, so scanners are not held up",
    "image reviews first, so the scanners are not held up",
    "ưu tiên phân tích ảnh soi để máy soi không bị chờ",
  ],
  [
    "§5.3 Tet profile; Seed says only peaks before, during and after Tet (F05); hours to 23:00 in the catch-up (Public: extended hours in peak seasons)",
    `Tết pattern (${D}); the Lạng Sơn documents say only that there are peaks before, during and after Tết; hours to 23:00 in the catch-up (extended hours in peak seasons, public sources)`,
    `mô hình Tết (${DV}); tài liệu Lạng Sơn chỉ nói có cao điểm trước, trong và sau Tết; mở cửa đến 23:00 trong giai đoạn phục hồi (kéo dài giờ vào mùa cao điểm, nguồn công khai)`,
  ],
  // smart-gate-2030, sized for Decision 865's ×4–5.
  [
    "Decision 865 x4-5: sized for ~4.5x today's clearance",
    "Decision 865's ×4–5 target: sized for about 4.5 times today's clearance",
    "mục tiêu ×4–5 của Quyết định 865: thiết kế cho khoảng 4,5 lần năng lực thông quan hiện nay",
  ],
  ["Decision 865 x4-5", "Decision 865's ×4–5 target", "mục tiêu ×4–5 của Quyết định 865"],
  [
    "Decision 865 x4-5: automated docks",
    "Decision 865's ×4–5 target: automated docks",
    "mục tiêu ×4–5 của Quyết định 865: bến sang tải tự động",
  ],
  [
    "the Chinese side scaled alike (imports and Chinese partner trucks)",
    "the Chinese side sized alike (imports and the Chinese partner trucks)",
    "phía Trung Quốc được tăng tương ứng (xe nhập khẩu và xe đối tác Trung Quốc)",
  ],
  ["the Chinese side scaled alike", "the Chinese side sized alike", "phía Trung Quốc được tăng tương ứng"],
  [
    "14-lane road planned (Seed + Public); 15 trucks at once for 6 lanes scaled to 14",
    "a 14-lane road is planned (Lạng Sơn documents and public sources); 15 trucks on it at once for 6 lanes, scaled to 14 lanes",
    "đường 14 làn đã có quy hoạch (tài liệu Lạng Sơn và nguồn công khai); 15 xe cùng lúc trên đường cho 6 làn, tăng theo tỷ lệ lên 14 làn",
  ],
  [
    "~30 % of 143.7 ha at ~100 m2 per stall (DERIVED upper figure ~2,900 at 150 m2), scaled",
    "about 30 % of the 143.7 ha at about 100 m² per stall (an upper figure worked out at 150 m² a stall: about 2,900), scaled up",
    "khoảng 30 % của 143,7 ha, khoảng 100 m² mỗi chỗ đỗ (con số trên tính với 150 m² mỗi chỗ: khoảng 2.900), tăng theo tỷ lệ",
  ],
  [
    "ICD pick-up scaled with imports",
    "ICD pick-up lanes scaled with imports",
    "làn lấy hàng ICD tăng theo lượng nhập khẩu",
  ],
  [
    "quotas scaled with the Smart Gate's 2030 lanes and hours",
    "slot quotas scaled with the Smart Gate's lanes and opening hours of 2030",
    "hạn mức khung giờ tăng theo số làn và giờ mở cửa năm 2030 của cổng thông minh",
  ],
  [
    "quotas scaled with Youyi Guan's 2030 release lanes",
    "slot quotas scaled with Youyi Guan's release lanes of 2030",
    "hạn mức khung giờ tăng theo số làn cho xe đi năm 2030 của Hữu Nghị Quan",
  ],
];
