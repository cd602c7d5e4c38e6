/** The court access-control vendor, as check-ins and check-outs need it. */
export interface AccessVendorPort {
  /** Opens the court for the member; idempotent per `externalRef`. Returns the vendor's session id. */
  openCourt(request: {
    tenantId: string;
    memberId: string;
    courtId: string;
    externalRef: string;
  }): Promise<{ sessionId: string }>;
  /**
   * Ends the vendor's session (idempotent: an ended session stays ended); answers what the vendor
   * recorded as consumed on it (bar, shop), in centavos.
   */
  closeSession(request: { tenantId: string; sessionId: string }): Promise<{ consumptionCentavos: number }>;
}

export const ACCESS_VENDOR = Symbol('ACCESS_VENDOR');
