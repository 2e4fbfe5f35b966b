/**
 * The notes of the shipped scenarios' assumed inputs, in planners' words and in Vietnamese. The files
 * cite their evidence by internal references ("§5.3" is the modelling defaults of the project's fact
 * sheet, "F07" a figure of the Lạng Sơn documents); the page says what those are instead. Each entry:
 * [note as written in the scenario file, English, Vietnamese].
 */
import { MORE_NOTE_ROWS } from "./notes-more.js";

const D = "modelling default";
const DV = "giá trị mặc định của mô hình";
const ROWS = [
  ["14-lane road planned", "a 14-lane road is planned", "đường 14 làn đã có quy hoạch"],
  [
    "14-lane road planned (Seed + Public); capacity scaled 6 -> 14 lanes",
    "a 14-lane road is planned (Lạng Sơn documents and public sources); capacity scaled from 6 to 14 lanes",
    "đường 14 làn đã có quy hoạch (tài liệu Lạng Sơn và nguồn công khai); năng lực tăng từ 6 lên 14 làn",
  ],
  [
    "15 min to load a container on a domestic truck and gate out",
    "15 min to load a container on a domestic truck and leave",
    "15 phút để xếp container lên xe nội địa và ra cổng",
  ],
  [
    "24 h / 36 h dwell limits of the two-way pilot (24 h for the loaded truck assumed)",
    "24 h / 36 h dwell limits of the two-way pilot (24 h for the loaded truck is assumed)",
    "thời hạn lưu bãi 24 giờ / 36 giờ của thí điểm hai chiều (giả định 24 giờ cho xe có hàng)",
  ],
  [
    "5 conventional import lanes (imports are ~3x exports: Seed)",
    "5 conventional import lanes (imports are about three times exports)",
    "5 làn nhập thông thường (xe nhập gấp khoảng ba lần xe xuất)",
  ],
  [
    "Chinese clearance cut to 300-400/day in Dec 2021; split between directions assumed",
    "Chinese clearance was cut to 300–400 a day in December 2021; the split between directions is assumed",
    "tháng 12/2021 phía Trung Quốc chỉ thông quan 300–400 xe/ngày; tỷ lệ chia giữa hai chiều là giả định",
  ],
  [
    "Chinese release lanes at Youyi Guan; 3 min/truck (§5.3)",
    `Chinese release lanes at Youyi Guan; 3 min per truck (${D})`,
    `làn cho xe đi tại Hữu Nghị Quan; 3 phút mỗi xe (${DV})`,
  ],
  [
    "F02: exports 380-520/day, Q1 2026 (001:L547); midpoint 450",
    "exports 380–520 a day in Q1 2026 (Lạng Sơn documents); midpoint 450",
    "xuất khẩu 380–520 xe/ngày quý I/2026 (tài liệu Lạng Sơn); lấy giữa khoảng là 450",
  ],
  [
    "F03: imports 1,200-1,500/day (001:L547); 1,220 tuned so clearance sits in the Seed 1,600-1,700/day",
    "imports 1,200–1,500 a day (Lạng Sơn documents); 1,220 chosen so clearance sits in the reported 1,600–1,700 a day",
    "nhập khẩu 1.200–1.500 xe/ngày (tài liệu Lạng Sơn); chọn 1.220 để thông quan nằm trong mức 1.600–1.700 xe/ngày đã báo cáo",
  ],
  ["F07: 3x faster", "three times faster (Lạng Sơn documents)", "nhanh gấp ba lần (tài liệu Lạng Sơn)"],
  [
    "F07: Smart Gate 3x faster: mean 2 min (CV 0.4 assumed)",
    "Smart Gate three times faster (Lạng Sơn documents): mean 2 min (variation 40 % assumed)",
    "cổng thông minh nhanh gấp ba (tài liệu Lạng Sơn): trung bình 2 phút (giả định độ biến thiên 40 %)",
  ],
  [
    "F09: 30-40 min with telescopic conveyors",
    "30–40 min with telescopic conveyors (Lạng Sơn documents)",
    "30–40 phút với băng tải ống lồng (tài liệu Lạng Sơn)",
  ],
  [
    "F09: about 3 h by hand; triangular 120/180/240 (§5.3)",
    "about 3 h by hand (Lạng Sơn documents); 2–4 h, most often 3 h",
    "khoảng 3 giờ thủ công (tài liệu Lạng Sơn); 2–4 giờ, thường gặp nhất 3 giờ",
  ],
  [
    "Hữu Nghị alone ≈ 45 % of the province's trucks (§5.3 gives 0.75 for the pair); tuned to the Public 620-860/day of 2023-24",
    "Hữu Nghị alone handles about 45 % of the province's trucks; chosen to match the 620–860 a day reported for 2023–24",
    "riêng Hữu Nghị chiếm khoảng 45 % số xe của tỉnh; chọn để khớp mức 620–860 xe/ngày đã công bố cho 2023–2024",
  ],
  [
    "ICD slots at gate scope; not in seeds",
    "ICD slots at the scale of one gate; no published figure",
    "số chỗ ICD ở quy mô một cửa khẩu; chưa có số liệu công bố",
  ],
  ["ICD slots; not in seeds", "ICD slots; no published figure", "số chỗ ICD; chưa có số liệu công bố"],
  ["NH1A, park to Lang Son city", "NH1A, from the park to Lạng Sơn city", "QL1A, từ khu đến thành phố Lạng Sơn"],
  [
    "Seed 2026 midpoint grown +10 %/yr to 2030 (growth assumed)",
    "2026 volumes grown by 10 % a year to 2030 (growth assumed)",
    "lưu lượng 2026 tăng 10 % mỗi năm đến 2030 (tăng trưởng là giả định)",
  ],
  [
    "Youyi Guan tidal lanes; threshold and shift assumed",
    "tidal lanes at Youyi Guan; when and how many lanes switch is assumed",
    "làn đảo chiều tại Hữu Nghị Quan; thời điểm và số làn chuyển là giả định",
  ],
  ["as above", "as above", "như trên"],
  [
    "as the baseline, 150 partner stalls",
    "as the baseline, with 150 stalls for partner trucks",
    "như hiện trạng, với 150 chỗ cho xe đối ứng",
  ],
  ["day-to-day variation, CV 10 %", "day-to-day variation of 10 %", "dao động giữa các ngày 10 %"],
  [
    "electronics and food always scanned (001:L939); red + 5 % random assumed",
    "electronics and food are always scanned (Lạng Sơn documents); red channel plus 5 % at random assumed",
    "hàng điện tử và thực phẩm luôn được soi (tài liệu Lạng Sơn); giả định luồng đỏ cộng 5 % ngẫu nhiên",
  ],
  [
    "extended hours to 23:00 seen in fruit season; assumed permanent by 2030",
    "hours extended to 23:00 in fruit season; assumed permanent by 2030",
    "giờ mở cửa kéo dài đến 23:00 vào mùa trái cây; giả định áp dụng thường xuyên vào 2030",
  ],
  ["extended to 23:00 in fruit season", "extended to 23:00 in fruit season", "kéo dài đến 23:00 vào mùa trái cây"],
  ["grown +10 %/yr to 2030", "grown by 10 % a year to 2030", "tăng 10 % mỗi năm đến 2030"],
  [
    "hours extended to 23:00 in peak seasons",
    "hours extended to 23:00 in peak seasons",
    "giờ mở cửa kéo dài đến 23:00 vào mùa cao điểm",
  ],
  [
    "idling heavy truck ~3 L diesel/h x 2.68 kg CO2/L",
    "an idling heavy truck burns about 3 L of diesel an hour, 2.68 kg CO₂ a litre",
    "xe tải nặng chờ nổ máy tốn khoảng 3 lít dầu mỗi giờ, 2,68 kg CO₂ mỗi lít",
  ],
  ["illustrative outage", "an outage for illustration", "sự cố mang tính minh họa"],
  ["not in seeds", "no published figure", "chưa có số liệu công bố"],
  [
    "officers at Hữu Nghị; not in seeds",
    "officers at Hữu Nghị; no published figure",
    "cán bộ tại Hữu Nghị; chưa có số liệu công bố",
  ],
  ["officers; not in seeds", "officers; no published figure", "cán bộ; chưa có số liệu công bố"],
  [
    "overflow yards opened along NH1A during the crisis",
    "overflow yards opened along NH1A during the crisis",
    "bãi tạm mở dọc QL1A trong thời gian ùn tắc",
  ],
  [
    "overflow zone of 800-1,000 trucks (2023)",
    "overflow zone of 800–1,000 trucks (2023)",
    "khu chờ tạm cho 800–1.000 xe (2023)",
  ],
  [
    "partner called at the park gate, arrives N(0, 60 min) around then; 400 partner stalls; dwell limit 36 h (Public: 24 h / 36 h; which limit applies to which truck is assumed)",
    "the partner truck is called when the loaded truck reaches the park gate and arrives within about an hour of then; 400 stalls for partner trucks; dwell limit 36 h (published: 24 h / 36 h; which limit applies to which truck is assumed)",
    "xe đối ứng được gọi khi xe có hàng đến cổng khu và đến trong khoảng một giờ sau đó; 400 chỗ cho xe đối ứng; thời hạn lưu bãi 36 giờ (công bố: 24 giờ / 36 giờ; giả định thời hạn nào áp dụng cho xe nào)",
  ],
  [
    "perishable loads waiting over 24 h are counted",
    "perishable loads waiting over 24 h are counted",
    "đếm các lô hàng dễ hỏng chờ quá 24 giờ",
  ],
  [
    "pick-up lanes (reach stackers); not in seeds",
    "pick-up lanes (reach stackers); no published figure",
    "làn lấy hàng (xe nâng container); chưa có số liệu công bố",
  ],
  ["pick-up lanes; not in seeds", "pick-up lanes; no published figure", "làn lấy hàng; chưa có số liệu công bố"],
  [
    "province aggregate of gate lanes; tuned for ~75 % load",
    "gate lanes of the whole province; chosen for about 75 % load",
    "tổng số làn cổng của toàn tỉnh; chọn để tải khoảng 75 %",
  ],
  [
    "province aggregate; tuned so peak days can clear > 2,000/day",
    "whole province; chosen so peak days can clear over 2,000 a day",
    "toàn tỉnh; chọn để ngày cao điểm thông quan được trên 2.000 xe",
  ],
  ["quieter weekend; no source", "quieter weekends; no source", "cuối tuần ít xe hơn; chưa có nguồn"],
  [
    "red always; 8 % of other scans",
    "red channel always; 8 % of the other scans",
    "luôn với luồng đỏ; 8 % các xe soi khác",
  ],
  [
    "room for 40 trucks on the specialized road at the zero line",
    "room for 40 trucks on the specialized road at the zero line",
    "đường chuyên dụng tại mốc số 0 chứa được 40 xe",
  ],
  ["scaled to province volumes", "scaled to the province's volumes", "theo quy mô lưu lượng toàn tỉnh"],
  [
    "the gate-area yard held about 450 trucks in 2023",
    "the gate-area yard held about 450 trucks in 2023",
    "bãi khu vực cửa khẩu chứa khoảng 450 xe năm 2023",
  ],
  ["§5.3", D, DV],
  [
    "§5.3 Tet profile; Seed says only peaks before, during and after Tet (F05)",
    `Tết profile (${D}); the Lạng Sơn documents say only that there are peaks before, during and after Tết`,
    `diễn biến dịp Tết (${DV}); tài liệu Lạng Sơn chỉ nêu có cao điểm trước, trong và sau Tết`,
  ],
  [
    "§5.3 derived upper figure ~2,900 stalls",
    `upper figure of about 2,900 stalls (${D})`,
    `mức trên khoảng 2.900 chỗ (${DV})`,
  ],
  [
    "§5.3 gives 10 bays at Huu Nghi; 16 at province scope",
    `10 bays at Hữu Nghị (${D}); 16 for the province`,
    `10 vị trí tại Hữu Nghị (${DV}); 16 cho toàn tỉnh`,
  ],
  [
    "§5.3 gives 2 at Huu Nghi; 4 at province scope",
    `2 at Hữu Nghị (${D}); 4 for the province`,
    `2 tại Hữu Nghị (${DV}); 4 cho toàn tỉnh`,
  ],
  [
    "§5.3 gives 4 in / 4 out at the park Smart Gate; 3 conventional export lanes",
    `4 lanes in and 4 out at the park's Smart Gate (${D}); 3 conventional export lanes`,
    `4 làn vào và 4 làn ra tại cổng thông minh của khu (${DV}); 3 làn xuất thông thường`,
  ],
  [
    "§5.3 gives 40 crews at Huu Nghi; scaled to province volumes",
    `40 crews at Hữu Nghị (${D}); scaled to the province's volumes`,
    `40 tổ tại Hữu Nghị (${DV}); theo quy mô lưu lượng toàn tỉnh`,
  ],
  [
    "§5.3 gives 40 crews, too few for 50 % transshipment at 3 h each; 120 crews",
    `40 crews (${D}) are too few for half the trucks at 3 h each; 120 crews`,
    `40 tổ (${DV}) không đủ cho một nửa số xe với 3 giờ mỗi xe; dùng 120 tổ`,
  ],
  [
    "§5.3: +10 %/yr (value grows 20-39 %/yr per seeds)",
    `+10 % a year (${D}; trade value grows 20–39 % a year)`,
    `+10 % mỗi năm (${DV}; giá trị thương mại tăng 20–39 % mỗi năm)`,
  ],
  ["§5.3: +12 h", `+12 h (${D})`, `+12 giờ (${DV})`],
  ["§5.3: +60 min", `+60 min (${D})`, `+60 phút (${DV})`],
  [
    "§5.3: 0.6x 22:00-05:00, 1.15x otherwise",
    `×0.6 from 22:00 to 05:00, ×1.15 otherwise (${D})`,
    `×0,6 từ 22:00 đến 05:00, ×1,15 vào giờ khác (${DV})`,
  ],
  [
    "§5.3: 07:00-22:00 local on both sides",
    `07:00–22:00 local time on both sides (${D})`,
    `07:00–22:00 giờ địa phương ở cả hai phía (${DV})`,
  ],
  [
    "§5.3: 1,500 stalls (Public: 450 at the gate area in 2023, overflow 800-1,000)",
    `1,500 stalls (${D}; published: 450 at the gate area in 2023, overflow 800–1,000)`,
    `1.500 chỗ (${DV}; công bố: 450 tại khu vực cửa khẩu năm 2023, khu tạm 800–1.000)`,
  ],
  [
    "§5.3: 10 % agri, 35 % electronics/food",
    `10 % agricultural, 35 % electronics and food (${D})`,
    `10 % nông sản, 35 % điện tử và thực phẩm (${DV})`,
  ],
  [
    "§5.3: 10 % of imports stored (ICD)",
    `10 % of imports stored in the ICD (${D})`,
    `10 % hàng nhập lưu tại ICD (${DV})`,
  ],
  ["§5.3: 10 bays", `10 bays (${D})`, `10 vị trí (${DV})`],
  ["§5.3: 10 min", `10 min (${D})`, `10 phút (${DV})`],
  [
    "§5.3: 10 min park to zero line",
    `10 min from the park to the zero line (${D})`,
    `10 phút từ khu đến mốc số 0 (${DV})`,
  ],
  ["§5.3: 15 % diverted to rail", `15 % moved to rail (${D})`, `15 % chuyển sang đường sắt (${DV})`],
  ["§5.3: 2 X-ray units", `2 X-ray units (${D})`, `2 máy soi X-quang (${DV})`],
  [
    "§5.3: 20 % sampled, 2 % lab hold",
    `20 % sampled, 2 % held for lab results (${D})`,
    `20 % lấy mẫu, 2 % chờ kết quả xét nghiệm (${DV})`,
  ],
  [
    "§5.3: 20 automated docks at Huu Nghi; 60 at province scope",
    `20 automated docks at Hữu Nghị (${D}); 60 for the province`,
    `20 vị trí tự động tại Hữu Nghị (${DV}); 60 cho toàn tỉnh`,
  ],
  [
    "§5.3: 3 % exceptions to a manual desk, +10-20 min",
    `3 % exceptions go to a manual desk, +10–20 min (${D})`,
    `3 % trường hợp ngoại lệ sang bàn thủ công, thêm 10–20 phút (${DV})`,
  ],
  ["§5.3: 3 min/truck", `3 min per truck (${D})`, `3 phút mỗi xe (${DV})`],
  [
    "§5.3: 3 min/truck; lanes scaled to province volumes",
    `3 min per truck (${D}); lanes scaled to the province's volumes`,
    `3 phút mỗi xe (${DV}); số làn theo quy mô toàn tỉnh`,
  ],
  ["§5.3: 30 min", `30 min (${D})`, `30 phút (${DV})`],
  ["§5.3: 30 min NH1A", `30 min on NH1A (${D})`, `30 phút trên QL1A (${DV})`],
  ["§5.3: 4 lanes per direction", `4 lanes per direction (${D})`, `4 làn mỗi chiều (${DV})`],
  ["§5.3: 4 min scanner occupancy", `the scanner is busy 4 min per truck (${D})`, `máy soi bận 4 phút mỗi xe (${DV})`],
  ["§5.3: 5 min", `5 min (${D})`, `5 phút (${DV})`],
  ["§5.3: 50 %", `50 % (${D})`, `50 % (${DV})`],
  ["§5.3: 55 % agricultural", `55 % agricultural (${D})`, `55 % nông sản (${DV})`],
  ["§5.3: 65/28/7", `65 % green, 28 % yellow, 7 % red (${D})`, `65 % xanh, 28 % vàng, 7 % đỏ (${DV})`],
  [
    "§5.3: 65/28/7 (Public 2017: 57.5/37.5/5.0)",
    `65 % green, 28 % yellow, 7 % red (${D}; published for 2017: 57.5 / 37.5 / 5.0 %)`,
    `65 % xanh, 28 % vàng, 7 % đỏ (${DV}; công bố năm 2017: 57,5 / 37,5 / 5,0 %)`,
  ],
  [
    "§5.3: 90 % adoption, 30-min slots, N(0, 30 min), 5 % no-shows; quota ~0.9 x gate rate",
    `90 % of trucks book, 30-min slots, arrival within about 30 min of the slot, 5 % no-shows; quota about 0.9 × the gate's rate (${D})`,
    `90 % số xe đặt lịch, khung 30 phút, đến lệch khoảng 30 phút, 5 % không đến; hạn mức khoảng 0,9 × năng lực cổng (${DV})`,
  ],
  ["§5.3: 90 trucks/h per road", `90 trucks an hour per road (${D})`, `90 xe mỗi giờ trên mỗi tuyến (${DV})`],
  ["§5.3: 97 %", `97 % (${D})`, `97 % (${DV})`],
  ["§5.3: ANPR read success 97 %", `plates read on 97 % of trucks (${D})`, `đọc được biển số 97 % số xe (${DV})`],
  [
    "§5.3: conventional gate lognormal mean 6, CV 0.5 (3x the Smart Gate: Seed F07)",
    `conventional gate: mean 6 min, variation 50 % (${D}); three times the Smart Gate (Lạng Sơn documents)`,
    `cổng thông thường: trung bình 6 phút, độ biến thiên 50 % (${DV}); gấp ba cổng thông minh (tài liệu Lạng Sơn)`,
  ],
  [
    "§5.3: dwell 1-3 days (ready for pick-up)",
    `dwell of 1–3 days until ready for pick-up (${D})`,
    `lưu bãi 1–3 ngày đến khi sẵn sàng lấy hàng (${DV})`,
  ],
  ["§5.3: external yards 1,500 stalls", `outer yards with 1,500 stalls (${D})`, `bãi ngoài với 1.500 chỗ (${DV})`],
  [
    "§5.3: failed read +2 min; 3 % exceptions +10-20 min",
    `+2 min when the plate was not read; 3 % exceptions +10–20 min (${D})`,
    `thêm 2 phút khi không đọc được biển số; 3 % ngoại lệ thêm 10–20 phút (${DV})`,
  ],
  [
    "§5.3: fruit x1.5 May-Aug, x1.3 Nov-Jan; Tet x1.25 before, 20 % for 5 days, x1.3 after",
    `fruit exports ×1.5 May–August and ×1.3 November–January; Tết ×1.25 before, 20 % for 5 days, ×1.3 after (${D})`,
    `xuất trái cây ×1,5 tháng 5–8 và ×1,3 tháng 11–1; Tết ×1,25 trước, 20 % trong 5 ngày, ×1,3 sau (${DV})`,
  ],
  [
    "§5.3: fruit-season export acceptance capped, e.g. 600/day",
    `export acceptance capped in fruit season, e.g. 600 a day (${D})`,
    `giới hạn tiếp nhận xe xuất vào mùa trái cây, ví dụ 600 xe/ngày (${DV})`,
  ],
  [
    "§5.3: lognormal mean 20, CV 0.6",
    `mean 20 min, variation 60 % (${D})`,
    `trung bình 20 phút, độ biến thiên 60 % (${DV})`,
  ],
  ["§5.3: mean 60 min", `mean 60 min (${D})`, `trung bình 60 phút (${DV})`],
];

/** Notes by their text in the scenario files: `{ en, vi }`. */
export const SOURCE_NOTES = new Map([...ROWS, ...MORE_NOTE_ROWS].map(([k, en, vi]) => [k, { en, vi }]));
