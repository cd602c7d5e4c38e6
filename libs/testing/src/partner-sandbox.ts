/** Payments' provider settings pointing at a partner sandbox started by the test. */
export const paymentProviderUrls = (sandboxUrl: string) => ({
  STRIPE_API_URL: sandboxUrl,
  MERCADOPAGO_API_URL: `${sandboxUrl}/mercadopago`,
  PAGSEGURO_API_URL: `${sandboxUrl}/pagseguro`,
});

/** The sandbox's admin API (`/__admin/...`): webhook targets and faults. */
export const sandboxAdmin =
  (sandboxUrl: string) =>
  (method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${sandboxUrl}/__admin/${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
