/** Who asked, in which flow: the fields every event and reply this service writes carries. */
export interface Flow {
  tenantId: string;
  correlationId?: string;
  causationId?: string;
}
