/**
 * A deployment's payload as the REST API returns it: an object, or (for deployments created with
 * a string payload) JSON text. Unreadable text is no payload.
 */
export function payloadObject(payload: unknown): Record<string, unknown> | undefined {
  let p = payload;
  if (typeof p === 'string') {
    try {
      p = JSON.parse(p) as unknown;
    } catch {
      return undefined;
    }
  }
  return typeof p === 'object' && p !== null && !Array.isArray(p)
    ? (p as Record<string, unknown>)
    : undefined;
}

/**
 * The app a deploy:migrate or deploy:rollback deployment belongs to (payload.app, issue #20);
 * undefined for a repository deployed as one app.
 */
export function appOfPayload(payload: unknown): string | undefined {
  const app = payloadObject(payload)?.app;
  return typeof app === 'string' && app !== '' ? app : undefined;
}
