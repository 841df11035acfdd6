import { readReportStamp, type ReportStamp } from './report-stamp.js';

/**
 * - `genuine`: regenerated from what the file says it is, the bytes are the file's;
 * - `not-genuine`: it says it is a report, but what it says does not regenerate it: the evaluation at
 *   that position has another digest (`digest-differs`), or the bytes differ (`bytes-differ`);
 * - `unreadable`: no report stamp in it (not one of our reports, or its stamp was damaged).
 */
export type ReportVerification =
  | { readonly verdict: 'genuine'; readonly stamp: ReportStamp }
  | { readonly verdict: 'not-genuine'; readonly stamp: ReportStamp; readonly reason: 'digest-differs' | 'bytes-differ'; readonly regeneratedDigest: string }
  | { readonly verdict: 'unreadable' };

/** What regenerating a stamped report gives: its bytes and the digest of the evaluation it was written from. */
export type RegenerateReport = (stamp: ReportStamp) => Promise<{ readonly bytes: Uint8Array; readonly digest: string }>;

/** Reads the stamp a file carries, regenerates the report it names and compares byte for byte. */
export async function verifyReport(file: Uint8Array, regenerate: RegenerateReport): Promise<ReportVerification> {
  const stamp = readReportStamp(file);
  if (stamp === null) return { verdict: 'unreadable' };
  const regenerated = await regenerate(stamp);
  if (regenerated.digest !== stamp.digest) return { verdict: 'not-genuine', stamp, reason: 'digest-differs', regeneratedDigest: regenerated.digest };
  if (!Buffer.from(regenerated.bytes).equals(Buffer.from(file))) {
    return { verdict: 'not-genuine', stamp, reason: 'bytes-differ', regeneratedDigest: regenerated.digest };
  }
  return { verdict: 'genuine', stamp };
}
