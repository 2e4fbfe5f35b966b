/**
 * The policies folder's public face: the policy interface researchers implement (types.ts), the built-in
 * rules of each decision point (one file per decision), the registry and parameter checks, and the run-time
 * bindings the model's parts call.
 */
export * from "./appointment.js";
export * from "./balking.js";
export {
  formatRunTime,
  POLICY_LOOP_BUDGET,
  type PolicyBudget,
  PolicyError,
  type PolicyModuleProvider,
} from "./binding.js";
export {
  AppointmentBinding,
  BalkingBinding,
  CallForwardBinding,
  DiversionBinding,
  LaneBinding,
  QuotaBinding,
  SelectionBinding,
} from "./bindings.js";
export * from "./call-forward.js";
export * from "./diversion.js";
export * from "./lane-allocation.js";
export * from "./quota.js";
export * from "./registry.js";
export { PolicyRuntime } from "./runtime.js";
export type { GateParts } from "./state.js";
export * from "./types.js";
export * from "./xray-selection.js";
