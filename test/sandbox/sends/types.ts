// The shapes of the sandbox's data: a raw report, what an answer may depend on, and the documented status codes.

/** One report object, exactly as it is serialized into `{"durum":true,"aciklama": …}`. */
export type RawReport = Readonly<Record<string, unknown>>;

/** What a report's answer may depend on: how often this number was queried on this sandbox (1 = first time). */
export interface QueryContext {
  /** 1-based count of successful queries of this send ID + number on this sandbox instance. */
  readonly query: number;
  /** How many queries a "progressing" number answers WAITING before it turns DELIVERED. */
  readonly progressAfter: number;
}

/** A fixed report, or one computed per query (the progressing number). */
export type Answer = RawReport | ((ctx: QueryContext) => RawReport);

/** The 11 documented durum_gonderim codes (docs/api.md). Kept here on purpose: the sandbox is the provider and
 *  does not import the extension's catalog. */
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
