import { createHash } from 'node:crypto';
import type { Evaluation } from './evaluation.js';
import { writeEvaluationCanonicalJson } from './evaluation-canonical-json.js';

/** Hex SHA-256 of the evaluation's canonical JSON (UTF-8): what a publication records and a replay must match. */
export function evaluationDigest(evaluation: Evaluation): string {
  const hash = createHash('sha256');
  writeEvaluationCanonicalJson(evaluation, (chunk) => hash.update(chunk, 'utf8'));
  return hash.digest('hex');
}
