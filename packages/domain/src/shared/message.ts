/**
 * Commands and events are plain readonly data with a literal `type` as the
 * discriminant (no classes), so they serialise as they are and a `switch`
 * on `type` is exhaustive.
 */
export interface Message<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data;
}
