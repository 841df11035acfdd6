import { createHash } from 'node:crypto';
import { canonicalJson } from '@semaforo/canonical-json';
import type { Evaluation } from './evaluation.js';

/** Hex SHA-256 of the evaluation's canonical JSON (UTF-8): what a publication records and a replay must match. */
export function evaluationDigest(evaluation: Evaluation): string {
  return createHash('sha256').update(canonicalJson(evaluation), 'utf8').digest('hex');
}
