/**
 * One HTTP call as a test user: `token` as the bearer (none when null), a JSON body when one is given
 * (`undefined` sends none; anything else, `null` included, is sent as JSON), extra `headers` last.
 * Answers the raw Response for the test to assert on.
 */
export function callAs(
  baseUrl: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(token !== null ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
