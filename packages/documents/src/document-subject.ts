/** What a document is of: the part of a file name that tells two downloads apart. */
export type DocumentSubject =
  | { readonly kind: 'evaluation' | 'summary'; readonly planId: string; readonly period: string }
  | { readonly kind: 'target-history' | 'result-history'; readonly planId: string; readonly code: string; readonly period?: string | undefined }
  | { readonly kind: 'audit'; readonly planId: string }
  | { readonly kind: 'edition'; readonly planId: string; readonly period: string; readonly edition: number }
  /** `from` and `to` as the file name shows them: `e1` for edition 1, a position, or the word for now. */
  | { readonly kind: 'difference'; readonly planId: string; readonly period: string; readonly from: string; readonly to: string };

export type DocumentKind = DocumentSubject['kind'];
