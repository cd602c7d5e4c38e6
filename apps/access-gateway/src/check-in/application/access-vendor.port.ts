/** The court access-control vendor, as the check-in needs it. */
export interface AccessVendorPort {
  /** Opens the court for the member; idempotent per `externalRef`. Returns the vendor's session id. */
  openCourt(request: {
    tenantId: string;
    memberId: string;
    courtId: string;
    externalRef: string;
  }): Promise<{ sessionId: string }>;
}

export const ACCESS_VENDOR = Symbol('ACCESS_VENDOR');
