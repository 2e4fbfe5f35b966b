/** Words of the comparison's rerun panel and its HTML report, English and Vietnamese (see ../i18n.js). */
export const COMPARE = {
  rerunDone: {
    en: "{name} has finished and is selected: the runs can be compared now.",
    vi: "{name} đã chạy xong và đã được chọn: có thể so sánh các lần chạy ngay.",
  },
  rerunFromStore: {
    en: "{name}: an identical run was already stored, so its results are used at once (nothing was simulated again); it is selected.",
    vi: "{name}: đã có một lần chạy giống hệt được lưu, nên kết quả của nó được dùng ngay (không mô phỏng lại); lần chạy đã được chọn.",
  },
  rerunEnded: {
    en: "{name} ended without results ({status}); nothing was selected.",
    vi: "{name} đã kết thúc mà không có kết quả ({status}); không có gì được chọn.",
  },
  closePanel: { en: "Close", vi: "Đóng" },
  compareReportTitle: { en: "Comparison: {b} against {a}", vi: "So sánh: {b} với {a}" },
  compareReportMade: {
    en: "Made with the gatesim dashboard on {when}. Model version {version}.",
    vi: "Lập bằng bảng điều khiển gatesim lúc {when}. Phiên bản mô hình {version}.",
  },
  compareReportRuns: { en: "Runs compared", vi: "Các lần chạy được so sánh" },
  compareReportRunsNote: {
    en: "The first is the reference; replications are paired (the same trucks in each pair).",
    vi: "Lần chạy đầu là mốc so sánh; các lần lặp được ghép cặp (cùng một dòng xe trong mỗi cặp).",
  },
  compareReportSettings: { en: "Settings", vi: "Thiết lập" },
  compareReportThreshold: {
    en: "Changes under {n} % are reported as too small to matter.",
    vi: "Thay đổi dưới {n} % được coi là quá nhỏ.",
  },
};
