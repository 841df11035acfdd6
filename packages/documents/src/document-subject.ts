/** What a document is of: the part of a file name that tells two downloads apart. */
export type DocumentSubject =
  | { readonly kind: 'evaluation' | 'summary' | 'report'; readonly planId: string; readonly period: string }
  | { readonly kind: 'target-history' | 'result-history'; readonly planId: string; readonly code: string; readonly period?: string | undefined }
  | { readonly kind: 'audit'; readonly planId: string }
  /** A plan's workbook: `unit` when filtered to one unit, `sheet` (its name in the file's language) for one sheet as CSV. */
  | { readonly kind: 'template' | 'export'; readonly planId: string; readonly unit?: string | undefined; readonly sheet?: string | undefined }
  | { readonly kind: 'edition'; readonly planId: string; readonly period: string; readonly edition: number }
  /** `from` and `to` as the file name shows them: `e1` for edition 1, a position, or the word for now. */
  | { readonly kind: 'difference'; readonly planId: string; readonly period: string; readonly from: string; readonly to: string };

export type DocumentKind = DocumentSubject['kind'];
