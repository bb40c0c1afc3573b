// The 11 durum_gonderim codes the provider documents, alone: the activation shell's hover prefilter needs only
// this list, not the catalog of explanations (src/core/report/statuses.ts).
export const STATUS_CODES = [
  'DEFAULT',
  'SENDING',
  'WAITING',
  'DELIVERED',
  'SENT',
  'NOT_DELIVERED',
  'EXPIRED',
  'INVALID_DESTINATION_ADDRESS',
  'REJECTED',
  'SEND_ERROR',
  'BLACKLISTED_DESTINATION_ADDRESS',
] as const;

export type StatusCode = (typeof STATUS_CODES)[number];

const KNOWN: ReadonlySet<string> = new Set(STATUS_CODES);

export function isKnownStatus(code: string): code is StatusCode {
  return KNOWN.has(code);
}
