/** Words of the replay of the gate, English and Vietnamese (see ../i18n.js). */
export const REPLAY = {
  replayTitle: { en: "Replay of the gate", vi: "Phát lại hoạt động cửa khẩu" },
  replayOpen: { en: "Replay the gate", vi: "Phát lại cửa khẩu" },
  replayBack: { en: "Back to the results", vi: "Quay lại kết quả" },
  replayIntro: {
    en: "Watch one replication's trucks fill and drain the gate over one simulated day, from the per-truck event log.",
    vi: "Xem xe tải của một lần lặp lấp đầy và giải tỏa cửa khẩu trong một ngày mô phỏng, theo nhật ký sự kiện từng xe.",
  },
  replayNotFinished: {
    en: "A replay needs a run that has finished with results.",
    vi: "Chỉ phát lại được một lần chạy đã hoàn tất và có kết quả.",
  },
  replayReplication: { en: "Replication", vi: "Lần lặp" },
  replayDay: { en: "Day", vi: "Ngày" },
  replayDayN: { en: "Day {n}", vi: "Ngày {n}" },
  replayWarmup: { en: "warm-up", vi: "khởi động" },
  replayLoading: {
    en: "Simulating the replication again with its event log on…",
    vi: "Đang mô phỏng lại lần lặp với nhật ký sự kiện…",
  },
  replayBusy: {
    en: "The server is busy with another event log; try again in a minute.",
    vi: "Máy chủ đang bận tạo một nhật ký sự kiện khác; vui lòng thử lại sau một phút.",
  },
  replayEvents: { en: "{n} truck events on this day.", vi: "{n} sự kiện xe tải trong ngày này." },
  replayTruncated: {
    en: "The event log was cut at {n} events: the replay stops where the log ends, at {time}.",
    vi: "Nhật ký sự kiện bị cắt ở {n} sự kiện: phần phát lại dừng ở cuối nhật ký, lúc {time}.",
  },
  replayTruncatedBefore: {
    en: "The event log was cut at {n} events, before this day: pick an earlier day.",
    vi: "Nhật ký sự kiện bị cắt ở {n} sự kiện, trước ngày này: hãy chọn một ngày sớm hơn.",
  },
  replaySchematic: { en: "Trucks at the gate", vi: "Xe tải tại cửa khẩu" },
  replaySchematicNote: {
    en: "Trucks waiting at each stage and in service there (or holding a stall), at the time on the clock.",
    vi: "Số xe đang chờ ở từng khâu và đang được phục vụ tại đó (hoặc đang giữ chỗ đỗ), tại thời điểm trên đồng hồ.",
  },
  replayPlay: { en: "Play", vi: "Phát" },
  replayPause: { en: "Pause", vi: "Tạm dừng" },
  replaySpeedGroup: { en: "Speed", vi: "Tốc độ" },
  replaySpeed: { en: "{n} min/s", vi: "{n} phút/giây" },
  replayTime: { en: "Time of day", vi: "Thời điểm trong ngày" },
  replayTableCaption: {
    en: "Trucks waiting and in service per stage",
    vi: "Số xe đang chờ và đang được phục vụ theo khâu",
  },
  replayStage: { en: "Stage", vi: "Khâu" },
  replayWaiting: { en: "Waiting", vi: "Đang chờ" },
  replayServed: { en: "In service", vi: "Đang phục vụ" },
  replayNotInSchematic: { en: "Stages not drawn in the schematic", vi: "Các khâu không có trên sơ đồ" },
  replayTotals: {
    en: "In the gate: {inGate} trucks ({notCrossed} not yet across the border, {moving} between stages), and {partners} transshipment partner trucks.",
    vi: "Trong cửa khẩu: {inGate} xe ({notCrossed} xe chưa qua biên giới, {moving} xe đang di chuyển giữa các khâu) và {partners} xe đối tác sang tải.",
  },
  replayWaitingShort: { en: "waiting", vi: "chờ" },
  replayServedShort: { en: "served", vi: "phục vụ" },
};
