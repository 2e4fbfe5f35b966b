/** KPI glossary, trucks that leave without crossing here: turned away, balked, reneged, expelled, diverted. */
import { entry as e, type GlossaryEntry } from "./glossary-entry.js";

// biome-ignore format: a data table, one entry per block, reads best unwrapped
export const GLOSSARY_OUTCOMES: readonly GlossaryEntry[] = [
  e("lostPerDay", "kpi", "trucks/day", "lower",
    ["Trucks turned away per day", "Trucks that left without crossing during the measured period because a full line had no room for them, or that reached an exit the scenario marks as lost, divided by the measured days. Trucks that balk, renege, are expelled, go to another crossing or leave by rail are counted apart."],
    ["Xe bị từ chối mỗi ngày", "Số xe rời đi mà không qua biên giới trong thời gian đo vì hàng chờ đã đầy, không còn chỗ chờ, hoặc đến một lối ra mà kịch bản tính là mất, chia cho số ngày đo. Xe bỏ đi vì hàng dài, bỏ hàng chờ, bị buộc rời đi, chuyển sang cửa khẩu khác hoặc đi đường sắt được tính riêng."]),
  e("balkedPerDay", "kpi", "trucks/day", "lower",
    ["Trucks that balked per day", "Trucks that reached a stage with balking, found the line too long by the stage's rule and left the model without crossing (no route to another crossing, or their transshipment partner already called) during the measured period, divided by the measured days. Balking trucks sent to another crossing count in the diversion figures instead."],
    ["Xe bỏ đi vì hàng dài mỗi ngày", "Số xe đến một công đoạn có quy tắc bỏ đi, thấy hàng chờ quá dài theo quy tắc đó và rời khỏi mô hình mà không qua biên giới (không có tuyến sang cửa khẩu khác, hoặc xe đối ứng đã được gọi) trong thời gian đo, chia cho số ngày đo. Xe bỏ đi nhưng được chuyển sang cửa khẩu khác được tính trong các số liệu chuyển hướng."]),
  e("renegedPerDay", "kpi", "trucks/day", "lower",
    ["Trucks that reneged per day", "Trucks that waited at a stage with reneging longer than their patience (drawn for each truck), left its line and then the model without crossing, during the measured period, divided by the measured days. Those sent to another crossing count in the diversion figures instead."],
    ["Xe bỏ hàng chờ mỗi ngày", "Số xe chờ tại một công đoạn có giới hạn kiên nhẫn lâu hơn mức kiên nhẫn của mình (rút ngẫu nhiên cho từng xe), rời hàng chờ rồi rời khỏi mô hình mà không qua biên giới, trong thời gian đo, chia cho số ngày đo. Xe được chuyển sang cửa khẩu khác được tính trong các số liệu chuyển hướng."]),
  e("dwellExpelledPerDay", "kpi", "trucks/day", "lower",
    ["Trucks expelled at the dwell limit per day", "Trucks sent out of the model without crossing during the measured period because their dwell limit ran out while they waited at a stage that enforces it (`dwellLimitAction: expel`; counted from entering the designated yard at the transshipment docks, from arrival elsewhere), or because they reached such a stage already over it, divided by the measured days."],
    ["Xe bị buộc rời đi do quá thời hạn lưu bãi mỗi ngày", "Số xe bị đưa ra khỏi mô hình mà không qua biên giới trong thời gian đo vì hết thời hạn lưu bãi khi đang chờ tại một công đoạn áp dụng thời hạn này (`dwellLimitAction: expel`; tính từ khi vào bãi được chỉ định tại vị trí sang tải, ở nơi khác từ khi đến), hoặc vì đến công đoạn đó khi đã quá hạn, chia cho số ngày đo."]),
  e("divertedPerDay", "kpi", "trucks/day", "lower",
    ["Trucks diverted to other crossings per day", "Trucks that reached the end of a route to another crossing (a diversion exit) during the measured period, whatever sent them there (balking, reneging, no booking slot), divided by the measured days; 0 in scenarios without other crossings. They left without crossing here and are not counted as lost."],
    ["Xe chuyển sang cửa khẩu khác mỗi ngày", "Số xe đến cuối tuyến sang một cửa khẩu khác (lối ra chuyển hướng) trong thời gian đo, bất kể lý do (bỏ đi vì hàng dài, bỏ hàng chờ, không có khung giờ đặt lịch), chia cho số ngày đo; bằng 0 ở kịch bản không có cửa khẩu khác. Các xe này rời đi mà không qua biên giới tại đây và không bị tính là mất."]),
  e("diverted.<id>PerDay", "kpi", "trucks/day", "lower",
    ["Trucks diverted to a given crossing per day", "Trucks that reached the end of the route to crossing <id> during the measured period, divided by the measured days (shipped: tanThanh for Tân Thanh, chiMa for Chi Ma)."],
    ["Xe chuyển sang một cửa khẩu cụ thể mỗi ngày", "Số xe đến cuối tuyến sang cửa khẩu <id> trong thời gian đo, chia cho số ngày đo (có sẵn: tanThanh là Tân Thanh, chiMa là Chi Ma)."]),
  e("divertedOnBalkingPerDay", "kpi", "trucks/day", "lower",
    ["Balking trucks sent to another crossing per day", "Trucks that balked at a long line during the measured period and were sent toward another crossing, divided by the measured days; each counts in the diverted figures when it reaches that crossing. Only in scenarios with other crossings."],
    ["Xe bỏ đi vì hàng dài được chuyển cửa khẩu mỗi ngày", "Số xe bỏ đi vì hàng chờ dài trong thời gian đo và được cho đi sang một cửa khẩu khác, chia cho số ngày đo; mỗi xe được tính trong các số liệu chuyển hướng khi đến cửa khẩu đó. Chỉ có ở kịch bản có cửa khẩu khác."]),
  e("divertedOnRenegingPerDay", "kpi", "trucks/day", "lower",
    ["Reneging trucks sent to another crossing per day", "Trucks that ran out of patience in a line during the measured period and were sent toward another crossing, divided by the measured days; each counts in the diverted figures when it reaches that crossing. Only in scenarios with other crossings."],
    ["Xe bỏ hàng chờ được chuyển cửa khẩu mỗi ngày", "Số xe hết kiên nhẫn trong hàng chờ trong thời gian đo và được cho đi sang một cửa khẩu khác, chia cho số ngày đo; mỗi xe được tính trong các số liệu chuyển hướng khi đến cửa khẩu đó. Chỉ có ở kịch bản có cửa khẩu khác."]),
];
