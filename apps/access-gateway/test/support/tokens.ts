/** The `sub` of an access token: the member id the gateway acts for. */
export const tokenSubject = (token: string): string =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub as string;
