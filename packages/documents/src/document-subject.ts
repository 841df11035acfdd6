/** What a document is of: the part of a file name that tells two downloads apart. */
export type DocumentSubject =
  | { readonly kind: 'evaluation' | 'summary' | 'report'; readonly planId: string; readonly period: string }
  | { readonly kind: 'target-history' | 'result-history'; readonly planId: string; readonly code: string; readonly period?: string | undefined }
  | { readonly kind: 'audit'; readonly planId: string };

export type DocumentKind = DocumentSubject['kind'];
