/**
 * Helpers that name a response body in the SDK's OpenAPI `paths`, so each
 * feature's types come from what the server documents and cannot drift.
 */
export type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;
export type ItemOf<T> = T extends { items: Array<infer Item> } ? Item : never;
export type BodyOf<Operation> = Operation extends { requestBody?: { content: { 'application/json': infer Body } } }
  ? Body
  : never;
